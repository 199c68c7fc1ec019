import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { appendAudit } from '../audit.js';
import { jsonColumn } from '../columns.js';
import { chatOverrideRow } from '../rows.js';
import type { ChangeContext, NewOverride } from '../types.js';
import type { CardRef, SwapRecord, SwapState, SwapStore } from './SwapStore.js';
import { CardsColumn, toSwap, type SwapRow } from './swapRows.js';

/** SwapStore on knex: `swaps`, with the overrides of an accepted swap in `overrides` (origin `swap`). */
export class KnexSwapStore implements SwapStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexSwapStore {
    return new KnexSwapStore(db);
  }

  async createSwap(s: Omit<SwapRecord, 'id' | 'state' | 'cards' | 'createdAt'>, ctx: ChangeContext): Promise<SwapRecord> {
    const swap: SwapRecord = { ...s, id: `swap-${randomUUID()}`, state: 'proposed', cards: {}, createdAt: ctx.now };
    await this.db.transaction(async (trx) => {
      await trx('swaps').insert({
        id: swap.id,
        rotation_id: s.rotationId,
        proposer: s.proposer,
        counterpart: s.counterpart,
        proposer_shift_start: s.proposerShiftStart,
        counterpart_shift_start: s.counterpartShiftStart ?? null,
        state: 'proposed',
        expires_at: s.expiresAt,
        cards: '{}',
        created_at: ctx.now,
      });
      await appendAudit(trx, ctx, [{ action: 'swap.proposed', rotationId: s.rotationId, detail: { swap: swap.id, ...s } }]);
    });
    return swap;
  }

  async swap(id: string): Promise<SwapRecord | undefined> {
    const row = await this.db<SwapRow>('swaps').where({ id }).first();
    return row ? toSwap(row) : undefined;
  }

  async setSwapCard(id: string, who: string, card: CardRef): Promise<void> {
    await this.db.transaction(async (trx) => {
      const row = await trx<SwapRow>('swaps').where({ id }).first();
      if (!row) return;
      const cards = { ...jsonColumn(CardsColumn, row.cards, { table: 'swaps', column: 'cards', id }), [who]: card };
      await trx('swaps').where({ id }).update({ cards: JSON.stringify(cards) });
    });
  }

  async decideSwap(id: string, state: Exclude<SwapState, 'proposed'>, overrides: NewOverride[], ctx: ChangeContext): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const updated = await trx('swaps').where({ id, state: 'proposed' }).update({ state, decided_at: ctx.now });
      if (updated !== 1) return false;
      const row = (await trx<SwapRow>('swaps').where({ id }).first())!;
      for (const [i, o] of overrides.entries()) {
        await trx('overrides').insert(chatOverrideRow(`${id}-${i}`, o, 'swap', ctx, id));
      }
      await appendAudit(trx, ctx, [{ action: `swap.${state}`, rotationId: row.rotation_id, detail: { swap: id, overrides } }]);
      return true;
    });
  }
}
