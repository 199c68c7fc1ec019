import type { TurnContext } from 'botbuilder';
import { cancelChange, cancelTimeOff as cancelTimeOffChange, myChanges as myChangesOf, type CancelActor, type Cancelled, type MovedBack } from '../app/usecases/cancel.js';
import { cancelNotices } from '../app/usecases/cancelNotices.js';
import { describeItem, MORE } from '../app/usecases/changeText.js';
import type { PersonRef } from '../app/usecases/context.js';
import { when } from '../app/usecases/format.js';
import { swapCard } from './cards.js';
import { resolveAccount } from './identity.js';
import { mention, mentionedPeople, people, rich, type Rich } from './mentions.js';
import { updateCopies } from './posts.js';
import { reply } from './reply.js';
import { emailsIn, requireAsker, type BotDeps, type Handler } from './turn.js';
import { messageOf } from '../rotation/messageOf.js';

const cancelActor = (me: PersonRef, deps: BotDeps): CancelActor => ({ email: me.email, now: deps.clock(), source: 'chat' });

/** `my changes` (an admin may add @person): the numbered list `cancel N` refers to. */
export const myChanges: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  const whose = await namedPerson(context, args, deps);
  await reply(context, await myChangesOf(deps.chat, cancelActor(me, deps), whose ?? me.email), ({ items }) => {
    const other = whose && whose !== me.email ? whose : undefined;
    if (items.length === 0) return `${other ? `${other} has` : 'You have'} no changes in effect that can be cancelled.`;
    const lines = items.map((i, n) => `\n${n + 1}. \`${i.shortId}\` ${describeItem(i)}`);
    return `${other ? `${other}'s` : 'Your'} changes still in effect (say **cancel 1**, or **cancel** with the id):${lines.join('')}`;
  });
};

async function namedPerson(context: TurnContext, args: string, deps: BotDeps): Promise<string | undefined> {
  const [m] = mentionedPeople(context.activity);
  if (m) return (await resolveAccount(context, deps, { id: m.id, name: m.name }))?.email;
  return emailsIn(args)[0];
}

/** `cancel 2`, `cancel 3f9a1c`. */
export const cancel: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  await reply(context, await cancelChange(deps.chat, cancelActor(me, deps), args), (c) => answer(deps, me, c));
};

/** `cancel time off`, `time off cancel`, `cancel my time off on 2026-12-07`. */
export const cancelTimeOff: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  await reply(context, await cancelTimeOffChange(deps.chat, cancelActor(me, deps), args), (c) => answer(deps, me, c));
};

/** What changed back; both swap cards say so in place; the other person of a swap hears it, or the asker is told they could not. */
async function answer(deps: BotDeps, me: PersonRef, c: Cancelled): Promise<Rich> {
  const notices = await cancelNotices(deps.chat, c, deps.clock());
  const moved = c.moved.map((m) => rich(['\n- ', movedLine(m, notices.people, deps.clock())]));
  const how = c.effect === 'removed' ? 'it had not started, so it is gone' : 'it had started: it ends now and the part before stays';
  const parts: Array<string | Rich> = [`Cancelled: ${describeItem(c.item)} (${how}).`, ...(moved.length ? moved : [' No shift changed hands.']), ...(c.more ? [`\n${MORE}`] : [])];
  // Both cards say so in place, for a withdrawn proposal as for an accepted swap taken back.
  if (notices.swapCards) await updateCopies(deps, notices.swapCards.copies, swapCard(notices.swapCards.card, false), 'swap card');
  const missed: PersonRef[] = [];
  for (const t of notices.tell) if (!(await tellOther(deps, me, c, notices.people, t))) missed.push(t.person);
  if (missed.length) parts.push('\n', rich(['I could not tell ', people(missed), ': I have no personal chat with them yet; please let them know.']));
  return rich(parts);
}

function movedLine(m: MovedBack, refs: Map<string, PersonRef>, now: number): Rich {
  const z = m.rotation.timezone;
  const who = (emails: string[]) => people(emails.map((e) => refs.get(e) ?? { email: e }));
  return rich([`**${m.rotation.name}** ${when(m.start, z, now)} – ${when(m.end, z, now)} is `, who(m.after), `'s again (was `, who(m.before), ')']);
}

/** The other person of an accepted swap hears it in their personal chat; false when Rota has none with them. */
async function tellOther(deps: BotDeps, me: PersonRef, c: Cancelled, refs: Map<string, PersonRef>, to: { person: PersonRef; chat?: { reference: Record<string, unknown> } }): Promise<boolean> {
  if (!to.chat) return false;
  const moved = c.moved.map((m) => rich(['\n- ', movedLine(m, refs, deps.clock())]));
  const text = rich([mention(me), ` cancelled the ${describeItem(c.item)}.`, ...moved]);
  return deps.messenger
    .send(to.chat.reference, { text: text.text, entities: text.entities, textFormat: 'markdown' })
    .then(() => true)
    .catch((err: unknown) => {
      deps.log.warn({ err: messageOf(err), to: to.person.email }, 'could not tell the other person about a cancelled swap');
      return false;
    });
}
