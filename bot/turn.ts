import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { ChatDeps, ConversationRecord, PersonRef } from '../app/usecases/context.js';
import { deliverPendingReminders } from '../app/jobs/reminders.js';
import { attachment, type Card } from './cards.js';
import { resolveAccount } from './identity.js';
import type { Rich } from './mentions.js';
import type { Messenger } from './Messenger.js';

export interface BotLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What every handler gets: collaborators come in through one options object (as in microsoft/teams.ts). */
export interface BotDeps {
  chat: ChatDeps;
  clock: () => number;
  messenger: Messenger;
  log: BotLogger;
  /** The rotation file's name, for answers that send people there (`setup` of a rotation the file owns). */
  rotationFile?: string;
}

export type Handler = (context: TurnContext, args: string, deps: BotDeps) => Promise<void>;

export async function say(context: TurnContext, message: string | Rich): Promise<void> {
  if (typeof message === 'string') await context.sendActivity({ type: 'message', text: message, textFormat: 'markdown' });
  else await context.sendActivity({ type: 'message', text: message.text, textFormat: 'markdown', entities: message.entities });
}

export async function sendCard(context: TurnContext, card: Card, text?: string): Promise<string | undefined> {
  const res = await context.sendActivity({ type: 'message', attachments: [attachment(card)], ...(text ? { text } : {}) });
  return res?.id;
}

const ASKER = Symbol('rota.asker');

/**
 * The asker as a Rota person, once per turn; in a personal chat their conversation is remembered for reminders and
 * swap cards, and the reminders Rota could not deliver to them before are sent here now.
 */
export async function asker(context: TurnContext, deps: BotDeps): Promise<PersonRef | undefined> {
  if (context.turnState.has(ASKER)) return context.turnState.get(ASKER) as PersonRef | undefined;
  const from = context.activity.from;
  const person = await resolveAccount(context, deps.chat.stores.people, { id: from.id, name: from.name, ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}) }, deps.clock(), deps.log);
  context.turnState.set(ASKER, person);
  if (person && context.activity.conversation?.conversationType === 'personal') {
    await deps.chat.stores.conversations.saveConversation(conversationRecord(context.activity, person.email), deps.clock());
    await deliverPendingReminders(deps.chat, person.email, deps.clock(), (text) => say(context, text), deps.log);
  }
  return person;
}

export async function requireAsker(context: TurnContext, deps: BotDeps): Promise<PersonRef | undefined> {
  const person = await asker(context, deps);
  if (!person) await say(context, 'I could not find your e-mail address in Teams, so I cannot tell which shifts are yours. Please try again in a moment.');
  return person;
}

export function conversationRecord(activity: Partial<Activity>, userEmail?: string): ConversationRecord {
  const reference = TurnContext.getConversationReference(activity) as ConversationReference;
  const channelData = (activity.channelData ?? {}) as { team?: { id?: string }; tenant?: { id?: string }; channel?: { id?: string } };
  const type = activity.conversation?.conversationType;
  const kind: ConversationRecord['kind'] = type === 'personal' ? 'personal' : type === 'channel' ? 'channel' : 'groupChat';
  const id = (activity.conversation?.id ?? '').split(';')[0]!;
  const { activityId: _a, ...rest } = reference as ConversationReference & { activityId?: string };
  const tenantId = channelData.tenant?.id ?? activity.conversation?.tenantId;
  return {
    conversationId: id,
    kind,
    ...(channelData.team?.id ? { teamId: channelData.team.id } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(userEmail && kind === 'personal' ? { userEmail } : {}),
    reference: { ...rest, conversation: { ...rest.conversation, id } } as unknown as Record<string, unknown>,
  };
}

/** Plain e-mail addresses typed in the text count as people too (handy in the terminal chat). */
export function emailsIn(args: string): string[] {
  return [...args.matchAll(/[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/g)].map((m) => m[0].toLowerCase());
}

export function withoutEmails(args: string): string {
  return args.replace(/@?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/g, ' ').replace(/\s+/g, ' ').trim();
}
