import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { personRefs, type PersonRef } from '../app/usecases/context.js';
import { recordTimeOff, timeOff as timeOffChange, type TimeOffAnswer } from '../app/usecases/timeOff.js';
import type { DoubleBooked } from '../app/usecases/doubleBooked.js';
import { day, when } from '../app/usecases/format.js';
import { card, execute, noticeCard, text, type Card } from './cards.js';
import { people, rich, shownName, type Rich } from './mentions.js';
import { asker, requireAsker, say, sendCard, type BotDeps, type Handler } from './turn.js';
type CardActionResult = { card: Card } | { message: string };

/** Lines of moved shifts an answer lists before it says how many more there are. */
export const MAX_LINES = 12;

export const timeOff: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  const now = deps.clock();
  const done = await timeOffChange(deps.chat, { email: me.email, now }, args);
  if (!done.ok) return say(context, done.error);
  if (!done.value.recorded) {
    await sendCard(context, confirmCard(done.value, now));
    return;
  }
  await say(context, await timeOffReply(done.value, me, deps, now));
};

function confirmCard(a: Extract<TimeOffAnswer, { recorded: false }>, now: number): Card {
  const { range, zone } = a;
  return card(
    [
      text('Record this time off?', { weight: 'Bolder' }),
      text(`${rangeText(range.from, range.to, range.fromDateOnly && range.toDateOnly, zone, now)}: ${a.days} days. Long ranges are confirmed first, in case of a typo in a date.`),
    ],
    { actions: [execute('Record it', 'timeoff.confirm', { ...range }, 'positive'), execute('Cancel', 'timeoff.drop', {})] },
  );
}

const confirmData = z.object({ from: z.number(), to: z.number(), fromDateOnly: z.boolean(), toDateOnly: z.boolean() });

/** "Record it" on the confirmation card: records exactly the range the card showed. */
export async function confirmTimeOff(context: TurnContext, data: Record<string, unknown>, deps: BotDeps): Promise<CardActionResult> {
  const range = confirmData.parse(data);
  const me = await asker(context, deps);
  if (!me) return { message: 'I could not tell who you are; please try again.' };
  const now = deps.clock();
  const done = await recordTimeOff(deps.chat, { email: me.email, now }, range, true);
  if (!done.ok) return { message: done.error };
  if (!done.value.recorded) return { message: 'That time off was not recorded; please try again.' };
  await say(context, await timeOffReply(done.value, me, deps, now));
  return { card: noticeCard(`Time off recorded: ${rangeText(range.from, range.to, range.fromDateOnly && range.toDateOnly, done.value.zone, now)}.`) };
}

export async function dropTimeOff(): Promise<CardActionResult> {
  return { card: noticeCard('Nothing was recorded.') };
}

/** "Mon 7 Dec – Sun 13 Dec" for whole days (the end is the exclusive midnight), else both times. */
export function rangeText(from: number, to: number, wholeDays: boolean, zone: string, now: number): string {
  return wholeDays ? `${day(from, zone, now)} – ${day(to - 1, zone, now)}` : `${when(from, zone, now)} – ${when(to, zone, now)}`;
}

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
  const refs = await personRefs(deps.chat.stores.people, emails);
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
