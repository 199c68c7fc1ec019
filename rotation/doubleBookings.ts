import { MS_PER_HOUR } from './localDate.js';
import { segmentsBetween } from './segmentsBetween.js';
import type { ScheduleInput } from './schedule.js';

/** One person on duty in two rotations at once, for [start, end) (the overlap of the two stretches). */
export type DoubleBooking = { member: string; start: number; end: number; rotations: [string, string] };

/**
 * Everyone on duty in two exclusive rotations at the same time within [from, to), overlaps clipped to the window,
 * sorted by start. A rotation is exclusive unless its current version says `exclusive: false` (an escalation
 * rotation, whose people are meant to be on duty beside another). Each pair is reported once, rotations in id order.
 */
/** The rotation of a double booking that is not `rotationId`. */
export function otherRotation(b: Pick<DoubleBooking, 'rotations'>, rotationId: string): string {
  return b.rotations[0] === rotationId ? b.rotations[1] : b.rotations[0];
}

export function doubleBookings(schedule: ScheduleInput, from: number, to: number): DoubleBooking[] {
  const exclusive = new Set(schedule.rotations.filter((h) => h.versions.at(-1)?.rotation.exclusive !== false).map((h) => h.id));
  const byMember = new Map<string, Array<{ rotation: string; start: number; end: number }>>();
  for (const s of segmentsBetween(schedule, from, to)) {
    if (!exclusive.has(s.rotation)) continue;
    for (const m of s.members) {
      const list = byMember.get(m) ?? [];
      list.push({ rotation: s.rotation, start: Math.max(s.start, from), end: Math.min(s.end, to) });
      byMember.set(m, list);
    }
  }
  const out: DoubleBooking[] = [];
  for (const [member, list] of byMember) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      for (let j = i + 1; j < list.length && list[j]!.start < a.end; j++) {
        const b = list[j]!;
        if (b.rotation === a.rotation) continue;
        const pair = (a.rotation < b.rotation ? [a.rotation, b.rotation] : [b.rotation, a.rotation]) as [string, string];
        const start = Math.max(a.start, b.start);
        const end = Math.min(a.end, b.end);
        const last = out.at(-1);
        // Consecutive segments of the same two shifts (cut by an override elsewhere) read as one overlap.
        if (last && last.member === member && last.end === start && last.rotations[0] === pair[0] && last.rotations[1] === pair[1]) last.end = end;
        else out.push({ member, start, end, rotations: pair });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || a.member.localeCompare(b.member));
}

/** The double bookings of one member that overlap [from, to) in `rotation`. */
export function doubleBookedDuring(bookings: readonly DoubleBooking[], member: string, rotation: string, from: number, to: number): DoubleBooking[] {
  return bookings.filter((b) => b.member === member && b.rotations.includes(rotation) && b.start < to && b.end > from);
}

/** Double-booked hours per member and pair of rotations, most first: what `stats` reports. */
export function doubleBookedHours(bookings: readonly DoubleBooking[]): Array<{ member: string; rotations: [string, string]; hours: number }> {
  const sums = new Map<string, { member: string; rotations: [string, string]; hours: number }>();
  for (const b of bookings) {
    const key = `${b.member} ${b.rotations.join(' ')}`;
    const entry = sums.get(key) ?? { member: b.member, rotations: b.rotations, hours: 0 };
    entry.hours += (b.end - b.start) / MS_PER_HOUR;
    sums.set(key, entry);
  }
  return [...sums.values()].sort((a, b) => b.hours - a.hours || a.member.localeCompare(b.member));
}
