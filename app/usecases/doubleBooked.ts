import { doubleBookings, type DoubleBooking } from '../../rotation/index.js';
import type { ScheduleInput } from '../../rotation/schedule.js';

/** A double booking as answers show it: the rotations by name, times in the first rotation's zone. */
export interface DoubleBooked {
  member: string;
  start: number;
  end: number;
  zone: string;
  names: [string, string];
}

/**
 * The double bookings a change creates in [from, to): those in `after` that `before` did not have (an existing
 * one is not news), for `members` only when given. Every change answer names them, so nobody ends up on duty
 * twice without a word.
 */
export function newDoubleBookings(
  before: ScheduleInput,
  after: ScheduleInput,
  from: number,
  to: number,
  rotations: ReadonlyArray<{ id: string; name: string; timezone: string }>,
  members?: ReadonlySet<string>,
): DoubleBooked[] {
  const key = (b: DoubleBooking) => `${b.member} ${b.rotations.join(' ')} ${b.start} ${b.end}`;
  const old = new Set(doubleBookings(before, from, to).map(key));
  const byId = new Map(rotations.map((r) => [r.id, r]));
  return doubleBookings(after, from, to)
    .filter((b) => !old.has(key(b)) && (!members || members.has(b.member)))
    .map((b) => {
      const [a, c] = b.rotations.map((id) => byId.get(id));
      return { member: b.member, start: b.start, end: b.end, zone: a?.timezone ?? c?.timezone ?? 'UTC', names: [a?.name ?? b.rotations[0], c?.name ?? b.rotations[1]] };
    });
}
