import type { Knex } from 'knex';
import { z } from 'zod';
import { jsonColumn } from './columns.js';
import type { AuditEntry, ChangeContext } from './types.js';

const DetailColumn = z.record(z.string(), z.unknown());

export interface AuditRecord {
  action: string;
  rotationId?: string | undefined;
  detail: unknown;
}

/** Appends audit rows inside the caller's transaction, so a change and its record commit or fail together. */
export async function appendAudit(trx: Knex.Transaction, ctx: ChangeContext, records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  await trx('audit_log').insert(
    records.map((r) => ({
      at: ctx.now,
      actor: ctx.actor,
      source: ctx.source,
      action: r.action,
      rotation_id: r.rotationId ?? null,
      detail: JSON.stringify(r.detail),
    })),
  );
}

type AuditRow = { id: number; at: number; actor: string; source: string; action: string; rotation_id: string | null; detail: string };

export async function listAudit(db: Knex, filter: { rotationId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
  const q = db<AuditRow>('audit_log').select('*').orderBy('id', 'desc').limit(filter.limit ?? 100);
  if (filter.rotationId) q.where('rotation_id', filter.rotationId);
  const rows = await q;
  return rows.map((r) => ({
    id: Number(r.id),
    at: Number(r.at),
    actor: r.actor,
    source: r.source,
    action: r.action,
    ...(r.rotation_id ? { rotationId: r.rotation_id } : {}),
    detail: jsonColumn(DetailColumn, r.detail, { table: 'audit_log', column: 'detail', id: String(r.id) }),
  }));
}
