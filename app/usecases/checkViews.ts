import { checkOccurrences, localDayBounds, segmentsBetween, MS_PER_DAY as DAY, type CheckOccurrence } from '../../rotation/index.js';
import { parseLocalDate } from '../../rotation/localDate.js';
import { CHECK_SOURCES } from './checkSources.js';
import type { MorningCheckView } from './checkPosts.js';
import { personRefs, type ChatDeps, type RotationInfo, type Snapshot } from './context.js';

/**
 * The shift before the one in force at `at` (or next, in a gap): who had it, and the handover they wrote for it.
 * Found as handoff posts find the outgoing shift (app/jobs/handoffs.ts): by the stretches around the instant.
 */
async function previousHandover(deps: ChatDeps, snap: Snapshot, rotationId: string, at: number): Promise<MorningCheckView['handover']> {
  // Two weeks back: the shift before a weekly shift that started up to a week ago.
  const around = segmentsBetween(snap.schedule, at - 15 * DAY, at + 8 * DAY).filter((s) => s.rotation === rotationId);
  const current = around.find((s) => s.start <= at && at < s.end) ?? around.find((s) => s.start >= at);
  const before = current && around.filter((s) => s.shiftStart < current.shiftStart).at(-1);
  if (!before) return undefined;
  const record = await deps.stores.handovers.handover(rotationId, before.shiftStart);
  const authors = record ? [record.author] : before.members;
  const refs = await personRefs(deps.stores, authors);
  return {
    by: authors.map((e) => refs.get(e)!),
    ...(record?.notes ? { notes: record.notes } : {}),
    openItems: record?.openItems ?? [],
  };
}

/**
 * The morning check of `occurrence`: open items now, the check's local day's duties, the previous shift's handover,
 * and what happened since the previous morning check (or in the 24 h before, when there was none in the last week).
 */
export async function morningCheckView(deps: ChatDeps, snap: Snapshot, rotation: RotationInfo, occurrence: CheckOccurrence, late: boolean, now: number): Promise<MorningCheckView> {
  const { at, date } = occurrence;
  const day = localDayBounds(rotation.timezone, parseLocalDate(date)!);
  const since = checkOccurrences(rotation.def, 'morning', at - 7 * DAY, at).at(-1)?.at ?? at - DAY;
  const [openItems, duties, activity, before, handover] = await Promise.all([
    CHECK_SOURCES.openItems(deps, rotation.id),
    CHECK_SOURCES.dutyRecord(deps, rotation, day.start, day.end, now),
    CHECK_SOURCES.itemActivity(deps, rotation.id, since, at),
    CHECK_SOURCES.dutyRecord(deps, rotation, since, at, now),
    previousHandover(deps, snap, rotation.id, at),
  ]);
  return {
    rotation: { id: rotation.id, name: rotation.name, timezone: rotation.timezone },
    date,
    at,
    late,
    openItems,
    duties,
    ...(handover ? { handover } : {}),
    since,
    opened: activity.opened.filter((i) => i.kind === 'item'),
    escalations: activity.escalations,
    missed: before.filter((d) => d.status === 'missed'),
  };
}
