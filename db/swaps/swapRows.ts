import { z } from 'zod';
import { column, jsonColumn } from '../columns.js';
import type { SwapRecord } from './SwapStore.js';

/** A `swaps` row as knex returns it, and its one mapping (the swap store reads it, the change store lists open swaps). */
export type SwapRow = {
  id: string; rotation_id: string; proposer: string; counterpart: string; proposer_shift_start: number;
  counterpart_shift_start: number | null; state: string; expires_at: number; cards: string; created_at: number;
};

const State = z.enum(['proposed', 'accepted', 'declined', 'cancelled', 'expired']);
export const CardsColumn = z.record(z.string(), z.object({ conversationId: z.string(), activityId: z.string() }));

export function toSwap(r: SwapRow): SwapRecord {
  return {
    id: r.id,
    rotationId: r.rotation_id,
    proposer: r.proposer,
    counterpart: r.counterpart,
    proposerShiftStart: Number(r.proposer_shift_start),
    ...(r.counterpart_shift_start !== null ? { counterpartShiftStart: Number(r.counterpart_shift_start) } : {}),
    state: column(State, r.state, { table: 'swaps', column: 'state', id: r.id }),
    expiresAt: Number(r.expires_at),
    cards: jsonColumn(CardsColumn, r.cards, { table: 'swaps', column: 'cards', id: r.id }),
    createdAt: Number(r.created_at),
  };
}
