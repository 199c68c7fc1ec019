import { connectorError, type Answer } from './answer.js';

/** A Teams user as the connector's member API returns it (a TeamsChannelAccount). */
export interface StandInMember {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
  userPrincipalName?: string;
  /**
   * Rota installed for them (personal scope). Default false, as in a tenant: a 1:1 chat cannot be created (403)
   * until they install Rota themselves (`installActivity` in a personal chat, or any activity there, told through `delivered`) or the
   * sync installs it for them (`installApp`, which the Graph stand-in's onAppInstalled calls).
   */
  installed?: boolean;
}

/** What the member routes need of the stand-in: the accounts it knows, and who is in which personal chat. */
export interface MembersContext {
  /** By Teams id. */
  known: ReadonlyMap<string, StandInMember>;
  /** Personal chat id → the ids (Teams or Entra object ids) of the user in it. */
  personalChats: ReadonlyMap<string, Set<string>>;
}

/** A member by Teams id, else by Entra object id (how installations name people). */
export function memberById(known: ReadonlyMap<string, StandInMember>, id: string): StandInMember | undefined {
  return known.get(id) ?? [...known.values()].find((m) => m.aadObjectId === id);
}

/** A member by Teams user id, else by Entra object id or UPN (case-insensitive), as "Get single member details" finds them. */
function memberBy(known: ReadonlyMap<string, StandInMember>, userId: string): StandInMember | undefined {
  const lower = userId.toLowerCase();
  return known.get(userId) ?? [...known.values()].find((m) => m.aadObjectId === userId || (m.userPrincipalName ?? m.email).toLowerCase() === lower);
}

/**
 * - GET /v3/conversations/{id}/members/{userId} (a Teams id, UPN or Entra object id) → a TeamsChannelAccount with
 *   email, userPrincipalName, aadObjectId; a personal chat (a:…) knows only its own user, a team's conversation
 *   every member (else 404 MemberNotFoundInConversation)
 * - GET /v3/conversations/{teamId}/pagedmembers → `{members}` (the team roster, one page)
 * Undefined for any other request.
 */
export function membersRoute(ctx: MembersContext, method: string, path: string): Answer | undefined {
  const member = /^\/v3\/conversations\/[^/]+\/members\/([^/?]+)$/.exec(path);
  if (method === 'GET' && member) {
    // "Get single member details" takes the Teams user id, the UPN or the Entra object id (msteams-docs, "Get
    // Teams specific context for your bot"; https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context).
    // Not the mail address: a person whose mail differs from their UPN is not found by it.
    // Which conversation asks matters: a personal chat knows only its user (and the bot), a team's conversation
    // (a channel, the team's thread id) all the team's members; elsewhere 404 MemberNotFoundInConversation
    // ("Get single member details": the user must be a member of the conversation).
    const conversation = decodeURIComponent(path.split('/')[3]!);
    const m = memberBy(ctx.known, decodeURIComponent(member[1]!));
    const chat = ctx.personalChats.get(conversation);
    const inChat = !conversation.startsWith('a:') || (m !== undefined && (chat?.has(m.id) || chat?.has(m.aadObjectId)));
    if (!m || !inChat) return connectorError(404, 'MemberNotFoundInConversation', 'The member was not found');
    return { status: 200, body: { ...m, userPrincipalName: m.userPrincipalName ?? m.email, givenName: m.name.split(' ')[0], tenantId: 'tenant-1', userRole: 'user' } };
  }
  if (method === 'GET' && /^\/v3\/conversations\/[^/]+\/pagedmembers(\?.*)?$/.test(path)) {
    const members = [...ctx.known.values()].map((m) => ({ ...m, userPrincipalName: m.userPrincipalName ?? m.email, tenantId: 'tenant-1', userRole: 'user' }));
    return { status: 200, body: { members } };
  }
  return undefined;
}
