import type { DutyRun } from '../../db/duties/DutyStore.js';
import { dutyOccurrences, localDayBounds, type DutyOccurrence } from '../../rotation/index.js';
import { parseLocalDate } from '../../rotation/localDate.js';
import { personRefs, type ChatDeps, type PersonRef, type RotationInfo } from './context.js';
import { DutyCardData } from './dutyCardData.js';
import { countsSince, dutiesSinceOf } from './dutySince.js';
import { CATCH_UP_MS } from './claims.js';

/*
 * The seam between the duty checklist (duties job, duty cards) and what reads its record (morning check, handoff
 * card, stats):
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

/** A duty's state as every view shows it: the card, `duties`, the morning check, the handoff card. */
export interface DutyState {
  status: DutyStatus;
  /** Sent after its time because Rota was down at it. */
  late: boolean;
  /**
   * Who has a copy of the card (of those on duty at its time, or next on duty in an `hours` gap; all of them for a
   * channel post): empty if not yet sent, or sent and it reached nobody.
   */
  assignees: PersonRef[];
  actor?: PersonRef;
  actedAt?: number;
  reason?: string;
  snoozedUntil?: number;
}

export interface DutyLine extends DutyState {
  occurrence: DutyOccurrence;
  /** Why it was not delivered, or never sent (`missed` before it went out). */
  note?: string;
  /** Unanswered, and the card did not reach everyone (or anyone) it goes to: why, as the delivery recorded it. */
  undelivered?: string;
}


/**
 * When an unanswered duty counts as missed: the later of the end of its local day and its time + 6 h. A duty due
 * late in the evening still gets its six hours; one due in the morning has the rest of the day. The local day is
 * 23 or 25 hours long across a DST change (localDayBounds).
 */
export function missedAt(o: Pick<DutyOccurrence, 'date' | 'at'>, timezone: string): number {
  const dayEnd = localDayBounds(timezone, parseLocalDate(o.date)!).end;
  return Math.max(dayEnd, o.at + CATCH_UP_MS);
}

/** An occurrence's state at `now` from its run (undefined: Rota has not dealt with it yet). */
export function dutyStatus(o: DutyOccurrence, run: DutyRun | undefined, timezone: string, now: number): DutyStatus {
  if (run?.answer === 'done') return 'done';
  if (run?.answer === 'skipped') return 'skipped';
  if (run?.state === 'missed' || now >= missedAt(o, timezone)) return 'missed';
  // Due but never sent, and too late to be sent now: it will not come.
  if (!run && now - o.at > CATCH_UP_MS) return 'missed';
  if (run?.snoozedUntil !== undefined) return 'snoozed';
  return o.at > now ? 'upcoming' : 'open';
}

/**
 * The record of a rotation's duties due in [from, to) at `now`; a duty since removed from the file keeps its record,
 * and an occurrence from before its duty appeared is not in it (dutySince.ts).
 */
export async function dutyRecord(deps: ChatDeps, rotation: RotationInfo, from: number, to: number, now: number): Promise<DutyLine[]> {
  const counts = countsSince(await dutiesSinceOf(deps, rotation.id));
  const planned = dutyOccurrences({ id: rotation.id, timezone: rotation.timezone, ...(rotation.def.duties ? { duties: rotation.def.duties } : {}) }, from, to).filter(counts);
  const runs = await deps.stores.duties.runsBetween(rotation.id, from, to);
  const byKey = new Map(runs.map((r) => [r.key, r]));
  const seen = new Set(planned.map((o) => o.key));
  const former = runs.flatMap((r) => {
    const d = DutyCardData.safeParse(r.detail);
    return !seen.has(r.key) && d.success ? [d.data.occurrence] : [];
  });
  const all = [...planned, ...former].sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
  const emails = [...new Set(runs.flatMap((r) => [...r.assignees, ...(r.actor ? [r.actor] : [])]))];
  const refs = await personRefs(deps.stores, emails);
  return all.map((o) => lineOf(o, byKey.get(o.key), rotation.timezone, now, refs));
}

function lineOf(o: DutyOccurrence, run: DutyRun | undefined, timezone: string, now: number, refs: Map<string, PersonRef>): DutyLine {
  const status = dutyStatus(o, run, timezone, now);
  const ref = (e: string) => refs.get(e) ?? { email: e };
  return {
    occurrence: o,
    status,
    late: run?.late ?? false,
    assignees: run ? reachedBy(run).map(ref) : [],
    ...(run?.actor && run.answer ? { actor: ref(run.actor) } : {}),
    ...(run?.actedAt !== undefined && run.answer ? { actedAt: run.actedAt } : {}),
    ...(run?.reason ? { reason: run.reason } : {}),
    ...(status === 'snoozed' && run?.snoozedUntil !== undefined ? { snoozedUntil: run.snoozedUntil } : {}),
    ...(run?.note ? { note: run.note } : {}),
    ...(run?.note && !run.answer && (run.state === 'undelivered' || run.state === 'missed') ? { undelivered: run.note } : {}),
  };
}

/** Who has a copy, in the order the card went to them: a channel copy (or an old copy naming nobody) reached all. */
function reachedBy(run: DutyRun): string[] {
  if (run.copies.some((c) => c.via === 'channel' || !c.to)) return run.assignees;
  const to = new Set(run.copies.map((c) => c.to));
  return run.assignees.filter((e) => to.has(e));
}

/** A local date's duties window: [local midnight, next local midnight) in the rotation's zone. */
export function dayWindow(timezone: string, date: string): { from: number; to: number } {
  const { start, end } = localDayBounds(timezone, parseLocalDate(date)!);
  return { from: start, to: end };
}

