import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { appendAudit } from '../audit.js';
import { column, jsonColumn } from '../columns.js';
import { insertChatTimeOff } from '../rows.js';
import type { ChangeContext } from '../types.js';
import type { NewOofSuggestion, OofStore, OofSuggestion } from './OofStore.js';

type Row = {
  id: string; member: string; block_start: number | string; block_end: number | string; rotation_id: string; detail: string; state: string; post: string;
  claimed_by: string | null; conversation_id: string | null; activity_id: string | null; note: string | null; answered_at: number | string | null;
  created_at: number | string; updated_at: number | string;
};
const State = z.enum(['new', 'asked', 'accepted', 'declined', 'expired']);
const Post = z.enum(['none', 'claimed', 'posted', 'undelivered']);
const Detail = z.object({ rotationName: z.string(), zone: z.string(), shiftStart: z.number(), more: z.number().int().min(0) });
const OPEN = ['new', 'asked'];
const TABLE = 'oof_suggestions';

/** The id a block's question has: stable across replicas and restarts, short enough for a card's data. */
const oofId = (member: string, start: number, end: number): string => createHash('sha256').update(`${member.toLowerCase()}|${start}|${end}`).digest('hex').slice(0, 16);

/** OofStore on knex: `oof_suggestions`, unique by member and block. */
export class KnexOofStore implements OofStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexOofStore {
    return new KnexOofStore(db);
  }

  async add(list: NewOofSuggestion[], now: number): Promise<number> {
    let added = 0;
    for (const s of list) {
      const member = s.member.toLowerCase();
      const inserted = await this.db(TABLE)
        .insert({
          id: oofId(member, s.start, s.end), member, block_start: s.start, block_end: s.end, rotation_id: s.rotationId, detail: JSON.stringify(s.detail),
          state: 'new', post: 'none', created_at: now, updated_at: now,
        })
        .onConflict(['member', 'block_start', 'block_end'])
        .ignore()
        .returning('id');
      added += inserted.length;
    }
    return added;
  }

  async ofMembers(members: string[]): Promise<OofSuggestion[]> {
    if (members.length === 0) return [];
    return (await this.db<Row>(TABLE).whereIn('member', members.map((m) => m.toLowerCase())).orderBy('block_start').orderBy('id')).map(toSuggestion);
  }

  async open(): Promise<OofSuggestion[]> {
    return (await this.db<Row>(TABLE).whereIn('state', OPEN).orderBy('block_start').orderBy('id')).map(toSuggestion);
  }

  async expire(id: string, note: string, now: number): Promise<boolean> {
    return (await this.db(TABLE).where({ id }).whereIn('state', OPEN).update({ state: 'expired', note, updated_at: now })) === 1;
  }

  async suggestion(id: string): Promise<OofSuggestion | undefined> {
    const row = await this.db<Row>(TABLE).where({ id }).first();
    return row ? toSuggestion(row) : undefined;
  }

  async claim(id: string, holder: string, now: number): Promise<boolean> {
    return (await this.db(TABLE).where({ id, state: 'new', post: 'none' }).update({ post: 'claimed', claimed_by: holder, updated_at: now })) === 1;
  }

  async retakeUndelivered(id: string, holder: string, now: number): Promise<boolean> {
    return (await this.db(TABLE).where({ id, state: 'new', post: 'undelivered' }).update({ post: 'claimed', claimed_by: holder, updated_at: now })) === 1;
  }

  async retakeStale(id: string, holder: string, before: number, now: number): Promise<boolean> {
    return (await this.db(TABLE).where({ id, post: 'claimed' }).where('updated_at', '<=', before).update({ claimed_by: holder, updated_at: now })) === 1;
  }

  async markPosted(id: string, holder: string, where: { conversationId: string; activityId: string }, now: number): Promise<boolean> {
    // Asked only if still new: an answer that came in meanwhile (another copy) keeps its state.
    const n = await this.db(TABLE).where({ id, post: 'claimed', claimed_by: holder }).update({
      post: 'posted', conversation_id: where.conversationId, activity_id: where.activityId, note: null, updated_at: now,
      state: this.db.raw(`CASE WHEN state = 'new' THEN 'asked' ELSE state END`),
    });
    return n === 1;
  }

  async markUndelivered(id: string, holder: string, note: string, now: number): Promise<boolean> {
    return (await this.db(TABLE).where({ id, post: 'claimed', claimed_by: holder }).update({ post: 'undelivered', note, updated_at: now })) === 1;
  }

  async unsent(): Promise<OofSuggestion[]> {
    return (await this.db<Row>(TABLE).where({ state: 'new', post: 'none' }).orderBy('created_at').orderBy('id')).map(toSuggestion);
  }

  async undelivered(triedBefore: number, member?: string): Promise<OofSuggestion[]> {
    const q = this.db<Row>(TABLE).where({ state: 'new', post: 'undelivered' }).where('updated_at', '<=', triedBefore);
    if (member) q.where({ member: member.toLowerCase() });
    return (await q.orderBy('created_at').orderBy('id')).map(toSuggestion);
  }

  async staleClaims(before: number): Promise<OofSuggestion[]> {
    return (await this.db<Row>(TABLE).where({ post: 'claimed' }).where('updated_at', '<=', before).orderBy('id')).map(toSuggestion);
  }

  async answer(id: string, answer: 'accepted' | 'declined', ctx: ChangeContext): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const n = await trx(TABLE).where({ id }).whereIn('state', OPEN).update({ state: answer, answered_at: ctx.now, updated_at: ctx.now });
      if (n !== 1) return false;
      const row = (await trx<Row>(TABLE).where({ id }).first())!;
      await appendAudit(trx, ctx, [{ action: `oof.${answer}`, rotationId: row.rotation_id, detail: { id, member: row.member, start: Number(row.block_start), end: Number(row.block_end) } }]);
      return true;
    });
  }

  async acceptWithTimeOff(id: string, t: { member: string; start: number; end: number; spec: Record<string, unknown> }, ctx: ChangeContext): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const n = await trx(TABLE).where({ id }).whereIn('state', OPEN).update({ state: 'accepted', answered_at: ctx.now, updated_at: ctx.now });
      if (n !== 1) return false;
      const row = (await trx<Row>(TABLE).where({ id }).first())!;
      const timeOffId = `chat-oof-${id}`;
      await appendAudit(trx, ctx, [{ action: 'oof.accepted', rotationId: row.rotation_id, detail: { id, member: row.member, start: Number(row.block_start), end: Number(row.block_end) } }]);
      await insertChatTimeOff(trx, timeOffId, t, ctx);
      return true;
    });
  }
}

function toSuggestion(r: Row): OofSuggestion {
  const at = (c: string) => ({ table: TABLE, column: c, id: r.id });
  return {
    id: r.id,
    member: r.member,
    start: Number(r.block_start),
    end: Number(r.block_end),
    rotationId: r.rotation_id,
    detail: jsonColumn(Detail, r.detail, at('detail')),
    state: column(State, r.state, at('state')),
    post: column(Post, r.post, at('post')),
    ...(r.claimed_by ? { claimedBy: r.claimed_by } : {}),
    ...(r.conversation_id ? { conversationId: r.conversation_id } : {}),
    ...(r.activity_id ? { activityId: r.activity_id } : {}),
    ...(r.note ? { note: r.note } : {}),
    ...(r.answered_at !== null ? { answeredAt: Number(r.answered_at) } : {}),
    updatedAt: Number(r.updated_at),
  };
}
