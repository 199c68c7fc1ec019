import { z } from 'zod';
import type { PersonRef } from '../app/usecases/context.js';
import { ok, fail } from '../rotation/result.js';
import { peopleShown } from '../app/usecases/people.js';
import { recordTimeOff, timeOff as timeOffChange, type TimeOffAnswer } from '../app/usecases/timeOff.js';
import type { DoubleBooked } from '../app/usecases/doubleBooked.js';
import { when } from '../app/usecases/format.js';
import { noticeCard } from './cards.js';
import { rangeText, timeOffConfirmCard } from './confirmCards.js';
import { people, rich, shownName, type Rich } from './mentions.js';
import { cardAnswer, reply, say } from './reply.js';
import { actorOf, cardRoute, requireAsker, type BotDeps, type CardHandler, type Handler } from './turn.js';

/** Lines of moved shifts an answer lists before it says how many more there are. */
export const MAX_LINES = 12;

/** `time off <from> to <to>`: recorded at once, or a long range is confirmed on a card first. */
export const timeOff: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  const actor = actorOf(me, deps);
  await reply(context, await timeOffChange(deps.chat, actor, args), async (a) =>
    a.recorded ? timeOffReply(a, me, deps, actor.now) : { card: timeOffConfirmCard(a, actor.now) },
  );
};

const confirmData = z.object({ from: z.number(), to: z.number(), fromDateOnly: z.boolean(), toDateOnly: z.boolean() });

/** "Record it" on the confirmation card: records exactly the range the card showed. */
export const confirmTimeOff = cardRoute(confirmData, async (context, range, me, deps) => {
  const actor = actorOf(me, deps);
  return cardAnswer(await recordTimeOff(deps.chat, actor, range, true), async (done) => {
    if (!done.recorded) return fail('That time off was not recorded; please try again.');
    await say(context, await timeOffReply(done, me, deps, actor.now));
    return noticeCard(`Time off recorded: ${rangeText(range.from, range.to, range.fromDateOnly && range.toDateOnly, done.zone, actor.now)}.`);
  });
}, 'time off');

/** "Cancel" on a confirmation card (time off or a cover): nothing is written. */
export const dropConfirmation: CardHandler = async () => ok(noticeCard('Nothing was recorded.'));

const WHY: Record<string, string> = {
  swap: 'from a swap',
  cover: 'from a cover',
  file: 'from an override in the rotation file',
  started: 'the shift had begun, so it stays yours',
  'nobody-else': 'nobody else in the rotation is free then',
};

/** The answer: what moved to whom, and — flagged — what the person still holds while away, with what to do. */
export async function timeOffReply(a: Extract<TimeOffAnswer, { recorded: true }>, me: PersonRef, deps: BotDeps, now: number): Promise<Rich> {
  const emails = [...new Set([...a.moved.flatMap((m) => [...m.from, ...m.to]), ...a.stillOnDuty.flatMap((s) => (s.with ? [s.with] : [])), ...a.doubleBooked.map((b) => b.member)])];
  const refs = await peopleShown(deps.chat, emails);
  const parts: Array<string | Rich> = [`Time off recorded for ${shownName(me)}: ${rangeText(a.from, a.to, a.wholeDays, a.zone, now)} (${a.zone}).`];
  if (a.moved.length) {
    parts.push(' These shifts moved:');
    for (const m of a.moved.slice(0, MAX_LINES)) {
      const z = m.rotation.timezone;
      parts.push(`\n- **${m.rotation.name}** ${when(m.start, z, now)} – ${when(m.end, z, now)}: `, people(m.from.map((e) => refs.get(e)!)), ' → ', people(m.to.map((e) => refs.get(e)!)));
    }
    const more = a.moved.length - MAX_LINES;
    if (more > 0) parts.push(`\n- …and ${more} more: say "schedule 4 weeks" to see them all.`);
  } else if (a.stillOnDuty.length === 0) {
    parts.push(' None of your shifts fall in it, so nothing moved.');
  }
  if (a.stillOnDuty.length) {
    parts.push(`\n\n⚠ You are still on duty in ${a.stillOnDuty.length === 1 ? 'this stretch' : `these ${a.stillOnDuty.length} stretches`} while away:`);
    for (const s of a.stillOnDuty.slice(0, MAX_LINES)) {
      const z = s.rotation.timezone;
      const withWhom = s.with ? rich([s.why === 'swap' ? ' with ' : ' for ', people([refs.get(s.with)!])]) : '';
      const fix = s.why === 'swap' || s.why === 'cover' ? ': cancel it or find someone (cover @person …)' : ': find someone to cover it (cover @person …)';
      parts.push(`\n- **${s.rotation.name}** ${when(s.start, z, now)} – ${when(s.end, z, now)}, ${WHY[s.why]}`, withWhom, fix);
    }
    const more = a.stillOnDuty.length - MAX_LINES;
    if (more > 0) parts.push(`\n- …and ${more} more: say "my shifts 8 weeks" to see them all.`);
  }
  parts.push(...doubleBookedLines(a.doubleBooked, refs, now));
  return rich(parts);
}

/** "⚠ Carol Cook is now on duty in both X and Y Thu 3 Dec 20:00 – Fri 4 Dec 00:00", at most MAX_LINES of them. */
export function doubleBookedLines(list: readonly DoubleBooked[], refs: Map<string, PersonRef>, now: number): Array<string | Rich> {
  if (list.length === 0) return [];
  const out: Array<string | Rich> = ['\n\n⚠ Double booked by this change:'];
  for (const b of list.slice(0, MAX_LINES)) {
    out.push(`\n- `, people([refs.get(b.member) ?? { email: b.member }]), ` is on duty in both ${b.names[0]} and ${b.names[1]} ${when(b.start, b.zone, now)} – ${when(b.end, b.zone, now)}`);
  }
  if (list.length > MAX_LINES) out.push(`\n- …and ${list.length - MAX_LINES} more: say "schedule 4 weeks" to see them all.`);
  return out;
}
