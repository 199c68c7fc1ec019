import type { StoredRotation } from '../../db/types.js';
import { dutyId, type DutyOccurrence } from '../../rotation/index.js';
import type { ChatDeps } from './context.js';

/*
 * Which duties apply, and from when. The duties job (and the record that stats, the handoff card and `duties` read)
 * follows a rotation's LATEST stored version, not the version in effect at the occurrence: a duty added is sent
 * from the moment it is stored, a duty removed stops at once. The roster and rules still wait for the next handoff
 * (a new version from it), so `apply` and `setup` say "at once" for duties and checks only (app/cli/changeWords.ts).
 *
 * An occurrence counts (is sent, or is missed) only at or after the moment its duty appeared in the stored rotation:
 * when the oldest of the latest versions that all hold it was recorded. The first version is recorded when the
 * rotation is created, so nothing counts from before that. A duty removed and added again counts from its return.
 */

/**
 * The fields read from the latest stored version: a duty added is sent at once and one removed stops at once, so
 * `apply` and `setup` never say their change waits for the next handoff.
 */
export const AT_ONCE_FIELDS: readonly string[] = ['duties', 'morningCheck', 'eveningCheck'];

/** Duty id → the instant from which its occurrences count; a duty of the latest version only. */
export function dutiesSince(rotation: Pick<StoredRotation, 'versions'>): Map<string, number> {
  const since = new Map<string, number>();
  const latest = rotation.versions.at(-1);
  for (const duty of latest?.definition.duties ?? []) {
    const id = dutyId(duty);
    let from = latest!.recordedAt ?? -Infinity;
    for (let i = rotation.versions.length - 1; i >= 0; i--) {
      const v = rotation.versions[i]!;
      if (!(v.definition.duties ?? []).some((d) => dutyId(d) === id)) break;
      from = v.recordedAt ?? -Infinity;
    }
    since.set(id, from);
  }
  return since;
}

/**
 * The instant from which a rotation's morning or evening check counts (is sent, or sent late after a restart): the
 * same rule as a duty's — the oldest of the latest stored versions that all hold the check at its current time. A
 * check just added, or moved to an earlier time, is not sent for a moment before it was stored; none: undefined.
 */
export function checkSince(rotation: Pick<StoredRotation, 'versions'>, kind: 'morning' | 'evening'): number | undefined {
  const time = (v: StoredRotation['versions'][number]) => (kind === 'morning' ? v.definition.morningCheck : v.definition.eveningCheck);
  const latest = rotation.versions.at(-1);
  if (!latest || time(latest) === undefined) return undefined;
  let from = latest.recordedAt ?? -Infinity;
  for (let i = rotation.versions.length - 1; i >= 0 && time(rotation.versions[i]!) === time(latest); i--) from = rotation.versions[i]!.recordedAt ?? -Infinity;
  return from;
}

/** Whether an occurrence of the latest definition counts: due at or after its duty appeared. */
export const countsSince = (since: Map<string, number>) => (o: Pick<DutyOccurrence, 'dutyId' | 'at'>): boolean => o.at >= (since.get(o.dutyId) ?? -Infinity);

/** `dutiesSince` of a rotation by id, from the stored state (cached by RotaService); empty for an unknown id. */
export async function dutiesSinceOf(deps: Pick<ChatDeps, 'service'>, rotationId: string): Promise<Map<string, number>> {
  const stored = (await deps.service.snapshot()).state.rotations.find((r) => r.id === rotationId);
  return stored ? dutiesSince(stored) : new Map();
}
