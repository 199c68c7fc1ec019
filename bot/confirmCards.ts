import type { PersonRef } from '../app/usecases/context.js';
import type { CoverResult } from '../app/usecases/changes.js';
import { day, when } from '../app/usecases/format.js';
import type { TimeOffAnswer } from '../app/usecases/timeOff.js';
import { card, execute, text, type Card } from './cards.js';
import { shownName } from './mentions.js';

/** "Mon 7 Dec – Sun 13 Dec" for whole days (the end is the exclusive midnight), else both times. */
export function rangeText(from: number, to: number, wholeDays: boolean, zone: string, now: number): string {
  return wholeDays ? `${day(from, zone, now)} – ${day(to - 1, zone, now)}` : `${when(from, zone, now)} – ${when(to, zone, now)}`;
}

/** Long time off is confirmed first: "Record it" sends back exactly the range shown. */
export function timeOffConfirmCard(a: Extract<TimeOffAnswer, { recorded: false }>, now: number): Card {
  const { range, zone } = a;
  return card(
    [
      text('Record this time off?', { weight: 'Bolder' }),
      text(`${rangeText(range.from, range.to, range.fromDateOnly && range.toDateOnly, zone, now)}: ${a.days} days. Long ranges are confirmed first, in case of a typo in a date.`),
    ],
    { actions: [execute('Record it', 'timeoff.confirm', { ...range }, 'positive'), execute('Cancel', 'timeoff.drop', {})] },
  );
}

/** A long cover is confirmed first: "Record it" sends back the member, the rotation and the exact instants shown. */
export function coverConfirmCard(r: Pick<CoverResult, 'override' | 'days'> & { rotation: { name: string; timezone: string } }, who: PersonRef, now: number): Card {
  const z = r.rotation.timezone;
  const o = r.override;
  return card(
    [
      text(`Record this cover in ${r.rotation.name}?`, { weight: 'Bolder' }),
      text(`${shownName(who)} covers ${when(o.start, z, now)} – ${when(o.end, z, now)}: ${r.days} days. Long ranges are confirmed first, in case of a typo in a date.`),
    ],
    { actions: [execute('Record it', 'cover.confirm', { member: o.member, rotationId: o.rotationId, from: o.start, to: o.end }, 'positive'), execute('Cancel', 'cover.drop', {})] },
  );
}
