import { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import { cover as coverChange, coverRange, type CoverResult } from '../app/usecases/changes.js';
import type { PersonRef } from '../app/usecases/context.js';
import { handoverForms, saveHandover } from '../app/usecases/handoverForms.js';
import { peopleShown } from '../app/usecases/people.js';
import { formatLeads } from '../app/usecases/reminderLeads.js';
import { remindCommand } from '../app/usecases/reminderSettings.js';
import { subscribeHere, subscriptionPlace } from '../app/usecases/subscribeHere.js';
import { when } from '../app/usecases/format.js';
import { handoverForm, noticeCard } from './cards.js';
import { coverConfirmCard } from './confirmCards.js';
import { resolveAccount } from './identity.js';
import { mention, mentionedPeople, people, rich, type Rich } from './mentions.js';
import { cardAnswer, reply, say } from './reply.js';
import { teamDetails } from './teamDetails.js';
import { doubleBookedLines, MAX_LINES } from './timeOffCommands.js';
import { actorOf, cardRoute, channelIdOf, conversationRecord, emailsIn, requireAsker, teamPairOf, withoutEmails, type BotDeps, type Handler } from './turn.js';

/** The person a change is about: the first @mention (not the bot), else an e-mail address in the text. */
async function otherPerson(context: TurnContext, args: string, deps: BotDeps): Promise<PersonRef | undefined> {
  const [m] = mentionedPeople(context.activity);
  if (m) return resolveAccount(context, deps, { id: m.id, name: m.name });
  const [email] = emailsIn(args);
  return email ? (await peopleShown(deps.chat, [email])).get(email) : undefined;
}

/** The asker and the person the change is about; undefined once the asker has been told what is missing. */
export async function askerAndOther(context: TurnContext, args: string, deps: BotDeps, whom: string): Promise<{ me: PersonRef; other: PersonRef } | undefined> {
  const me = await requireAsker(context, deps);
  if (!me) return undefined;
  const other = await otherPerson(context, args, deps);
  if (!other) {
    await say(context, whom);
    return undefined;
  }
  return { me, other };
}

/** `cover @person <from> to <to> [rotation]` (also `override`): written at once, or a long one confirmed on a card first. */
export const cover: Handler = async (context, args, deps) => {
  const pair = await askerAndOther(context, args, deps, 'Who covers? Mention them: cover @person 2026-03-10 09:00 to 2026-03-10 17:00');
  if (!pair) return;
  const { me, other: who } = pair;
  const actor = actorOf(me, deps);
  await reply(context, await coverChange(deps.chat, actor, who.email, withoutEmails(args)), (r) =>
    r.written ? coverReply(r, who, deps, actor.now) : { card: coverConfirmCard(r, who, actor.now) },
  );
};

const coverData = z.object({ member: z.string().min(1), rotationId: z.string().min(1), from: z.number(), to: z.number() });

/** "Record it" on a long cover's confirmation card: the same checks again, on exactly the instants shown. */
export const confirmCover = cardRoute(coverData, async (context, ask, me, deps) => {
  const actor = actorOf(me, deps);
  return cardAnswer(await coverRange(deps.chat, actor, { ...ask }, true), async (r) => {
    const who = (await peopleShown(deps.chat, [ask.member])).get(ask.member)!;
    await say(context, await coverReply(r, who, deps, actor.now));
    return noticeCard(`Cover recorded in ${r.rotation.name}.`);
  });
}, 'cover');

/** Exactly which stretches changed hands and from whom; what someone else keeps; the double bookings made. */
async function coverReply(r: CoverResult, who: PersonRef, deps: BotDeps, now: number): Promise<Rich> {
  const { rotation, changed, unchanged, doubleBooked } = r;
  const z = rotation.timezone;
  const refs = await peopleShown(deps.chat, [...new Set([...changed, ...unchanged].flatMap((c) => [...c.before, ...c.after]))]);
  const names = (emails: string[]) => people(emails.map((e) => refs.get(e)!));
  const lines = changed.slice(0, MAX_LINES).map((c) => rich([`\n- ${when(c.start, z, now)} – ${when(c.end, z, now)}`, ...(c.before.length ? [' instead of ', names(c.before)] : [])]));
  const more = changed.length > MAX_LINES ? [`\n- …and ${changed.length - MAX_LINES} more: say "schedule ${rotation.id} 4 weeks" to see them.`] : [];
  const kept = unchanged.length
    ? [`\n\nNot changed, someone else is on duty there:`, ...unchanged.slice(0, MAX_LINES).map((c) => rich([`\n- ${when(c.start, z, now)} – ${when(c.end, z, now)}: `, names(c.before)]))]
    : [];
  const keptMore = unchanged.length > MAX_LINES ? [`\n- …and ${unchanged.length - MAX_LINES} more.`] : [];
  const outsider = r.inNoRotation ? [`\n\n⚠ ${who.email} is in no rotation; the cover stands (check the address).`] : [];
  return rich([`Done: `, mention(who), ` covers **${rotation.name}**:`, ...lines, ...more, ...kept, ...keptMore, ...doubleBookedLines(doubleBooked, new Map([[who.email, who]]), now), ...outsider]);
}

/** `handover`: a form per shift the asker is on duty in now, with what they wrote so far. */
export const handover: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  await reply(context, await handoverForms(deps.chat, me.email, deps.clock(), args || undefined), (forms) => forms.map((f) => ({ card: handoverForm(f.rotation, f.existing) })));
};

const handoverData = z.object({ rotationId: z.string().min(1), notes: z.string().default(''), openItems: z.string().default('') });

/** "Save handover" on the form: notes and open items (one per line, list marks dropped) for the shift in progress. */
export const saveHandoverForm = cardRoute(handoverData, async (_context, input, me, deps) => {
  const items = input.openItems.split('\n').map((s) => s.replace(/^[-*\s]+/, '').trim()).filter(Boolean);
  return cardAnswer(await saveHandover(deps.chat, actorOf(me, deps), input.rotationId, input.notes, items), ({ rotation }) =>
    noticeCard(`Handover for ${rotation.name} saved: ${items.length} open item${items.length === 1 ? '' : 's'}. It goes on the handoff card.`),
  );
}, 'handover');

/** `remind`, `remind on|off`, `remind 2h`, `remind 1d 2h`: the decision and the write are app/'s. */
export const remind: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  await reply(context, await remindCommand(deps.chat, actorOf(me, deps), args), ({ setting, changed }) => {
    const ahead = `${formatLeads(setting.leads)} before each of your on-duty stretches`;
    if (!setting.on) return changed ? 'Reminders are off. Say "remind on" to get them again.' : 'Reminders are **off**. Say "remind on" (24 h ahead) or "remind 2h" to choose the lead time.';
    return changed ? `Reminders are on: I will message you ${ahead}.` : `Reminders are **on**: ${ahead}. Say "remind 2h", "remind 1d 2h" or "remind off".`;
  });
};

/** `subscribe [rotation]` in a channel: this channel receives the rotation's handoff posts (admins only). */
export const subscribe: Handler = async (context, args, deps) => {
  const place = subscriptionPlace(conversationRecord(context.activity), channelIdOf(context.activity));
  if (!place.ok) return reply(context, place);
  const me = await requireAsker(context, deps);
  if (!me) return;
  const learnTeam = async () => teamPairOf(context.activity) ?? (await teamDetails(context, deps));
  await reply(context, await subscribeHere(deps.chat, actorOf(me, deps), args, place.value, learnTeam), (rotation) => `This channel now receives the handoff posts of **${rotation.name}**.`);
};
