import type { Knex } from 'knex';
import { z } from 'zod';
import { appendAudit } from '../audit.js';
import { column, jsonColumn } from '../columns.js';
import type { ChangeContext } from '../types.js';
import type { DutyCopy, DutyRun, DutyStore, NewDutyRun } from './DutyStore.js';

type DutyRow = {
  key: string; rotation_id: string; due_at: number | string; state: string; late: boolean | number; assignees: string; copies: string;
  detail: string; note: string | null; claimed_by: string | null; answer: string | null; actor: string | null; acted_at: number | string | null;
  reason: string | null; snoozed_until: number | string | null; snoozed_by: string | null; snoozed_at: number | string | null;
  created_at: number | string; updated_at: number | string;
};
const State = z.enum(['claimed', 'posted', 'undelivered', 'missed']);
const Answer = z.enum(['done', 'skipped']);
const Emails = z.array(z.string());
const Copies = z.array(z.object({ via: z.enum(['personal', 'channel']), conversationId: z.string(), activityId: z.string(), to: z.string().optional(), earlier: z.literal(true).optional() }));
const Detail = z.record(z.string(), z.unknown());

/** DutyStore on knex: `duty_runs`, keyed by the occurrence key. */
export class KnexDutyStore implements DutyStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexDutyStore {
    return new KnexDutyStore(db);
  }

  private async insert(run: NewDutyRun, state: 'claimed' | 'missed', extra: { claimed_by?: string; note?: string }, now: number): Promise<boolean> {
    const inserted = await this.db('duty_runs')
      .insert({
        key: run.key, rotation_id: run.rotationId, due_at: run.dueAt, state, late: run.late, assignees: JSON.stringify(run.assignees),
        copies: '[]', detail: JSON.stringify(run.detail), created_at: now, updated_at: now, ...extra,
      })
      .onConflict('key')
      .ignore()
      .returning('key');
    return inserted.length === 1;
  }

  claim(run: NewDutyRun, holder: string, now: number): Promise<boolean> {
    return this.insert(run, 'claimed', { claimed_by: holder }, now);
  }

  recordMissed(run: NewDutyRun, note: string, now: number): Promise<boolean> {
    return this.insert(run, 'missed', { note }, now);
  }

  async recordCopy(key: string, holder: string, copy: DutyCopy, now: number): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const mine = { key, state: 'claimed', claimed_by: holder };
      const row = await trx<DutyRow>('duty_runs').where(mine).first();
      if (!row) return false;
      // The where repeats the holder: a replica that took the claim over meanwhile makes this update nothing.
      return (await trx('duty_runs').where(mine).update({ copies: JSON.stringify([...copiesOf(row), copy]), updated_at: now })) === 1;
    });
  }

  markPosted(key: string, note: string | undefined, now: number): Promise<void> {
    return this.recordRound(key, 'posted', note, now);
  }

  markUndelivered(key: string, note: string, now: number): Promise<void> {
    return this.recordRound(key, 'undelivered', note, now);
  }

  /** Ends a claimed round; `snoozed_at` is cleared, so a later claim (a retry) is not taken for a snooze coming back. */
  private async recordRound(key: string, state: 'posted' | 'undelivered', note: string | undefined, now: number): Promise<void> {
    await this.db('duty_runs').where({ key, state: 'claimed' }).update({ state, note: note ?? null, snoozed_at: null, updated_at: now });
  }

  async refreshClaim(key: string, holder: string, now: number): Promise<boolean> {
    return (await this.db('duty_runs').where({ key, state: 'claimed', claimed_by: holder }).update({ updated_at: now })) === 1;
  }

  async retakeStaleClaim(key: string, holder: string, claimedBefore: number, now: number): Promise<boolean> {
    return (await this.db('duty_runs').where({ key, state: 'claimed' }).where('updated_at', '<=', claimedBefore).update({ claimed_by: holder, updated_at: now })) === 1;
  }

  async retakeUndelivered(key: string, holder: string, now: number): Promise<boolean> {
    const n = await this.db('duty_runs').where({ key, state: 'undelivered' }).whereNull('answer').whereNull('snoozed_until').update({ state: 'claimed', claimed_by: holder, updated_at: now });
    return n === 1;
  }

  async undeliveredRuns(dueFrom: number, triedBefore: number): Promise<DutyRun[]> {
    const rows = await this.db<DutyRow>('duty_runs')
      .where({ state: 'undelivered' })
      .whereNull('answer')
      .whereNull('snoozed_until')
      .where('due_at', '>=', dueFrom)
      .where('updated_at', '<=', triedBefore)
      .orderBy('due_at')
      .orderBy('key');
    return rows.map(toRun);
  }

  async staleClaims(before: number): Promise<DutyRun[]> {
    return (await this.db<DutyRow>('duty_runs').where({ state: 'claimed' }).where('updated_at', '<=', before).orderBy('due_at')).map(toRun);
  }

  async answer(key: string, answer: { kind: 'done' } | { kind: 'skipped'; reason: string }, ctx: ChangeContext): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const reason = answer.kind === 'skipped' ? answer.reason : null;
      const n = await trx('duty_runs')
        .where({ key })
        .whereNull('answer')
        .update({ answer: answer.kind, actor: ctx.actor, acted_at: ctx.now, reason, snoozed_until: null, updated_at: ctx.now });
      if (n !== 1) return false;
      const row = (await trx<DutyRow>('duty_runs').where({ key }).first())!;
      await appendAudit(trx, ctx, [{ action: `duty.${answer.kind}`, rotationId: row.rotation_id, detail: { key, ...(reason ? { reason } : {}) } }]);
      return true;
    });
  }

  async snooze(key: string, until: number, ctx: ChangeContext): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const n = await trx('duty_runs')
        .where({ key })
        .whereNull('answer')
        .whereIn('state', ['posted', 'undelivered'])
        .update({ snoozed_until: until, snoozed_by: ctx.actor, snoozed_at: ctx.now, updated_at: ctx.now });
      if (n !== 1) return false;
      const row = (await trx<DutyRow>('duty_runs').where({ key }).first())!;
      await appendAudit(trx, ctx, [{ action: 'duty.snoozed', rotationId: row.rotation_id, detail: { key, until } }]);
      return true;
    });
  }

  async dueSnoozes(now: number): Promise<DutyRun[]> {
    return (await this.db<DutyRow>('duty_runs').whereNull('answer').whereNotNull('snoozed_until').where('snoozed_until', '<=', now).orderBy('snoozed_until')).map(toRun);
  }

  async takeBackSnoozed(key: string, holder: string, now: number): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const due = (q: Knex.QueryBuilder) => q.where({ key }).whereNull('answer').whereNotNull('snoozed_until').where('snoozed_until', '<=', now);
      const row = await due(trx('duty_runs')).first();
      if (!row) return false;
      const aside = copiesOf(row).map((c) => ({ ...c, earlier: true as const }));
      // The where is repeated: of two replicas that both read the row, only the first clears snoozed_until.
      const n = await due(trx('duty_runs')).update({ snoozed_until: null, state: 'claimed', claimed_by: holder, copies: JSON.stringify(aside), updated_at: now });
      return n === 1;
    });
  }

  async run(key: string): Promise<DutyRun | undefined> {
    const row = await this.db<DutyRow>('duty_runs').where({ key }).first();
    return row ? toRun(row) : undefined;
  }

  async runs(keys: string[]): Promise<Map<string, DutyRun>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db<DutyRow>('duty_runs').whereIn('key', keys);
    return new Map(rows.map((r) => [r.key, toRun(r)]));
  }

  async runsBetween(rotationId: string, from: number, to: number): Promise<DutyRun[]> {
    const rows = await this.db<DutyRow>('duty_runs').where({ rotation_id: rotationId }).where('due_at', '>=', from).where('due_at', '<', to).orderBy('due_at').orderBy('key');
    return rows.map(toRun);
  }
}

const at = (r: DutyRow, c: string) => ({ table: 'duty_runs', column: c, id: r.key });
const copiesOf = (r: DutyRow) => jsonColumn(Copies, r.copies, at(r, 'copies'));
const num = (v: number | string | null) => (v === null ? undefined : Number(v));

function toRun(r: DutyRow): DutyRun {
  const optional = {
    note: r.note ?? undefined,
    answer: r.answer === null ? undefined : column(Answer, r.answer, at(r, 'answer')),
    actor: r.actor ?? undefined,
    actedAt: num(r.acted_at),
    reason: r.reason ?? undefined,
    snoozedUntil: num(r.snoozed_until),
    snoozedBy: r.snoozed_by ?? undefined,
    snoozedAt: num(r.snoozed_at),
  };
  return {
    key: r.key,
    rotationId: r.rotation_id,
    dueAt: Number(r.due_at),
    state: column(State, r.state, at(r, 'state')),
    late: Boolean(r.late),
    assignees: jsonColumn(Emails, r.assignees, at(r, 'assignees')),
    copies: copiesOf(r),
    detail: jsonColumn(Detail, r.detail, at(r, 'detail')),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    updatedAt: Number(r.updated_at),
  };
}
