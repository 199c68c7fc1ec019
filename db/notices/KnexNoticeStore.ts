import type { Knex } from 'knex';
import { z } from 'zod';
import { appendAudit } from '../audit.js';
import { column, jsonColumn } from '../columns.js';
import type { ChangeContext } from '../types.js';
import type { SeenChange, AuditedChange, KnownStretches, NoticeMark, NoticeRun, NoticeState, NoticeStore, ShiftNotice } from './NoticeStore.js';

const MARK = 'moves';
const Stretch = z.object({ start: z.number(), end: z.number() });
const StretchesColumn = z.array(z.object({ member: z.string(), rotation: z.string(), stretches: z.array(Stretch) }));
const MovesColumn = z.array(z.object({ member: z.string(), rotation: z.string(), before: z.array(Stretch), after: z.array(Stretch) }));
const StateColumn = z.enum(['pending', 'claimed', 'sending', 'sent', 'undelivered', 'failed', 'expired', 'unknown', 'given-up']);
const SeenColumn = z.array(z.object({ id: z.number(), at: z.number() }));

type MarkRow = { name: string; last_audit_id: number | string; batch: number; run_at: number | string; seen: string };
type KnownRow = { email: string; stretches: string; window_end: number | string };
type NoticeRow = {
  id: number; batch: number; member: string; moves: string; computed_at: number | string; state: string; attempts: number;
  claimed_by: string | null; claimed_at: number | string | null; outcome: string | null; sent_at: number | string | null; created_at: number | string; updated_at: number | string;
};
type AuditRow = { id: number | string; at: number | string; actor: string; action: string; detail: string };

/** The states a notice may be claimed from: new, or tried before and to be tried again. */
const CLAIMABLE = ['pending', 'failed', 'undelivered'];

/** NoticeStore on knex: `shift_notice_marks`, `shift_notice_stretches`, `shift_notices`, `shift_notice_settings` (0013). */
export class KnexNoticeStore implements NoticeStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexNoticeStore {
    return new KnexNoticeStore(db);
  }

  async mark(): Promise<NoticeMark | undefined> {
    const row = await this.db<MarkRow>('shift_notice_marks').where({ name: MARK }).first();
    return row ? { lastAuditId: Number(row.last_audit_id), batch: Number(row.batch), runAt: Number(row.run_at), seen: jsonColumn(SeenColumn, row.seen, { table: 'shift_notice_marks', column: 'seen', id: MARK }) } : undefined;
  }

  async latestAuditId(): Promise<number> {
    const row = (await this.db('audit_log').max({ id: 'id' }).first()) as { id: number | string | null } | undefined;
    return Number(row?.id ?? 0);
  }

  async changesSince(afterId: number, atAfter: number, seen: readonly SeenChange[]): Promise<AuditedChange[]> {
    const rows = await this.db<AuditRow>('audit_log').select('id', 'at', 'actor', 'action', 'detail').where((q) => q.where('id', '>', afterId).orWhere('at', '>', atAfter)).orderBy('id');
    const skip = new Set(seen.map((s) => s.id));
    return rows.filter((r) => !skip.has(Number(r.id))).map((r) => ({ id: Number(r.id), at: Number(r.at), actor: r.actor, action: r.action, detail: jsonColumn(z.unknown(), r.detail, { table: 'audit_log', column: 'detail', id: String(r.id) }) }));
  }

  async rotationNames(): Promise<Map<string, { id: string; name: string; timezone: string }>> {
    const rows = (await this.db('rotations').select('id', 'name', 'timezone')) as Array<{ id: string; name: string; timezone: string }>;
    return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, timezone: r.timezone }]));
  }

  async known(emails?: string[]): Promise<Map<string, KnownStretches>> {
    const q = this.db<KnownRow>('shift_notice_stretches').select('*');
    if (emails) q.whereIn('email', emails.map((e) => e.toLowerCase()));
    const rows = await q;
    return new Map(rows.map((r) => [r.email, { stretches: jsonColumn(StretchesColumn, r.stretches, { table: 'shift_notice_stretches', column: 'stretches', id: r.email }), windowEnd: Number(r.window_end) }]));
  }

  async recordRun(run: NoticeRun): Promise<number | undefined> {
    return this.db.transaction(async (trx) => {
      const batch = (run.from?.batch ?? 0) + 1;
      const mark = { last_audit_id: run.lastAuditId, batch, run_at: run.runAt, seen: JSON.stringify(run.seen) };
      if (run.from) {
        const moved = await trx('shift_notice_marks').where({ name: MARK, batch: run.from.batch }).update(mark);
        if (moved !== 1) return undefined;
      } else {
        const inserted = await trx('shift_notice_marks').insert({ name: MARK, ...mark }).onConflict('name').ignore().returning('name');
        if (inserted.length !== 1) return undefined;
      }
      for (const [email, stretches] of run.known) {
        const cols = { stretches: JSON.stringify(stretches), window_end: run.windowEnd, updated_at: run.runAt };
        await trx('shift_notice_stretches').insert({ email, ...cols }).onConflict('email').merge(cols);
      }
      const rows = run.notices.map((n) => ({ batch, member: n.member.toLowerCase(), moves: JSON.stringify(n.moves), computed_at: run.runAt, state: 'pending', attempts: 0, created_at: run.runAt, updated_at: run.runAt }));
      for (let i = 0; i < rows.length; i += 200) await trx('shift_notices').insert(rows.slice(i, i + 200)).onConflict(['batch', 'member']).ignore();
      return batch;
    });
  }

  async noticesIn(state: NoticeState, filter: { updatedBefore?: number; createdAfter?: number; createdBefore?: number; member?: string } = {}): Promise<ShiftNotice[]> {
    const q = this.db<NoticeRow>('shift_notices').where({ state }).orderBy('id');
    if (filter.updatedBefore !== undefined) q.andWhere('updated_at', '<=', filter.updatedBefore);
    if (filter.createdAfter !== undefined) q.andWhere('created_at', '>', filter.createdAfter);
    if (filter.createdBefore !== undefined) q.andWhere('created_at', '<=', filter.createdBefore);
    if (filter.member) q.andWhere({ member: filter.member.toLowerCase() });
    return (await q).map(toNotice);
  }

  async claim(id: number, holder: string, now: number, staleBefore?: number): Promise<boolean> {
    const updated = await this.db('shift_notices')
      .where({ id })
      .andWhere((q) => {
        q.whereIn('state', CLAIMABLE);
        if (staleBefore !== undefined) q.orWhere((s) => s.where({ state: 'claimed' }).andWhere('claimed_at', '<=', staleBefore));
      })
      .update({ state: 'claimed', claimed_by: holder, claimed_at: now, updated_at: now, attempts: this.db.raw('attempts + 1') });
    return updated === 1;
  }

  async sending(id: number, holder: string, now: number): Promise<boolean> {
    return (await this.db('shift_notices').where({ id, state: 'claimed', claimed_by: holder }).update({ state: 'sending', updated_at: now })) === 1;
  }

  async settleStaleSends(staleBefore: number, now: number): Promise<number> {
    const note = 'the send was cut short: Teams may have shown it, so it is not sent again';
    return this.db('shift_notices').where({ state: 'sending' }).andWhere('updated_at', '<=', staleBefore).update({ state: 'unknown', outcome: note, updated_at: now });
  }

  async giveUp(createdBefore: number, now: number): Promise<number> {
    return this.db('shift_notices').whereIn('state', ['undelivered', 'failed']).andWhere('created_at', '<=', createdBefore).update({ state: 'given-up', updated_at: now });
  }

  async finish(id: number, holder: string, outcome: { state: 'sent' | 'undelivered' | 'failed' | 'expired'; note?: string }, now: number): Promise<boolean> {
    const updated = await this.db('shift_notices')
      .where({ id, claimed_by: holder })
      .whereIn('state', ['claimed', 'sending'])
      .update({ state: outcome.state, outcome: outcome.note ?? null, updated_at: now, ...(outcome.state === 'sent' ? { sent_at: now } : {}) });
    return updated === 1;
  }

  async optedOut(emails: string[]): Promise<Set<string>> {
    if (emails.length === 0) return new Set();
    const rows = (await this.db('shift_notice_settings').whereIn('email', emails.map((e) => e.toLowerCase())).andWhere({ moves: false }).select('email')) as Array<{ email: string }>;
    return new Set(rows.map((r) => r.email));
  }

  async setMoveNotices(email: string, on: boolean, ctx: ChangeContext): Promise<void> {
    const cols = { moves: on, updated_at: ctx.now };
    await this.db.transaction(async (trx) => {
      await trx('shift_notice_settings').insert({ email: email.toLowerCase(), ...cols }).onConflict('email').merge(cols);
      await appendAudit(trx, ctx, [{ action: on ? 'notify.moves.on' : 'notify.moves.off', detail: { email: email.toLowerCase() } }]);
    });
  }
}

function toNotice(r: NoticeRow): ShiftNotice {
  const at = (c: string) => ({ table: 'shift_notices', column: c, id: String(r.id) });
  return {
    id: Number(r.id),
    batch: Number(r.batch),
    member: r.member,
    moves: jsonColumn(MovesColumn, r.moves, at('moves')),
    computedAt: Number(r.computed_at),
    state: column(StateColumn, r.state, at('state')),
    attempts: Number(r.attempts),
    ...(r.claimed_by ? { claimedBy: r.claimed_by } : {}),
    ...(r.outcome ? { outcome: r.outcome } : {}),
    ...(r.sent_at !== null ? { sentAt: Number(r.sent_at) } : {}),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
