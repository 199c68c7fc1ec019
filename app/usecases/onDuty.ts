import { onDutyAt, segmentsBetween, MS_PER_DAY as DAY, type Segment } from '../../rotation/index.js';
import type { Snapshot } from './context.js';

/** Who is on duty in a rotation at `now`, by e-mail, after swaps, covers and overrides (empty in an `hours` gap). */
export const onDutyNow = (snap: Snapshot, rotationId: string, now: number): string[] => onDutyAt(snap.schedule, now, rotationId)[0]?.members ?? [];

/**
 * Who a duty card or a check at `at` goes to: whoever is on duty then; in an `hours` gap (the night on call has
 * nobody at 09:00) the people of the next stretch that has anyone in it, within a week. A stretch with nobody in it
 * (a gap in the overrides, a roster emptied for a day) is passed over, so the duty and the check of the same
 * moment always reach the same people.
 */
export function onDutyFor(snap: Snapshot, rotationId: string, at: number): string[] {
  return peopleFor(segmentsBetween(snap.schedule, at, at + 8 * DAY), rotationId, at);
}

/** onDutyFor among the stretches given (those ending after `at`, in time order): the rule itself, on plain data. */
export function peopleFor(stretches: readonly Segment[], rotationId: string, at: number): string[] {
  const own = stretches.filter((s) => s.rotation === rotationId && s.end > at);
  const inForce = own.find((s) => s.start <= at);
  if (inForce?.members.length) return inForce.members;
  return own.find((s) => s.start >= at && s.members.length > 0)?.members ?? [];
}

/**
 * May this person act on something of this rotation now (a duty card, the evening check, an item): one of the
 * people it went to (or holds it), whoever is on duty in the rotation now, or one of its admins. E-mails are
 * compared in lower case. A rotation no longer in the file has nobody on duty and no admins of its own: then the
 * people it went to (an item's holder still closes what they hold) and the file-wide admins.
 */
export function mayAct(snap: Snapshot, rotationId: string, email: string, now: number, wentTo: readonly string[]): boolean {
  const me = email.toLowerCase();
  if (wentTo.some((e) => e.toLowerCase() === me)) return true;
  const rotation = snap.rotations.find((r) => r.id === rotationId);
  if (!rotation) return snap.state.settings.admins.some((a) => a.toLowerCase() === me);
  return onDutyNow(snap, rotationId, now).includes(me) || rotation.admins.includes(me);
}
