import type { ChatDeps, RotationInfo } from './context.js';
import { dutyRecord, type DutyLine } from './dutyRecord.js';
import type { HandoffData } from './handoffPosts.js';

type DutyEntry = NonNullable<HandoffData['duties']>['lines'][number];

/**
 * What the handoff card says about one duty: who answered it, or who has its card when nobody did, and why it did
 * not reach the others ("not delivered: …", in `reason`).
 */
function entryOf(l: DutyLine): DutyEntry | undefined {
  const status = l.status === 'snoozed' ? 'open' : l.status;
  if (status === 'upcoming') return undefined;
  const answered = status === 'done' || status === 'skipped';
  const people = answered && l.actor ? [l.actor] : l.assignees;
  const reason = status === 'skipped' ? l.reason : l.undelivered && !answered ? `not delivered: ${l.undelivered}` : undefined;
  return { status, task: l.occurrence.task, at: l.occurrence.at, people, ...(reason ? { reason } : {}) };
}

/**
 * The outgoing shift's duty record for its handoff card: every duty due in [shiftStart, handoff) as it stands at
 * `now` (the post goes out a moment after the handoff, so a duty due just before it may still be open).
 */
export async function shiftDuties(deps: ChatDeps, rotation: RotationInfo, shiftStart: number, handoff: number, now: number): Promise<HandoffData['duties']> {
  const lines = (await dutyRecord(deps, rotation, shiftStart, handoff, now)).flatMap((l) => entryOf(l) ?? []);
  return lines.length ? { from: shiftStart, lines } : undefined;
}
