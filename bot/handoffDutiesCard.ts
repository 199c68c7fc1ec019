import type { HandoffCardView } from '../app/usecases/handoffPosts.js';
import { when } from '../app/usecases/format.js';
import { shownName } from './mentions.js';

type DutyEntry = NonNullable<HandoffCardView['duties']>['lines'][number];
type Status = DutyEntry['status'];

/** Done duties listed one by one up to here; the rest is a count ("…and 14 more done"): a week of them is routine. */
export const MAX_DONE_LISTED = 5;

// What the incoming person must act on first: still open, then missed, skipped, and done last (cut first).
const ORDER: Status[] = ['open', 'missed', 'skipped', 'done'];
const SIGN: Record<Status, string> = { open: '⏳ Open', missed: '❌ Missed', skipped: '⏭ Skipped', done: '✅ Done' };
const WORD: Record<Status, string> = { open: 'open', missed: 'missed', skipped: 'skipped', done: 'done' };

/** "✅ Done: Check overnight alerts (Mon 16 Mar 09:15 GMT+1) by Bob Baker"; names are shown, not mentioned (nobody is pinged). */
function lineOf(l: DutyEntry, zone: string): string {
  const who = l.people.map(shownName).join(', ');
  const answered = l.status === 'done' || l.status === 'skipped';
  // An unanswered duty with a reason says why it reached nobody ("not delivered: …"); without one, it never went out.
  const by = answered ? (who ? ` by ${who}` : '') : who ? `, for ${who}` : l.reason ? '' : ', never sent: Rota was down';
  return `${SIGN[l.status]}: ${l.task} (${when(l.at, zone)})${by}${l.reason ? `: ${l.reason}` : ''}`;
}

/** The record's lines in the order shown, done ones beyond MAX_DONE_LISTED left out; how many lines there are at most. */
export function dutyRecordLines(h: HandoffCardView): DutyEntry[] {
  const all = h.duties?.lines ?? [];
  const sorted = ORDER.flatMap((s) => all.filter((l) => l.status === s));
  const firstDone = sorted.findIndex((l) => l.status === 'done');
  return firstDone < 0 ? sorted : sorted.slice(0, firstDone + MAX_DONE_LISTED);
}

/** "**Duties this shift**: 12 done, 1 skipped, 1 missed", the first `kept` lines, and a count of the rest. */
export function dutyRecordTexts(h: HandoffCardView, kept: number): string[] {
  if (!h.duties?.lines.length) return [];
  const zone = h.rotation.timezone;
  const all = h.duties.lines;
  const counts = ORDER.map((s) => [s, all.filter((l) => l.status === s).length] as const).filter(([, n]) => n > 0);
  const shown = dutyRecordLines(h).slice(0, kept);
  const rest = counts.map(([s, n]) => [s, n - shown.filter((l) => l.status === s).length] as const).filter(([, n]) => n > 0);
  const head = `**Duties this shift** (since ${when(h.duties.from, zone)}): ${counts.map(([s, n]) => `${n} ${WORD[s]}`).join(', ')}`;
  const more = rest.length ? [`…and ${rest.map(([s, n]) => `${n} more ${WORD[s]}`).join(', ')}`] : [];
  return [head, [...shown.map((l) => lineOf(l, zone)), ...more].join('\n')];
}
