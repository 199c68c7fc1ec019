import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { fail, ok, type Outcome } from '../../rotation/result.js';
import { echo } from './format.js';

/** A time as a person typed it, resolved in a rotation's zone. `dateOnly` means no time of day was given. */
export interface ChatTime {
  instant: number;
  dateOnly: boolean;
  text: string;
}

const EXAMPLE = "try 2026-03-10 or 'next Tuesday'";

/** The hour a part of the day stands for when no time is given. */
const PART_OF_DAY: Array<[RegExp, number]> = [
  [/\b(?:tonight|night)\b/, 22],
  [/\bevening\b/, 20],
  [/\bafternoon\b/, 15],
  [/\bmorning\b/, 9],
];

/**
 * Reads "2026-03-10", "2026-03-10 09:00", "next Tuesday", "tomorrow 9am" as wall-clock time in `zone`.
 * chrono reads components in the process's zone, so it is given a reference whose local fields are the zone's
 * wall clock, and its answer's fields are put back into `zone` with luxon: the server's zone never matters.
 * The whole text must be a date: "nxt tuesday" is refused rather than read as "tuesday".
 */
export function parseChatTime(text: string, zone: string, now: number): Outcome<ChatTime> {
  const t = text.trim();
  const wall = DateTime.fromMillis(now, { zone });
  const ref = new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const [r] = chrono.parse(t, ref, { forwardDate: true });
  if (!r || r.index !== 0 || r.text.length !== t.length) {
    return fail(`I could not read '${echo(t)}' as a date; ${EXAMPLE}`);
  }
  const c = r.start;
  const dateOnly = !c.isCertain('hour');
  const local = DateTime.fromObject(
    { year: c.get('year')!, month: c.get('month')!, day: c.get('day')!, hour: dateOnly ? 0 : c.get('hour')!, minute: dateOnly ? 0 : (c.get('minute') ?? 0) },
    { zone },
  );
  if (!local.isValid) return fail(`I could not read '${echo(t)}' as a date; ${EXAMPLE}`);
  // chrono reads "tonight" and "friday night" as a date alone: the part of the day they name sets the hour.
  const hour = dateOnly ? PART_OF_DAY.find(([re]) => re.test(t.toLowerCase()))?.[1] : undefined;
  if (hour !== undefined) return ok({ instant: local.set({ hour }).toMillis(), dateOnly: false, text: t });
  return ok({ instant: local.toMillis(), dateOnly, text: t });
}

/**
 * A range "<from> to <to>" (also "until", "-", or two dates side by side), or one date alone (that whole day).
 * A date alone as the end covers that whole day, as time off in rotation files does ("today to tomorrow" ends at
 * the midnight after tomorrow); the end must come after the start.
 */
export function parseChatRange(text: string, zone: string, now: number): Outcome<{ from: ChatTime; to: ChatTime }> {
  const t = text.trim().replace(/^from\s+/i, '');
  if (!t) return fail(`I need a start and an end, for example '2026-03-10 to 2026-03-12'`);
  let parts = t.split(/\s+(?:to|until|till|through|-|–)\s+/i);
  if (parts.length === 1) {
    // One date alone is that whole day ("time off tomorrow", "cover @bob 24 Dec"), read as an end would be.
    const single = parseChatTime(t, zone, now);
    if (single.ok && single.value.dateOnly) return ok({ from: single.value, to: wholeDayEnd(single.value, zone) });
    if (single.ok) return fail(`I need an end as well as '${echo(t)}', for example '${echo(t)} to 17:00' or '${echo(t)} to next Friday'`);
    const words = t.split(/\s+/);
    if (words.length === 2) parts = words;
    else if (words.length === 1) return fail(`I need an end as well as '${echo(t)}', for example '${echo(t)} to next Friday'`);
    else return fail(`I could not split '${echo(t)}' into a start and an end; write '<from> to <to>', for example '2026-03-10 to 2026-03-12'`);
  }
  if (parts.length !== 2) return fail(`I could not split '${echo(t)}' into a start and an end; write '<from> to <to>'`);
  const from = parseChatTime(parts[0]!, zone, now);
  if (!from.ok) return from;
  const toRaw = parseChatTime(parts[1]!, zone, from.value.instant);
  if (!toRaw.ok) return toRaw;
  const to = toRaw.value.dateOnly ? wholeDayEnd(toRaw.value, zone) : toRaw.value;
  if (to.instant <= from.value.instant) {
    return fail(`'${echo(parts[1]!)}' is not after '${echo(parts[0]!)}': the end must come after the start`);
  }
  return ok({ from: from.value, to });
}

/** The local midnight after the day that starts at `dayStart`: the day itself is covered (23 or 25 h across DST). */
export function nextLocalMidnight(dayStart: number, zone: string): number {
  return DateTime.fromMillis(dayStart, { zone }).plus({ days: 1 }).toMillis();
}

/** The end of a date-only time: the next local midnight. */
function wholeDayEnd(t: ChatTime, zone: string): ChatTime {
  return { ...t, instant: nextLocalMidnight(t.instant, zone) };
}
