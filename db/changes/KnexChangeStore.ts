import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { appendAudit } from '../audit.js';
import { jsonColumn } from '../columns.js';
import { chatOverrideRow, insertChatTimeOff, toOverride, toTimeOff, type OverrideRow, type TimeOffRow } from '../rows.js';
import { toSwap, type SwapRow } from '../swaps/swapRows.js';
import type { SwapRecord } from '../swaps/SwapStore.js';
import type { ChangeContext, NewOverride, TimeOffSpec } from '../types.js';
import type { CancelEffect, ChangeStore, NewTimeOff, OwnedOverride, OwnedTimeOff, ShownList } from './ChangeStore.js';

const ShownListColumn = z.object({ at: z.number(), ids: z.array(z.string()) });
const shownKey = (email: string) => `chat.changes.${email.toLowerCase()}`;

/** ChangeStore on knex: chat rows in `overrides` and `time_off`, open `swaps`, and the shown list in `settings`. */
export class KnexChangeStore implements ChangeStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexChangeStore {
    return new KnexChangeStore(db);
  }

  async addOverride(o: NewOverride, ctx: ChangeContext, via?: 'take'): Promise<string> {
    const id = `chat-${randomUUID()}`;
    await this.db.transaction(async (trx) => {
      await trx('overrides').insert(chatOverrideRow(id, o, 'chat', ctx));
      await appendAudit(trx, ctx, [{ action: 'override.added', rotationId: o.rotationId, detail: { override: { id, ...o }, ...(via ? { via } : {}) } }]);
    });
    return id;
  }

  async addTimeOff(t: NewTimeOff, ctx: ChangeContext): Promise<string> {
    const id = `chat-${randomUUID()}`;
    await this.db.transaction((trx) => insertChatTimeOff(trx, id, t, ctx));
    return id;
  }

  async openChanges(now: number): Promise<{ overrides: OwnedOverride[]; timeOff: OwnedTimeOff[]; swaps: SwapRecord[] }> {
    const overrides = await this.db<OverrideRow>('overrides').whereNull('cancelled_at').where('end_at', '>', now).orderBy(['start_at', 'id']);
    const timeOff = await this.db<TimeOffRow>('time_off').where('end_at', '>', now).orderBy(['start_at', 'id']);
    const swaps = await this.db<SwapRow>('swaps')
      .where((q) => q.where({ state: 'proposed' }).where('expires_at', '>', now).orWhere({ state: 'accepted' }))
      .orderBy(['proposer_shift_start', 'id']);
    return { overrides: overrides.map(toOwnedOverride), timeOff: timeOff.map(toOwnedTimeOff), swaps: swaps.map(toSwap) };
  }

  async overridesMadeSince(since: number): Promise<Array<OwnedOverride & { createdAt: number }>> {
    const rows = await this.db<OverrideRow & { created_at: number | string }>('overrides').whereIn('origin', ['chat', 'swap']).where('created_at', '>=', since).orderBy(['created_at', 'id']);
    return rows.map((r) => ({ ...toOwnedOverride(r), createdAt: Number(r.created_at) }));
  }

  cancelTimeOff(id: string, endedSpec: TimeOffSpec, ctx: ChangeContext): Promise<CancelEffect | undefined> {
    return this.db.transaction(async (trx) => {
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

  cancelOverride(id: string, ctx: ChangeContext): Promise<CancelEffect | undefined> {
    return this.db.transaction(async (trx) => {
      const row = await trx<OverrideRow>('overrides').where({ id }).first();
      const effect = await endOrRemoveOverride(trx, id, ctx.now);
      if (!row || !effect) return undefined;
      await appendAudit(trx, ctx, [{ action: 'override.cancelled', rotationId: row.rotation_id, detail: { override: toOwnedOverride(row), effect } }]);
      return effect;
    });
  }

  cancelSwap(id: string, from: 'proposed' | 'accepted', ctx: ChangeContext): Promise<Array<{ id: string; effect: CancelEffect }> | undefined> {
    return this.db.transaction(async (trx) => {
      // A conditional UPDATE, so two cancels (or a cancel and an accept) decide once.
      const updated = await trx('swaps').where({ id, state: from }).update({ state: 'cancelled', decided_at: ctx.now });
      if (updated !== 1) return undefined;
      const row = (await trx<SwapRow>('swaps').where({ id }).first())!;
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

  async saveShownList(email: string, ids: string[], now: number): Promise<void> {
    const value = JSON.stringify({ at: now, ids });
    await this.db('settings').insert({ key: shownKey(email), value, updated_at: now }).onConflict('key').merge({ value, updated_at: now });
  }

  async shownList(email: string): Promise<ShownList | undefined> {
    const key = shownKey(email);
    const row = (await this.db('settings').where({ key }).first()) as { value: string } | undefined;
    return row ? jsonColumn(ShownListColumn, row.value, { table: 'settings', column: 'value', id: key }) : undefined;
  }
}

const toOwnedOverride = (r: OverrideRow): OwnedOverride => ({ ...toOverride(r), createdBy: r.created_by, ...(r.swap_id ? { swapId: r.swap_id } : {}) });
const toOwnedTimeOff = (r: TimeOffRow): OwnedTimeOff => ({ ...toTimeOff(r), createdBy: r.created_by });

/** Removes an override that has not started, or ends one in progress at now; undefined when it is over or gone. */
async function endOrRemoveOverride(trx: Knex.Transaction, id: string, now: number): Promise<CancelEffect | undefined> {
  const live = () => trx('overrides').where({ id }).whereNull('cancelled_at').where('end_at', '>', now);
  if ((await live().where('start_at', '>=', now).update({ cancelled_at: now })) === 1) return 'removed';
  if ((await live().update({ end_at: now })) === 1) return 'ended';
  return undefined;
}
