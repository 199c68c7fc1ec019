import type { Knex } from 'knex';
import { OPTIONAL_SETTINGS, type Change, type ChangeContext, type DesiredState, type StoredOverride, type StoredTimeOff } from '../types.js';
import { canonicalJson } from './canonicalJson.js';
import { loadState } from './loadState.js';
import type { ApplyOptions } from './RotationStore.js';
import { insertRotation, reviseRotation, sameDefinition } from './rotationWrites.js';

/**
 * What applying a rotation file changes, written inside the caller's transaction: settings, rotations (created,
 * revised, archived when the file drops them), and the file's overrides and time off. Chat-made rows stay.
 */
export async function applyFileInTransaction(trx: Knex.Transaction, desired: DesiredState, ctx: ChangeContext, options: ApplyOptions): Promise<Change[]> {
  const current = await loadState(trx, true);
  const archived = new Set((await trx('rotations').whereNotNull('archived_at').pluck('id')) as string[]);
  const byId = new Map(current.rotations.map((r) => [r.id, r]));
  const changes: Change[] = [];
  if (canonicalJson(current.settings) !== canonicalJson(desired.settings)) {
    for (const [key, value] of Object.entries(desired.settings)) {
      await trx('settings')
        .insert({ key, value: JSON.stringify(value), updated_at: ctx.now })
        .onConflict('key')
        .merge({ value: JSON.stringify(value), updated_at: ctx.now });
    }
    const dropped = OPTIONAL_SETTINGS.filter((key) => desired.settings[key] === undefined);
    if (dropped.length > 0) await trx('settings').whereIn('key', dropped).delete();
    changes.push({ action: 'settings.updated', settings: desired.settings });
  }

  for (const next of desired.rotations) {
    const existing = byId.get(next.id);
    if (!existing) {
      await insertRotation(trx, next, ctx.now);
      changes.push({ action: 'rotation.created', rotationId: next.id });
      continue;
    }
    const latest = existing.versions.at(-1);
    if (latest && sameDefinition(latest.definition, next) && !archived.has(next.id)) continue;
    changes.push(await reviseRotation(trx, existing, next, { now: ctx.now, state: current }, options.effectiveFrom));
  }
  const wanted = new Set(desired.rotations.map((r) => r.id));
  for (const r of current.rotations) {
    if (r.origin === 'file' && !wanted.has(r.id) && !archived.has(r.id)) {
      await trx('rotations').where({ id: r.id }).update({ archived_at: ctx.now, updated_at: ctx.now });
      changes.push({ action: 'rotation.archived', rotationId: r.id });
    }
  }
  changes.push(...(await syncOverrides(trx, current.overrides, desired.overrides, ctx)));
  changes.push(...(await syncTimeOff(trx, current.timeOff, desired.timeOff, ctx)));
  return changes;
}

async function syncOverrides(
  trx: Knex.Transaction,
  current: StoredOverride[],
  desired: DesiredState['overrides'],
  ctx: ChangeContext,
): Promise<Change[]> {
  const changes: Change[] = [];
  const desiredIds = new Set(desired.map((o) => o.id));
  for (const o of current.filter((o) => o.origin === 'file' && !desiredIds.has(o.id))) {
    await trx('overrides').where({ id: o.id }).update({ cancelled_at: ctx.now });
    const { origin: _origin, ...override } = o;
    changes.push({ action: 'override.removed', rotationId: o.rotationId, override });
  }
  // An override made in chat and then exported comes back from the file with a file id: do not double it.
  const contentKey = (o: Omit<StoredOverride, 'origin' | 'id'>) => canonicalJson([o.rotationId, o.start, o.end, o.member, o.replaces ?? null]);
  const present = new Set([...current.map((o) => o.id), ...current.filter((o) => o.origin !== 'file').map(contentKey)]);
  for (const o of desired.filter((o) => !present.has(o.id) && !present.has(contentKey(o)))) {
    await trx('overrides')
      .insert({
        id: o.id,
        rotation_id: o.rotationId,
        start_at: o.start,
        end_at: o.end,
        member: o.member,
        replaces: o.replaces ?? null,
        origin: 'file',
        created_by: ctx.actor,
        created_at: ctx.now,
      })
      .onConflict('id')
      .merge({ cancelled_at: null });
    changes.push({ action: 'override.added', rotationId: o.rotationId, override: o });
  }
  return changes;
}

async function syncTimeOff(
  trx: Knex.Transaction,
  current: StoredTimeOff[],
  desired: DesiredState['timeOff'],
  ctx: ChangeContext,
): Promise<Change[]> {
  const changes: Change[] = [];
  const desiredIds = new Set(desired.map((t) => t.id));
  for (const t of current.filter((t) => t.origin === 'file' && !desiredIds.has(t.id))) {
    await trx('time_off').where({ id: t.id }).delete();
    changes.push({ action: 'timeoff.removed', timeOff: { id: t.id, member: t.member, start: t.start, end: t.end } });
  }
  const contentKey = (t: { member: string; start: number; end: number }) => canonicalJson([t.member, t.start, t.end]);
  const present = new Set([...current.map((t) => t.id), ...current.filter((t) => t.origin !== 'file').map(contentKey)]);
  for (const t of desired.filter((t) => !present.has(t.id) && !present.has(contentKey(t)))) {
    await trx('time_off').insert({
      id: t.id,
      member: t.member,
      start_at: t.start,
      end_at: t.end,
      spec: JSON.stringify(t.spec),
      origin: 'file',
      created_by: ctx.actor,
      created_at: ctx.now,
    });
    changes.push({ action: 'timeoff.added', timeOff: { id: t.id, member: t.member, start: t.start, end: t.end } });
  }
  return changes;
}
