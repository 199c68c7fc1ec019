import type { OofSuggestion } from '../../db/oof/OofStore.js';
import { uncoveredStretches, WHY_ENDED, WHY_NO_SHIFT } from '../../rotation/oofCover.js';
import { segmentsBetween } from '../../rotation/segmentsBetween.js';
import type { Snapshot } from './context.js';

/**
 * Why an open out-of-office question no longer applies, as the sync's plan decides it (rotation/oofCover.ts): its
 * block has ended, or it covers no coming stretch of theirs that their time off leaves uncovered (they swapped the
 * week away, say). Undefined while it still applies. Checked again before the card is sent and when Yes is clicked.
 */
export function oofNoLongerApplies(snap: Snapshot, s: Pick<OofSuggestion, 'member' | 'start' | 'end'>, now: number): string | undefined {
  if (s.end <= now) return WHY_ENDED;
  const coming = segmentsBetween(snap.schedule, now, s.end);
  const ids = new Set(snap.rotations.map((r) => r.id));
  return uncoveredStretches(s.member, s, coming, snap.schedule.timeOff, now, ids).length === 0 ? WHY_NO_SHIFT : undefined;
}
