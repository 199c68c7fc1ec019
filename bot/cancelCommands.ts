import type { TurnContext } from 'botbuilder';
import { cancelChange, cancelTimeOff as cancelTimeOffChange, myChanges as myChangesOf, type CancelActor, type Cancelled, type MovedBack } from '../app/usecases/cancel.js';
import { describeItem, MORE } from '../app/usecases/changeText.js';
import { personRefs, type PersonRef } from '../app/usecases/context.js';
import { when } from '../app/usecases/format.js';
import type { Outcome } from '../rotation/result.js';
import { swapCard } from './cards.js';
import { updateSwapCardsInPlace } from './cardActions.js';
import { mention, mentionedPeople, people, rich, type Rich } from './mentions.js';
import { resolveAccount } from './identity.js';
import { emailsIn, requireAsker, say, type BotDeps, type Handler } from './turn.js';
import { messageOf } from '../rotation/messageOf.js';

const actorOf = (me: PersonRef, deps: BotDeps): CancelActor => ({ email: me.email, now: deps.clock(), source: 'chat' });

/** `my changes` (an admin may add @person): the numbered list `cancel N` refers to. */
export const myChanges: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  const whose = await namedPerson(context, args, deps);
  const listed = await myChangesOf(deps.chat, actorOf(me, deps), whose ?? me.email);
  if (!listed.ok) return say(context, listed.error);
  const { items } = listed.value;
  const other = whose && whose !== me.email ? whose : undefined;
  if (items.length === 0) return say(context, `${other ? `${other} has` : 'You have'} no changes in effect that can be cancelled.`);
  const lines = items.map((i, n) => `\n${n + 1}. \`${i.shortId}\` ${describeItem(i)}`);
  await say(context, `${other ? `${other}'s` : 'Your'} changes still in effect (say **cancel 1**, or **cancel** with the id):${lines.join('')}`);
};

async function namedPerson(context: TurnContext, args: string, deps: BotDeps): Promise<string | undefined> {
  const [m] = mentionedPeople(context.activity);
  if (m) return (await resolveAccount(context, deps.chat.stores.people, { id: m.id, name: m.name }, deps.clock(), deps.log))?.email;
  return emailsIn(args)[0];
}

/** `cancel 2`, `cancel 3f9a1c`. */
export const cancel: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  await answer(context, deps, me, await cancelChange(deps.chat, actorOf(me, deps), args));
};

/** `cancel time off`, `time off cancel`, `cancel my time off on 2026-12-07`. */
export const cancelTimeOff: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  await answer(context, deps, me, await cancelTimeOffChange(deps.chat, actorOf(me, deps), args));
};

async function answer(context: TurnContext, deps: BotDeps, me: PersonRef, done: Outcome<Cancelled>): Promise<void> {
  if (!done.ok) return say(context, done.error);
  const c = done.value;
  const refs = await personRefs(deps.chat.stores.people, [...new Set([...c.moved.flatMap((m) => [...m.before, ...m.after]), ...c.tell])]);
  const moved = c.moved.map((m) => rich(['\n- ', movedLine(m, refs, deps.clock())]));
  const how = c.effect === 'removed' ? 'it had not started, so it is gone' : 'it had started: it ends now and the part before stays';
  const parts: Array<string | Rich> = [`Cancelled: ${describeItem(c.item)} (${how}).`, ...(moved.length ? moved : [' No shift changed hands.']), ...(c.more ? [`\n${MORE}`] : [])];
  // Both cards say so in place, for a withdrawn proposal as for an accepted swap taken back.
  if (c.item.kind === 'swap') await updateSwapCards(deps, c);
  const missed: PersonRef[] = [];
  for (const email of c.tell) if (!(await tellOther(deps, me, c, refs, email))) missed.push(refs.get(email)!);
  if (missed.length) parts.push('\n', rich(['I could not tell ', people(missed), ': I have no personal chat with them yet; please let them know.']));
  await say(context, rich(parts));
}

function movedLine(m: MovedBack, refs: Map<string, PersonRef>, now: number): Rich {
  const z = m.rotation.timezone;
  const who = (emails: string[]) => people(emails.map((e) => refs.get(e) ?? { email: e }));
  return rich([`**${m.rotation.name}** ${when(m.start, z, now)} – ${when(m.end, z, now)} is `, who(m.after), `'s again (was `, who(m.before), ')']);
}

/** A withdrawn proposal or a cancelled swap: both cards (proposer's and counterpart's) lose their buttons and say so, in place. */
async function updateSwapCards(deps: BotDeps, c: Cancelled): Promise<void> {
  if (c.item.kind !== 'swap') return;
  const { swap: s, rotation, mine, theirs } = c.item;
  const known = await personRefs(deps.chat.stores.people, [s.proposer, s.counterpart]);
  const card = swapCard(
    { swapId: s.id, rotation, proposer: known.get(s.proposer)!, counterpart: known.get(s.counterpart)!, mine, theirs, state: 'cancelled', expiresAt: s.expiresAt, decidedAt: deps.clock() },
    false,
  );
  await updateSwapCardsInPlace(deps, s.cards, card);
}

/** The other person of an accepted swap hears it in their personal chat; false when Rota has none with them. */
async function tellOther(deps: BotDeps, me: PersonRef, c: Cancelled, refs: Map<string, PersonRef>, email: string): Promise<boolean> {
  const stored = await deps.chat.stores.conversations.personalConversation(email);
  if (!stored) return false;
  const moved = c.moved.map((m) => rich(['\n- ', movedLine(m, refs, deps.clock())]));
  const text = rich([mention(me), ` cancelled the ${describeItem(c.item)}.`, ...moved]);
  return deps.messenger
    .send(stored.reference, { text: text.text, entities: text.entities, textFormat: 'markdown' })
    .then(() => true)
    .catch((err: unknown) => {
      deps.log.warn({ err: messageOf(err), to: email }, 'could not tell the other person about a cancelled swap');
      return false;
    });
}
