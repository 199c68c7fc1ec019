import type { Knex } from 'knex';
import { appendAudit } from './audit.js';
import { toOverride, toTimeOff, type OverrideRow, type TimeOffRow } from './rows.js';
import type { ChangeContext, StoredOverride, StoredTimeOff } from './types.js';

/** An override with who made it and, for a swap's two overrides, which swap it belongs to. */
export type OwnedOverride = StoredOverride & { createdBy: string; swapId?: string };

/** Time off with who recorded it. */
export type OwnedTimeOff = StoredTimeOff & { createdBy: string };

/** How a cancel left a row: `removed` when it had not started, `ended` (at now) when it had: history does not move. */
export type CancelEffect = 'removed' | 'ended';

/** Overrides and time off still in effect after `now` (not cancelled, ending after now), every origin. */
export async function openRecords(db: Knex, now: number): Promise<{ overrides: OwnedOverride[]; timeOff: OwnedTimeOff[] }> {
  const overrides = await db<OverrideRow>('overrides').whereNull('cancelled_at').where('end_at', '>', now).orderBy(['start_at', 'id']);
  const timeOff = await db<TimeOffRow>('time_off').where('end_at', '>', now).orderBy(['start_at', 'id']);
  return { overrides: overrides.map(toOwnedOverride), timeOff: timeOff.map(toOwnedTimeOff) };
}

const toOwnedOverride = (r: OverrideRow): OwnedOverride => ({ ...toOverride(r), createdBy: r.created_by, ...(r.swap_id ? { swapId: r.swap_id } : {}) });
const toOwnedTimeOff = (r: TimeOffRow): OwnedTimeOff => ({ ...toTimeOff(r), createdBy: r.created_by });

/** Removes an override that has not started, or ends one in progress at now; undefined when it is over or gone. */
export async function endOrRemoveOverride(trx: Knex.Transaction, id: string, now: number): Promise<CancelEffect | undefined> {
  const live = () => trx('overrides').where({ id }).whereNull('cancelled_at').where('end_at', '>', now);
  if ((await live().where('start_at', '>=', now).update({ cancelled_at: now })) === 1) return 'removed';
  if ((await live().update({ end_at: now })) === 1) return 'ended';
  return undefined;
}

/**
 * Cancels time off made in chat: removed when it has not started, else ended at now with `endedSpec` (the spec
 * that export writes) and its audit row, in one transaction. Undefined when it is over or gone.
 */
export async function cancelTimeOff(db: Knex, id: string, endedSpec: Record<string, unknown>, ctx: ChangeContext): Promise<CancelEffect | undefined> {
  return db.transaction(async (trx) => {
    const row = await trx<TimeOffRow>('time_off').where({ id }).where('end_at', '>', ctx.now).first();
    if (!row) return undefined;
    const effect: CancelEffect = Number(row.start_at) >= ctx.now ? 'removed' : 'ended';
    if (effect === 'removed') await trx('time_off').where({ id }).delete();
    else await trx('time_off').where({ id }).update({ end_at: ctx.now, spec: JSON.stringify(endedSpec) });
    const timeOff = { id, member: row.member, start: Number(row.start_at), end: Number(row.end_at) };
    await appendAudit(trx, ctx, [{ action: 'timeoff.cancelled', detail: { timeOff, effect } }]);
    return effect;
  });
}

/** Cancels one override (a cover) with its audit row, in one transaction. */
export async function cancelOverride(db: Knex, id: string, ctx: ChangeContext): Promise<CancelEffect | undefined> {
  return db.transaction(async (trx) => {
    const row = await trx<OverrideRow>('overrides').where({ id }).first();
    const effect = await endOrRemoveOverride(trx, id, ctx.now);
    if (!row || !effect) return undefined;
    await appendAudit(trx, ctx, [{ action: 'override.cancelled', rotationId: row.rotation_id, detail: { override: toOwnedOverride(row), effect } }]);
    return effect;
  });
}

/**
 * Cancels a swap: a proposal still `proposed`, or an accepted swap whose overrides are removed (or ended at now)
 * in the same transaction as the swap's state and the audit row. A conditional UPDATE, so two cancels (or a cancel
 * and an accept) decide once; undefined when the swap was not open any more.
 */
export async function cancelSwap(
  db: Knex,
  id: string,
  from: 'proposed' | 'accepted',
  ctx: ChangeContext,
): Promise<Array<{ id: string; effect: CancelEffect }> | undefined> {
  return db.transaction(async (trx) => {
    const updated = await trx('swaps').where({ id, state: from }).update({ state: 'cancelled', decided_at: ctx.now });
    if (updated !== 1) return undefined;
    const row = (await trx('swaps').where({ id }).first()) as { rotation_id: string };
    const ids = (await trx('overrides').where({ swap_id: id }).whereNull('cancelled_at').orderBy('start_at').pluck('id')) as string[];
    const reverted: Array<{ id: string; effect: CancelEffect }> = [];
    for (const overrideId of ids) {
      const effect = await endOrRemoveOverride(trx, overrideId, ctx.now);
      if (effect) reverted.push({ id: overrideId, effect });
    }
    await appendAudit(trx, ctx, [{ action: 'swap.cancelled', rotationId: row.rotation_id, detail: { swap: id, was: from, overrides: reverted } }]);
    return reverted;
  });
}

/**
 * The numbered list `my changes` last showed a person (ids in order), kept in the database, not in a process, so
 * `cancel 2` means what they saw whichever replica answers and after a restart.
 */
export async function saveShownList(db: Knex, email: string, ids: string[], now: number): Promise<void> {
  const key = `chat.changes.${email.toLowerCase()}`;
  const value = JSON.stringify({ at: now, ids });
  await db('settings').insert({ key, value, updated_at: now }).onConflict('key').merge({ value, updated_at: now });
}

export async function shownList(db: Knex, email: string): Promise<{ at: number; ids: string[] } | undefined> {
  const row = (await db('settings').where({ key: `chat.changes.${email.toLowerCase()}` }).first()) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as { at: number; ids: string[] }) : undefined;
}
