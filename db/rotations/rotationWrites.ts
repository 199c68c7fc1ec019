import type { Knex } from 'knex';
import { BEGINNING_OF_TIME, type Change, type DesiredRotation, type StoredRotation, type StoredState } from '../types.js';
import { canonicalJson } from './canonicalJson.js';
import type { ApplyOptions } from './RotationStore.js';

/** The writes of one rotation's rows (rotations, rotation_versions, members), shared by a file apply and chat setup. */

export function sameDefinition(definition: StoredRotation['versions'][number]['definition'], next: DesiredRotation): boolean {
  return canonicalJson(definition) === canonicalJson(next.definition);
}

/**
 * A new version of an existing rotation from `effectiveFrom` (now, the next handoff or the end of a round), never
 * before a version in force. Versions recorded for later than that (edits not yet in effect) are superseded: the new
 * definition is the whole rotation, so it holds what they held. One at the same instant is replaced, not stacked.
 */
export async function reviseRotation(
  trx: Knex.Transaction,
  existing: StoredRotation,
  next: DesiredRotation,
  ctx: { now: number; state: StoredState },
  effectiveFrom: ApplyOptions['effectiveFrom'],
): Promise<Extract<Change, { action: 'rotation.updated' }>> {
  const latest = existing.versions.at(-1);
  const wanted = effectiveFrom(existing, next, ctx.state);
  const superseded = existing.versions.filter((v) => v.from > Math.max(wanted, ctx.now));
  if (superseded.length > 0) await trx('rotation_versions').where({ rotation_id: next.id }).whereIn('effective_from', superseded.map((v) => v.from)).delete();
  const kept = existing.versions.filter((v) => !superseded.includes(v)).at(-1);
  const from = Math.max(wanted, kept ? kept.from : BEGINNING_OF_TIME);
  await updateRotation(trx, next, from, kept?.from === from, ctx.now);
  const fields = latest ? changedFields(latest.definition, next.definition) : [];
  return { action: 'rotation.updated', rotationId: next.id, effectiveFrom: from, fields };
}

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k])).sort();
}

function rotationColumns(r: DesiredRotation, now: number) {
  return {
    name: r.name,
    timezone: r.timezone,
    every: r.every,
    handoff: r.handoff,
    on_duty: r.onDuty,
    start_date: r.start,
    rules: JSON.stringify(r.definition),
    updated_at: now,
    archived_at: null,
  };
}

export async function insertRotation(trx: Knex.Transaction, r: DesiredRotation, now: number, origin: StoredRotation['origin'] = 'file'): Promise<void> {
  await trx('rotations').insert({ id: r.id, origin, created_at: now, ...rotationColumns(r, now) });
  await trx('rotation_versions').insert({
    rotation_id: r.id,
    effective_from: BEGINNING_OF_TIME,
    definition: JSON.stringify(r.definition),
    created_at: now,
  });
  await writeMembers(trx, r.id, r.members);
}

/** A pending version (not yet in effect) is replaced rather than stacked, so two edits before a handoff make one. */
async function updateRotation(trx: Knex.Transaction, r: DesiredRotation, from: number, replaceLatest: boolean, now: number): Promise<void> {
  await trx('rotations').where({ id: r.id }).update(rotationColumns(r, now));
  const definition = JSON.stringify(r.definition);
  if (replaceLatest) {
    await trx('rotation_versions').where({ rotation_id: r.id, effective_from: from }).update({ definition, created_at: now });
  } else {
    await trx('rotation_versions').insert({ rotation_id: r.id, effective_from: from, definition, created_at: now });
  }
  await writeMembers(trx, r.id, r.members);
}

/** Keeps the identity cache (AAD id, Teams id, display name) of members who stay; those who leave become inactive. */
async function writeMembers(trx: Knex.Transaction, rotationId: string, emails: string[]): Promise<void> {
  await trx('members').where({ rotation_id: rotationId }).update({ active: false, position: -1 });
  for (const [position, email] of emails.entries()) {
    await trx('members')
      .insert({ rotation_id: rotationId, email, position, active: true })
      .onConflict(['rotation_id', 'email'])
      .merge({ position, active: true });
  }
}
