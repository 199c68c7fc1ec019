import type { RotationDef, ScheduleInput, Segment } from '../../rotation/schedule.js';
import { nextShifts } from '../../rotation/nextShifts.js';

/**
 * Who a tag holds, per rotation it draws from. Pure: the schedule and `now` come in.
 *
 * - `current`: the people of the segment in force now (after overrides, swaps and time off); nobody in an `hours`
 *   gap.
 * - `next`: the people of the rotation's next shift, the one that begins at its first handoff after `now`: those on
 *   duty in that shift's first stretch (after covers, swaps and time off), all of them with `onDuty: 2`. In an
 *   `hours` gap (10:00 with `hours: 20:00-08:00`, handoff 08:00) that is tomorrow 08:00's shift, not tonight's
 *   person: tonight's is the current shift's and joins the `current` tag at 20:00. So a `next` tag changes at
 *   handoffs only (or when the schedule itself changes).
 * - `shadows: true`: the rotation's `shadows` join while the tag holds someone of that rotation (an empty tag in
 *   a gap stays empty rather than holding only observers).
 */
export type TagWho = 'current' | 'next';

export function tagHolders(schedule: ScheduleInput, inForce: readonly Segment[], rotationId: string, who: TagWho, now: number): string[] {
  if (who === 'current') return inForce.filter((s) => s.rotation === rotationId).flatMap((s) => s.members);
  return nextShiftOf(schedule, rotationId, now)?.members ?? [];
}

/** The rotation's next shift after `now` (strictly: a shift starting at `now` is the current one), its start and first stretch's people. */
export function nextShiftOf(schedule: ScheduleInput, rotationId: string, now: number): { start: number; members: string[] } | undefined {
  const shift = nextShifts(schedule, rotationId, now + 1, { count: 1 })[0];
  if (!shift) return undefined;
  const first = [...shift.segments].sort((a, b) => a.start - b.start)[0];
  return { start: shift.start, members: first?.members ?? [] };
}

/** The holders with the rotation's shadows added when asked for and someone of the rotation is in (each once, lower case). */
export function withShadows(holders: readonly string[], def: Pick<RotationDef, 'shadows'>, shadows: boolean | undefined): string[] {
  const people = shadows && holders.length > 0 ? [...holders, ...(def.shadows ?? [])] : holders;
  return [...new Set(people.map((p) => p.toLowerCase()))];
}
