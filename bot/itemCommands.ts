import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { when } from '../app/usecases/format.js';
import { addItem, assignItem, closeItem, listItems, showItem, type ItemHistoryLine } from '../app/usecases/items.js';
import type { PersonRef } from '../app/usecases/context.js';
import { unreachableReason, NO_PERSONAL_CHAT } from '../app/usecases/conversations.js';
import { tellNewHolder } from '../app/usecases/itemNotices.js';
import { acceptItems } from '../app/usecases/itemAccept.js';
import { answerTakeOver, askTakeOver, takeOverUndelivered } from '../app/usecases/itemTakeOver.js';
import type { ItemView } from '../app/usecases/itemViews.js';
import { askerAndOther } from './changeCommands.js';
import { attachment } from './cards.js';
import { takeOverCard } from './itemCards.js';
import { mention, rich, type Rich } from './mentions.js';
import { normalise } from './parseCommand.js';
import { sendPersonally } from './posts.js';
import { cardAnswer, reply } from './reply.js';
import { actorOf, cardRoute, conversationRecord, requireAsker, withoutEmails, type Handler } from './turn.js';
import { messageOf } from '../rotation/messageOf.js';

const NO_CHAT = NO_PERSONAL_CHAT;

/** At most this many items a list shows; the rest are counted. */
const MAX_LISTED = 30;

/**
 * The arguments as typed: parseCommand lower-cases the text, but an item's text keeps the person's spelling
 * ("INC-4711", a link's path). The case-kept message ends with the same characters as `args`.
 */
export function typedArgs(context: TurnContext, args: string): string {
  const raw = normalise(context.activity.text ?? '', true);
  return raw.length >= args.length && raw.toLowerCase().endsWith(args) ? raw.slice(raw.length - args.length) : args;
}

/** "#3 Backups failed — @Alice, since Wed 4 Mar 10:00 GMT+1, awaiting acceptance". */
function itemLine(i: ItemView, zone: string, now: number): Rich {
  const kind = i.kind === 'escalation' ? ' 🚨' : '';
  return rich([`**#${i.n}**${kind} (${i.rotationId}) ${i.text} — `, mention(i.holder), `, since ${when(i.openedAt, zone, now)}${i.awaitingAcceptance ? ', awaiting acceptance' : ''}${i.closedAt !== undefined ? `, closed ${when(i.closedAt, zone, now)}` : ''}`]);
}

/** `item add [rotation] <text or link>`. */
export const itemAdd: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  const actor = actorOf(me, deps);
  await reply(context, await addItem(deps.chat, actor, typedArgs(context, args)), ({ item, rotation, onDutyFrom }) => {
    // Opened in an `hours` gap: held by the next person on duty, who is told when that is.
    const since = onDutyFrom !== undefined ? `, on duty from ${when(onDutyFrom, rotation.timezone, actor.now)}.` : item.holder.email === me.email ? '.' : ', on duty now.';
    return rich([`Added **#${item.n}** to **${rotation.name}**: ${item.text}\n\nHeld by `, mention(item.holder), since]);
  });
};

/** `items [rotation] [all]`. */
export const items: Handler = async (context, args, deps) => {
  const now = deps.clock();
  await reply(context, await listItems(deps.chat, args), ({ items: list, rotations, all, fileZone }) => {
    if (list.length === 0) return all ? 'There are no items yet. Add one: "item add <text or link>".' : 'No open items. Add one: "item add <text or link>".';
    const zone = (rotationId: string) => rotations.find((r) => r.id === rotationId)?.timezone ?? fileZone;
    const lines = list.slice(0, MAX_LISTED).map((i) => rich(['\n- ', itemLine(i, zone(i.rotationId), now)]));
    const more = list.length > MAX_LISTED ? [`\n- …and ${list.length - MAX_LISTED} more.`] : [];
    return rich([`${all ? 'Items' : 'Open items'} (${list.length}):`, ...lines, ...more]);
  });
};

const HISTORY: Record<ItemHistoryLine['kind'], (l: ItemHistoryLine) => Array<string | Rich>> = {
  opened: (l) => ['opened by ', mention(l.actor), ...(l.to ? [', held by ', mention(l.to)] : [])],
  assigned: (l) => ['passed by ', mention(l.actor), ' from ', ...(l.from ? [mention(l.from)] : []), ' to ', ...(l.to ? [mention(l.to)] : [])],
  taken: (l) => ['taken over by ', ...(l.to ? [mention(l.to)] : []), ' from ', ...(l.from ? [mention(l.from)] : []), ' (they agreed)'],
  passed: (l) => ['passed at the handoff from ', ...(l.from ? [mention(l.from)] : []), ' to ', ...(l.to ? [mention(l.to)] : [])],
  accepted: (l) => ['accepted by ', mention(l.actor)],
  closed: (l) => ['closed by ', mention(l.actor), ...(l.note ? [`: ${l.note}`] : [])],
};

/** `item <n>`: the item and its history. */
export const item: Handler = async (context, args, deps) => {
  const now = deps.clock();
  await reply(context, await showItem(deps.chat, args), ({ item: i, rotation, history, notPosted, zone }) => {
    const state = i.closedAt !== undefined ? 'Closed.' : i.awaitingAcceptance ? 'Awaiting acceptance by ' : 'Held by ';
    const lines = history.map((l) => rich([`\n- ${when(l.at, zone, now)}: `, ...HISTORY[l.kind](l)]));
    return rich([`**#${i.n}**${i.kind === 'escalation' ? ' (escalation)' : ''} in **${rotation?.name ?? i.rotationId}**: ${i.text}\n\n${state}`, ...(i.closedAt === undefined ? [mention(i.holder), '.'] : []), ...(i.escalatedTo?.length ? ['\n\nEscalated to ', rich(i.escalatedTo.map(mention), ', '), '.'] : []), ...(notPosted ? [`\n\nNot posted to the channel: ${notPosted}.`] : []), '\n\nHistory:', ...lines]);
  });
};

/** `item done <n> [note]`. */
export const itemDone: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  await reply(context, await closeItem(deps.chat, actorOf(me, deps), typedArgs(context, args)), (i) => `Closed **#${i.n}**: ${i.text}${i.closeNote ? ` (${i.closeNote})` : ''}`);
};

/** `item accept [n]` (also `items accept`): the items a handoff passed to the asker are theirs now. */
export const itemAccept: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  await reply(context, await acceptItems(deps.chat, actorOf(me, deps), args), (accepted) =>
    `Accepted ${accepted.map((i) => `**#${i.n}** ${i.text}`).join('; ')}. ${accepted.length === 1 ? 'It is' : 'They are'} yours until closed or passed on.`,
  );
};

/** `item assign <n> @person`. */
export const itemAssign: Handler = async (context, args, deps) => {
  const pair = await askerAndOther(context, args, deps, 'Pass it to whom? Mention them: item assign 12 @person');
  if (!pair) return;
  const { me, other } = pair;
  const actor = actorOf(me, deps);
  await reply(context, await assignItem(deps.chat, actor, withoutEmails(args), other), async ({ item: i, from, rotationName }) => {
    const send = async (to: PersonRef, text: string) => (await sendPersonally(deps, to.email, { text, textFormat: 'markdown' }, 'any')) !== undefined;
    const told = i.holder.email === me.email ? { told: true as const } : await tellNewHolder(deps.chat, actor, i, me, rotationName, send);
    const said = told.told ? [] : [`\n\nI could not tell `, mention(i.holder), ` in a personal chat (${told.reason}); let them know yourself.`];
    return rich([`**#${i.n}** is now held by `, mention(i.holder), ' (it was ', mention(from), `'s): ${i.text}`, ...said]);
  });
};

/** `item take <n>`: a card asks the holder in their personal chat; nothing moves until they answer. */
export const itemTake: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  const now = deps.clock();
  await reply(context, await askTakeOver(deps.chat, actorOf(me, deps), args), async (view) => {
    const holder = view.holder;
    const here = conversationRecord(context.activity);
    const card = takeOverCard(view, now);
    const sent = await sendPersonally(deps, holder.email, { attachments: [attachment(card)] }, { via: here, userId: holder.teamsId ?? holder.aadObjectId ?? holder.objectId }).then(
      (where) => where ?? NO_CHAT,
      (err: unknown) => unreachableReason(err),
    );
    if (typeof sent === 'string') {
      // Nobody will answer a card that never arrived: the request is closed with the reason, and the asker told.
      deps.log.warn({ reason: sent, item: view.item.n }, 'could not send the take-over card');
      await takeOverUndelivered(deps.chat, actorOf(me, deps), view.requestId, sent);
      return rich(['I cannot reach ', mention(holder), ` in a personal chat (${sent}), so I closed the request. Ask them to pass it to you: "item assign ${view.item.n} @you".`]);
    }
    return rich(['I asked ', mention(holder), ` to let you take over **#${view.item.n}**: ${view.item.text}. I will tell you their answer.`]);
  });
};

const takeData = z.object({ requestId: z.string().min(1) });

/** "Let them" / "Keep it" on the take-over card: the card updates in place; the requester is told. */
const answer = (accept: boolean) =>
  cardRoute(takeData, async (_context, { requestId }, me, deps) => {
    const now = deps.clock();
    return cardAnswer(await answerTakeOver(deps.chat, actorOf(me, deps), requestId, accept), async (view) => {
      if (view.answeredNow) {
        const said: Record<string, Rich | undefined> = {
          accepted: rich([mention(view.holder), ` let you take over **#${view.item.n}**: ${view.item.text}. It is yours now.`]),
          declined: rich([mention(view.holder), ` keeps **#${view.item.n}**: ${view.item.text}.`]),
          stale: rich([`**#${view.item.n}** changed hands or closed before `, mention(view.holder), ' answered; nothing changed.']),
        };
        const text = said[view.state];
        if (text) {
          await sendPersonally(deps, view.requester.email, { text: text.text, entities: text.entities, textFormat: 'markdown' }, 'any').catch((err: unknown) => {
            deps.log.warn({ err: messageOf(err), item: view.item.n }, 'could not tell the requester the take-over answer');
          });
        }
      }
      return takeOverCard(view, now);
    });
  });

export const acceptTakeOver = answer(true);
export const declineTakeOver = answer(false);
