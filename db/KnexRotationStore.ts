import type { Knex } from 'knex';
import {
  BEGINNING_OF_TIME,
  type Change,
  type ChangeContext,
  type DesiredRotation,
  type DesiredState,
  type StoredOverride,
  type StoredRotation,
  type StoredState,
  type StoredTimeOff,
} from './types.js';
import { toOverride, toTimeOff, type OverrideRow, type TimeOffRow } from './rows.js';
import { appendAudit } from './audit.js';

export interface ApplyOptions {
  dryRun?: boolean;
  /**
   * When an edited definition takes effect. The rotation core answers "the next handoff after now", so a shift
   * that has started is never rewritten.
   */
  effectiveFrom(current: StoredRotation): number;
}

/** When an edit of a rotation made in chat takes effect: as for a file, the next handoff. */
export type ChatRotationOptions = Pick<ApplyOptions, 'effectiveFrom'>;

/** What saving a rotation from chat did; a rotation the file owns (or an archived id) is refused, not changed. */
export type ChatRotationSaved =
  | { ok: true; action: 'created' | 'updated' | 'unchanged'; effectiveFrom: number; fields: string[] }
  | { ok: false; reason: 'file-origin' | 'archived' };

class DryRunRollback extends Error {
  constructor(readonly changes: Change[]) {
    super('dry run: rolled back');
  }
}

type RotationRow = { id: string; name: string; timezone: string; origin: string; archived_at: number | null };
type VersionRow = { rotation_id: string; effective_from: number; definition: string };

/** Rotations, their versions, members, overrides and time off. Every change is one transaction with its audit rows. */
export class KnexRotationStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexRotationStore {
    return new KnexRotationStore(db);
  }

  load(): Promise<StoredState> {
    return loadState(this.db);
  }

  /** Makes the database match a rotation file; with `dryRun` the same transaction runs and is rolled back. */
  async applyDesired(desired: DesiredState, ctx: ChangeContext, options: ApplyOptions): Promise<Change[]> {
    try {
      return await this.db.transaction(async (trx) => {
        const changes = await applyInTransaction(trx, desired, ctx, options);
        await appendAudit(
          trx,
          ctx,
          changes.map((c) => ({ action: c.action, rotationId: 'rotationId' in c ? c.rotationId : undefined, detail: c })),
        );
        if (options.dryRun) throw new DryRunRollback(changes);
        return changes;
      });
    } catch (err) {
      if (err instanceof DryRunRollback) return err.changes;
      throw err;
    }
  }

  /**
   * Creates (origin 'chat', in effect from the beginning of time) or edits a rotation made in chat, with its audit
   * row, in one transaction. An edit starts a new version at `effectiveFrom` (a pending version is replaced), and
   * members who stay keep their identity cache. A later `apply` of the file leaves chat rotations alone.
   */
  async saveChatRotation(next: DesiredRotation, ctx: ChangeContext, options: ChatRotationOptions): Promise<ChatRotationSaved> {
    return this.db.transaction(async (trx): Promise<ChatRotationSaved> => {
      const row = await trx<RotationRow>('rotations').where({ id: next.id }).first();
      if (!row) {
        await insertRotation(trx, next, ctx.now, 'chat');
        await appendAudit(trx, ctx, [{ action: 'rotation.created', rotationId: next.id, detail: { action: 'rotation.created', rotationId: next.id } }]);
        return { ok: true, action: 'created', effectiveFrom: BEGINNING_OF_TIME, fields: [] };
      }
      if (row.origin !== 'chat') return { ok: false, reason: 'file-origin' };
      if (row.archived_at !== null) return { ok: false, reason: 'archived' };
      const existing = (await loadState(trx)).rotations.find((r) => r.id === next.id)!;
      const latest = existing.versions.at(-1);
      if (latest && sameDefinition(latest.definition, next)) {
        return { ok: true, action: 'unchanged', effectiveFrom: latest.from, fields: [] };
      }
      const change = await reviseRotation(trx, existing, next, ctx.now, options.effectiveFrom);
      await appendAudit(trx, ctx, [{ action: change.action, rotationId: next.id, detail: change }]);
      return { ok: true, action: 'updated', effectiveFrom: change.effectiveFrom, fields: change.fields };
    });
  }
}

async function loadState(db: Knex, includeArchived = false): Promise<StoredState> {
  const rotationQuery = db<RotationRow>('rotations').select('id', 'name', 'timezone', 'origin', 'archived_at').orderBy('id');
  if (!includeArchived) rotationQuery.whereNull('archived_at');
  // Sequential on purpose: inside a transaction there is one connection, and pg refuses overlapping queries.
  const rotations = await rotationQuery;
  const versions = await db<VersionRow>('rotation_versions')
    .select('rotation_id', 'effective_from', 'definition')
    .orderBy(['rotation_id', 'effective_from']);
  const members = await db('members').select('rotation_id', 'email').where('active', true).orderBy(['rotation_id', 'position']);
  const overrides = await db<OverrideRow>('overrides').select('*').whereNull('cancelled_at').orderBy(['rotation_id', 'start_at', 'id']);
  const timeOff = await db<TimeOffRow>('time_off').select('*').orderBy(['member', 'start_at', 'id']);
  const settingRows = (await db('settings').select('key', 'value')) as Array<{ key: string; value: string }>;
  const setting = (key: string) => settingRows.find((r) => r.key === key);
  return {
    settings: {
      timezone: setting('timezone') ? (JSON.parse(setting('timezone')!.value) as string) : 'UTC',
      admins: setting('admins') ? (JSON.parse(setting('admins')!.value) as string[]) : [],
    },
    rotations: rotations.map((r) => ({
      id: r.id,
      name: r.name,
      timezone: r.timezone,
      origin: r.origin as StoredRotation['origin'],
      members: members.filter((m) => m.rotation_id === r.id).map((m) => m.email as string),
      versions: versions
        .filter((v) => v.rotation_id === r.id)
        .map((v) => ({ from: Number(v.effective_from), definition: JSON.parse(v.definition) as Record<string, unknown> })),
    })),
    overrides: overrides.map(toOverride),
    timeOff: timeOff.map(toTimeOff),
  };
}

/** Key order does not matter to a definition; compare canonically. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

async function applyInTransaction(trx: Knex.Transaction, desired: DesiredState, ctx: ChangeContext, options: ApplyOptions): Promise<Change[]> {
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
    changes.push(await reviseRotation(trx, existing, next, ctx.now, options.effectiveFrom));
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

function sameDefinition(definition: Record<string, unknown>, next: DesiredRotation): boolean {
  return canonicalJson(definition) === canonicalJson(next.definition);
}

/**
 * A new version of an existing rotation from `effectiveFrom` (the next handoff), never before the latest version;
 * a version not yet in effect is replaced rather than stacked.
 */
async function reviseRotation(
  trx: Knex.Transaction,
  existing: StoredRotation,
  next: DesiredRotation,
  now: number,
  effectiveFrom: ApplyOptions['effectiveFrom'],
): Promise<Extract<Change, { action: 'rotation.updated' }>> {
  const latest = existing.versions.at(-1);
  const from = Math.max(effectiveFrom(existing), latest ? latest.from : BEGINNING_OF_TIME);
  await updateRotation(trx, next, from, latest?.from === from, now);
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

async function insertRotation(trx: Knex.Transaction, r: DesiredRotation, now: number, origin: StoredRotation['origin'] = 'file'): Promise<void> {
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
