import type { Knex } from 'knex';
import { z } from 'zod';
import { appendAudit } from './audit.js';
import { column, jsonColumn } from './columns.js';
import type { ChangeContext, NewOverride, StoredOverride, StoredTimeOff } from './types.js';

/**
 * The `overrides` and `time_off` rows as knex returns them, and their one mapping to the stored shapes: the
 * rotation store loads them for the schedule, the change store lists and cancels them.
 */
export type OverrideRow = {
  id: string; rotation_id: string; start_at: number; end_at: number; member: string; replaces: string | null;
  origin: string; created_by: string; swap_id: string | null;
};
export type TimeOffRow = { id: string; member: string; start_at: number; end_at: number; spec: string; origin: string; created_by: string; created_at: number };

const OverrideOrigin = z.enum(['file', 'chat', 'swap']);
const TimeOffOrigin = z.enum(['file', 'chat']);
const TimeOffSpecColumn = z.looseObject({
  from: z.string().optional(),
  to: z.string().optional(),
  rotation: z.string().optional(),
  timezone: z.string().optional(),
});

export function toOverride(r: OverrideRow): StoredOverride {
  return {
    id: r.id,
    rotationId: r.rotation_id,
    start: Number(r.start_at),
    end: Number(r.end_at),
    member: r.member,
    ...(r.replaces ? { replaces: r.replaces } : {}),
    origin: column(OverrideOrigin, r.origin, { table: 'overrides', column: 'origin', id: r.id }),
  };
}

export function toTimeOff(r: TimeOffRow): StoredTimeOff {
  return {
    id: r.id,
    member: r.member,
    start: Number(r.start_at),
    end: Number(r.end_at),
    spec: jsonColumn(TimeOffSpecColumn, r.spec, { table: 'time_off', column: 'spec', id: r.id }),
    origin: column(TimeOffOrigin, r.origin, { table: 'time_off', column: 'origin', id: r.id }),
    createdAt: Number(r.created_at),
  };
}

/** The row of an override the chat writes: a cover (`chat`) or one half of an accepted swap (`swap`). */
export function chatOverrideRow(id: string, o: NewOverride, origin: 'chat' | 'swap', ctx: ChangeContext, swapId?: string) {
  return {
    id, rotation_id: o.rotationId, start_at: o.start, end_at: o.end, member: o.member, replaces: o.replaces ?? null,
    origin, swap_id: swapId ?? null, created_by: ctx.actor, created_at: ctx.now,
  };
}

/** Time off the chat records (`time off`, an out-of-office Yes): its row and its `timeoff.added` audit row, in the caller's transaction. */
export async function insertChatTimeOff(trx: Knex.Transaction, id: string, t: { member: string; start: number; end: number; spec: Record<string, unknown> }, ctx: ChangeContext): Promise<void> {
  await trx('time_off').insert({ id, member: t.member, start_at: t.start, end_at: t.end, spec: JSON.stringify(t.spec), origin: 'chat', created_by: ctx.actor, created_at: ctx.now });
  await appendAudit(trx, ctx, [{ action: 'timeoff.added', detail: { timeOff: { id, member: t.member, start: t.start, end: t.end } } }]);
}
