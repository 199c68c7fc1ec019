import type { DutyOccurrence } from '../../rotation/index.js';
import type { PersonRef } from './context.js';

/*
 * The seam between the duty checklist (duties job, duty cards) and what reads its record (morning check, handoff
 * card, stats). The duties work implements `dutyRecord` here:
 *
 *   dutyRecord(deps: ChatDeps, rotation: RotationInfo, from: number, to: number, now: number): Promise<DutyLine[]>
 *
 * — every occurrence of the rotation's duties due in [from, to), in time order, with its state at `now`.
 */

/**
 * - `upcoming`: not yet due; `open`: sent (or due) and not yet answered; `snoozed`: comes back at `snoozedUntil`;
 * - `done` / `skipped` (with `reason`): answered on the card, by `actor` at `actedAt`;
 * - `missed`: not answered by the end of its local day, or never sent (Rota was down past the catch-up window).
 */
export type DutyStatus = 'upcoming' | 'open' | 'snoozed' | 'done' | 'skipped' | 'missed';

export interface DutyLine {
  occurrence: DutyOccurrence;
  status: DutyStatus;
  /** Sent after its time because Rota was down at it. */
  late: boolean;
  /** Who the card went to (the person on duty at its time, or next on duty in an `hours` gap); empty if not yet sent. */
  assignees: PersonRef[];
  actor?: PersonRef;
  actedAt?: number;
  reason?: string;
  snoozedUntil?: number;
}
