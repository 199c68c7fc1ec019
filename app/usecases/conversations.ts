import { messageOf } from '../../rotation/messageOf.js';
import type { TeamPair } from '../../rotation/teamIds.js';
import { teamIds, type ChatDeps, type ConversationRecord } from './context.js';
import { deliverPendingReminders, type ReminderLog } from './pendingReminders.js';

/**
 * Where Rota can post: the conversations it was installed in or written from, remembered for proactive posts. Every
 * write of them and every choice of where to post is here; the bot only turns an activity into a record and posts.
 */
export type { ConversationRecord };

/** A copy of a card Rota posted, where it can be updated in place. */
export interface PostedCopy {
  conversation: ConversationRecord;
  conversationId: string;
  activityId: string;
}

/**
 * Rota was added somewhere: remember the conversation, the channel's own id too when the activity names one, and in
 * a team both of its ids (Teams sends the group id as `aadGroupId` on install), so a file may name it either way.
 */
export async function rememberInstall(deps: ChatDeps, record: ConversationRecord, channelId: string | undefined, now: number, team?: TeamPair): Promise<void> {
  if (team) await deps.stores.teams.savePair(team, 'teams', now);
  await deps.stores.conversations.saveConversation(record, now);
  if (channelId && channelId !== record.conversationId) {
    await deps.stores.conversations.saveConversation({ ...record, conversationId: channelId, kind: 'channel' }, now);
  }
}

/**
 * Someone wrote in their personal chat: it is remembered as theirs, for reminders and swap cards, and the reminders
 * Rota could not deliver to them before are sent there now through `sayHere`.
 */
export async function personalChatUsed(
  deps: ChatDeps,
  record: ConversationRecord,
  email: string,
  now: number,
  sayHere: (text: string) => Promise<void>,
  log: ReminderLog,
): Promise<void> {
  await deps.stores.conversations.saveConversation({ ...record, userEmail: email }, now);
  await deliverPendingReminders(deps, email, now, sayHere, log);
}

/** A personal chat Rota opened itself (POST /v3/conversations): remembered as the person's, like one they wrote from. */
export async function rememberOpenedChat(
  deps: ChatDeps,
  opened: { conversationId: string; tenantId?: string; email: string; reference: Record<string, unknown> },
  now: number,
): Promise<void> {
  const { conversationId, tenantId, email, reference } = opened;
  await deps.stores.conversations.saveConversation({ conversationId, kind: 'personal', ...(tenantId ? { tenantId } : {}), userEmail: email, reference }, now);
}

/**
 * The stored conversation of a channel, else any in its team (for the service URL and tenant). Conversations are
 * stored under the team's thread id (what Teams sends); a channel named with the team's group id is mapped to it.
 */
export async function channelConversation(deps: ChatDeps, channel: { team: string; id: string }): Promise<ConversationRecord | undefined> {
  const own = await deps.stores.conversations.conversation(channel.id);
  if (own) return own;
  const threadId = (await teamIds(deps.stores)).threadIdOf(channel.team);
  return threadId ? deps.stores.conversations.teamConversation(threadId) : undefined;
}

/**
 * A person's stored personal chat, or what opening one takes: a conversation on the same service and an id Teams
 * accepts for the person in `members[].id` (their Teams id, else their Entra object id).
 */
export type PersonalRoute = { stored: ConversationRecord } | { open: { via: ConversationRecord; userId: string } };

/** A person Rota could not reach in a personal chat, and why (the reason `rota status` shows). */
export class PersonUnreachable extends Error {
  constructor(
    readonly email: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'PersonUnreachable';
  }
}

/** The reason recorded when Teams refuses a 1:1 chat because the app is not installed for the person. */
export const notInstalledReason = (email: string) =>
  `Rota is not installed for ${email} in Teams (the Bot Connector answered 403); kept, and tried again`;

/**
 * How to reach a person in a personal chat: the one stored for them; else, when `opening` allows, a new one opened
 * through another conversation (for its service URL and tenant). `opening` names that conversation and an id Teams
 * accepts for them (Teams id or Entra object id), or is 'any': any stored conversation and the best id known for them, even if they never wrote
 * to Rota (the Teams id, else the Entra object id Teams gave, else the one the Graph sync resolved). Undefined: Rota
 * cannot reach them.
 */
export async function personalRoute(
  deps: ChatDeps,
  email: string,
  opening?: { via: ConversationRecord; userId: string | undefined } | 'any',
): Promise<PersonalRoute | undefined> {
  const stored = await deps.stores.conversations.personalConversation(email);
  if (stored) return { stored };
  if (opening === undefined) return undefined;
  if (opening !== 'any') return opening.userId ? { open: { via: opening.via, userId: opening.userId } } : undefined;
  const userId = await personalUserId(deps, email);
  const via = userId ? await deps.stores.conversations.anyConversation() : undefined;
  return userId && via ? { open: { via, userId } } : undefined;
}

/** The id to open a 1:1 chat with: Teams id, else the Entra object id Teams gave, else the one the sync resolved. */
async function personalUserId(deps: ChatDeps, email: string): Promise<string | undefined> {
  const person = (await deps.stores.people.people([email])).get(email);
  return person?.teamsId ?? person?.aadObjectId ?? (await deps.stores.syncState.identities([email.toLowerCase()])).get(email.toLowerCase())?.objectId;
}

/** The copies of a card (one per person, as a swap records them) that can be updated, every one but `except`'s. */
export async function postedCopies(
  deps: ChatDeps,
  cards: Record<string, { conversationId: string; activityId: string }>,
  except?: string,
): Promise<PostedCopy[]> {
  const copies: PostedCopy[] = [];
  for (const [who, where] of Object.entries(cards)) {
    if (who === except) continue;
    const conversation = await deps.stores.conversations.conversation(where.conversationId);
    if (conversation) copies.push({ conversation, ...where });
  }
  return copies;
}

/** Why a personal message was not sent, as recorded: the reason Rota could not reach them, or the send's failure. */
export function unreachableReason(err: unknown): string {
  return err instanceof PersonUnreachable ? err.reason : `sending failed: ${messageOf(err)}`;
}

/** The reason recorded when a person has no personal chat with Rota and no id to open one with. */
export const NO_PERSONAL_CHAT = 'Rota has no personal chat with them yet, and no id to open one with';
