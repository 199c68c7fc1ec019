import { installRefusal, sizeRefusal, tagRefusal, type ConnectorTenant } from '../connectorRules.js';
import type { Answer } from './answer.js';
import { memberById, type StandInMember } from './members.js';

/** What the conversation routes need of the stand-in; `next` numbers new conversations and activities alike. */
export interface ConversationsContext {
  known: ReadonlyMap<string, StandInMember>;
  personalChats: Map<string, Set<string>>;
  tenant: ConnectorTenant;
  next: number;
  /** The stand-in's own URL, the serviceUrl of the conversations it creates. */
  url: string;
}

/**
 * - POST /v3/conversations (create a 1:1 chat or a channel thread) → ConversationResourceResponse `{id, activityId?,
 *   serviceUrl}`; a 1:1 chat knows the member it was opened with. Refused as Teams refuses (connectorRules.ts): a 1:1
 *   chat with someone Rota is not installed for (403), a first message over the size limit (413) or mentioning a tag
 *   it may not (400).
 * - POST /v3/conversations/{id}/activities[/{replyToId}] (send, reply) → ResourceResponse `{id}`; PUT
 *   /v3/conversations/{id}/activities/{activityId} (update a card in place) → `{id}`; refused when over the size
 *   limit (413) or mentioning a tag outside a standard channel or one the team does not have (400).
 * Undefined for any other request.
 */
export function conversationsRoute(ctx: ConversationsContext, method: string, path: string, body: Record<string, unknown>): Answer | undefined {
  if (method === 'POST' && path === '/v3/conversations') {
    const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    const first = body.activity as Record<string, unknown> | undefined;
    const refused = channel
      ? first && (sizeRefusal(first) ?? tagRefusal(ctx.tenant, channel, first))
      : installRefusal(memberById(ctx.known, ((body.members as Array<{ id?: string }> | undefined) ?? [])[0]?.id ?? ''));
    if (refused) return refused;
    const id = channel ? `${channel};messageid=thread-${ctx.next}` : `a:new-chat-${ctx.next}`;
    if (!channel) ctx.personalChats.set(id, new Set([((body.members as Array<{ id?: string }> | undefined) ?? [])[0]?.id ?? '']));
    const activityId = body.activity ? `reply-${ctx.next}` : undefined;
    ctx.next++;
    return { status: 201, body: { id, ...(activityId ? { activityId } : {}), serviceUrl: ctx.url } };
  }
  if (/^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(path) && (method === 'POST' || method === 'PUT')) {
    const refused = sizeRefusal(body) ?? tagRefusal(ctx.tenant, decodeURIComponent(path.split('/')[3]!), body);
    if (refused) return refused;
    const id = method === 'PUT' ? decodeURIComponent(path.split('/').pop()!) : `reply-${ctx.next++}`;
    return { status: 200, body: { id } };
  }
  return undefined;
}
