import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { z } from 'zod';
import type { Actor, ChatDeps, PersonRef } from '../app/usecases/context.js';
import { fail, type Outcome } from '../rotation/result.js';
import { personalChatUsed, type ConversationRecord } from '../app/usecases/conversations.js';
import type { DutyPoster } from '../app/usecases/dutyCards.js';
import { redeliverDuties } from '../app/usecases/dutyDelivery.js';
import { redeliverNoticesTo, type MoveNoticeDelivery } from '../app/usecases/moveNoticeDelivery.js';
import type { CheckPoster } from '../app/usecases/checkPosts.js';
import { redeliverChecks } from '../app/usecases/checkRetries.js';
import { retryShadowCopies, type ShadowSenders } from '../app/usecases/shadowRetry.js';
import type { OofPoster } from '../app/usecases/oofCards.js';
import { sendOofQuestions } from '../app/usecases/oofDelivery.js';
import type { Card } from './cards.js';
import { resolveAccount } from './identity.js';
import type { Messenger } from './Messenger.js';
import { say } from './reply.js';
import { cardDataProblem } from './cardDataProblem.js';

export interface BotLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * What every handler gets: collaborators come in through one options object (as in microsoft/teams.ts). `chat` is
 * what the use cases in app/usecases take; handlers pass it on and never reach into it.
 */
export interface BotDeps {
  chat: ChatDeps;
  clock: () => number;
  messenger: Messenger;
  log: BotLogger;
  /** The rotation file's name, for answers that send people there (`setup` of a rotation the file owns). */
  rotationFile?: string;
  /** The sync's horizon (ROTA_SYNC_HORIZON_WEEKS): how far the setup preview lists moved shifts, as `apply --dry-run` does. */
  horizonWeeks?: number;
  /** Sends duty cards (bot/dutyCards.ts): the ones Rota could not deliver go out when their person writes. */
  dutyPoster?: DutyPoster;
  /** Sends morning and evening checks (bot/checkPosts.ts): the ones that missed them are tried again when they write. */
  checkPoster?: CheckPoster;
  /** Sends out-of-office questions (bot/oofCards.ts): the ones that could not reach them go out when they write. */
  oofPoster?: OofPoster;
  /** Sends "your shifts moved" messages (bot/moveNotices.ts): the ones that could not reach them go out when they write. */
  moveNotices?: Omit<MoveNoticeDelivery, 'deps'>;
  /** Sends shadow copies (handoff, duty, escalation): the ones that could not reach a shadow go out when they write. */
  shadowSenders?: ShadowSenders;
}

/** A text command's handler: the command's arguments as parsed from the message. */
export type Handler = (context: TurnContext, args: string, deps: BotDeps) => Promise<void>;

/**
 * An Adaptive Card verb's handler: the action's data (not yet parsed: a handler parses what it needs, and a card that
 * misses something is answered as such). A card replaces the one clicked; a refusal is shown as a message.
 */
export type CardHandler = (context: TurnContext, data: Record<string, unknown>, deps: BotDeps) => Promise<Outcome<Card>>;

/** The person asking, as a use case's actor: now is read once, here. */
export const actorOf = (me: PersonRef, deps: BotDeps): Actor => ({ email: me.email, now: deps.clock() });

const ASKER = Symbol('rota.asker');

/**
 * The asker as a Rota person, once per turn; in a personal chat their conversation is remembered for reminders and
 * swap cards, and the reminders and duty cards Rota could not deliver to them before are sent here now.
 */
export async function asker(context: TurnContext, deps: BotDeps): Promise<PersonRef | undefined> {
  if (context.turnState.has(ASKER)) return context.turnState.get(ASKER) as PersonRef | undefined;
  const from = context.activity.from;
  const person = await resolveAccount(context, deps, { id: from.id, name: from.name, ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}) });
  context.turnState.set(ASKER, person);
  if (person && context.activity.conversation?.conversationType === 'personal') {
    const now = deps.clock();
    await personalChatUsed(deps.chat, conversationRecord(context.activity), person.email, now, (text) => say(context, text), deps.log);
    // Duty cards still open and checks still in time that could not reach them: now that this chat is stored, they go here.
    if (deps.dutyPoster) await redeliverDuties({ deps: deps.chat, poster: deps.dutyPoster, clock: deps.clock, log: deps.log }, 'chat-turn', now, { email: person.email });
    if (deps.moveNotices) await redeliverNoticesTo({ ...deps.moveNotices, deps: deps.chat }, person.email, now);
    if (deps.checkPoster) await redeliverChecks({ deps: deps.chat, poster: deps.checkPoster, log: deps.log }, 'chat-turn', now, { email: person.email });
    if (deps.shadowSenders) await retryShadowCopies(deps.chat, deps.shadowSenders, { holder: 'chat-turn', now, log: deps.log, only: { email: person.email } });
    if (deps.oofPoster) await sendOofQuestions({ deps: deps.chat, poster: deps.oofPoster, clock: deps.clock, log: deps.log }, 'chat-turn', now, { email: person.email });
  }
  return person;
}

export async function requireAsker(context: TurnContext, deps: BotDeps): Promise<PersonRef | undefined> {
  const person = await asker(context, deps);
  if (!person) await say(context, 'I could not find your e-mail address in Teams, so I cannot tell which shifts are yours. Please try again in a moment.');
  return person;
}

/**
 * A card verb's handler that needs the card's data and who clicked: the data is parsed with `schema` first (a card
 * whose data does not parse — an old card, a forged one — is answered with the field and what was expected, and
 * what to do: `again`, the command that makes a new card, when there is one for the clicker), then the asker is
 * looked up (not knowing them is the answer).
 */
export function cardRoute<S extends z.ZodType>(
  schema: S,
  handler: (context: TurnContext, data: z.infer<S>, me: PersonRef, deps: BotDeps) => Promise<Outcome<Card>>,
  again?: string,
): CardHandler {
  return async (context, data, deps) => {
    // Checked here, for the Universal Action and the Action.Submit fallback alike.
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const todo = again ? `ask again with "${again}" for a new card` : 'this card is out of date';
      return fail(`I could not read that card (${cardDataProblem(parsed.error, data)}). Nothing changed: ${todo}.`);
    }
    const me = await asker(context, deps);
    return me ? handler(context, parsed.data, me, deps) : fail('I could not tell who you are; please try again.');
  };
}

/** The conversation an activity came from, as Rota stores it (its reference without the activity id). */
export function conversationRecord(activity: Partial<Activity>): ConversationRecord {
  const reference = TurnContext.getConversationReference(activity) as ConversationReference & { activityId?: string };
  const channelData = (activity.channelData ?? {}) as { team?: { id?: string }; tenant?: { id?: string }; channel?: { id?: string } };
  const type = activity.conversation?.conversationType;
  const kind: ConversationRecord['kind'] = type === 'personal' ? 'personal' : type === 'channel' ? 'channel' : 'groupChat';
  const id = (activity.conversation?.id ?? '').split(';')[0]!;
  const { activityId: _a, ...rest } = reference;
  const tenantId = channelData.tenant?.id ?? activity.conversation?.tenantId;
  const stored: Record<string, unknown> = { ...rest, conversation: { ...rest.conversation, id } };
  return {
    conversationId: id,
    kind,
    ...(channelData.team?.id ? { teamId: channelData.team.id } : {}),
    ...(tenantId ? { tenantId } : {}),
    reference: stored,
  };
}

/**
 * Both ids of the team an activity comes from, when Teams sends both: `channelData.team.id` is the thread id and
 * `aadGroupId` the group id (Teams "Conversation events in your bot": the bot-added event carries it).
 */
export function teamPairOf(activity: Partial<Activity>): { groupId: string; threadId: string } | undefined {
  const team = (activity.channelData as { team?: { id?: unknown; aadGroupId?: unknown } } | undefined)?.team;
  return typeof team?.id === 'string' && typeof team.aadGroupId === 'string' && team.id && team.aadGroupId ? { groupId: team.aadGroupId, threadId: team.id } : undefined;
}

/** The channel's own id, when Teams names one in the activity (a reply in a thread has the thread's conversation id). */
export const channelIdOf = (activity: Partial<Activity>): string | undefined => (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;

/** Plain e-mail addresses typed in the text count as people too (handy in the terminal chat). */
export function emailsIn(args: string): string[] {
  return [...args.matchAll(/[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/g)].map((m) => m[0].toLowerCase());
}

export function withoutEmails(args: string): string {
  return args.replace(/@?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/g, ' ').replace(/\s+/g, ' ').trim();
}
