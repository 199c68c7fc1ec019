import type { Knex } from 'knex';
import { z } from 'zod';
import { appendAudit } from '../audit.js';
import { jsonColumn } from '../columns.js';
import type { ChangeContext } from '../types.js';
import type { HandoverRecord, HandoverStore } from './HandoverStore.js';

type HandoverRow = { rotation_id: string; shift_start: number; author: string; notes: string; open_items: string; updated_at: number };
const OpenItemsColumn = z.array(z.string());

/** HandoverStore on knex: `handover_notes`, keyed by rotation and shift start. */
export class KnexHandoverStore implements HandoverStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexHandoverStore {
    return new KnexHandoverStore(db);
  }

  async saveHandover(h: Omit<HandoverRecord, 'updatedAt'>, ctx: ChangeContext): Promise<void> {
    await this.db.transaction(async (trx) => {
      const cols = { author: h.author, notes: h.notes, open_items: JSON.stringify(h.openItems), updated_at: ctx.now };
      await trx('handover_notes')
        .insert({ rotation_id: h.rotationId, shift_start: h.shiftStart, created_at: ctx.now, ...cols })
        .onConflict(['rotation_id', 'shift_start'])
        .merge(cols);
      await appendAudit(trx, ctx, [{ action: 'handover.saved', rotationId: h.rotationId, detail: { shiftStart: h.shiftStart, openItems: h.openItems.length } }]);
    });
  }

  async handover(rotationId: string, shiftStart: number): Promise<HandoverRecord | undefined> {
    const row = await this.db<HandoverRow>('handover_notes').where({ rotation_id: rotationId, shift_start: shiftStart }).first();
    return row ? toHandover(row) : undefined;
  }
}

function toHandover(r: HandoverRow): HandoverRecord {
  const shiftStart = Number(r.shift_start);
  return {
    rotationId: r.rotation_id,
    shiftStart,
    author: r.author,
    notes: r.notes,
    openItems: jsonColumn(OpenItemsColumn, r.open_items, { table: 'handover_notes', column: 'open_items', id: `${r.rotation_id}@${shiftStart}` }),
    updatedAt: Number(r.updated_at),
  };
}
