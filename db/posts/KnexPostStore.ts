import type { Knex } from 'knex';
import { z } from 'zod';
import { appendAudit } from '../audit.js';
import { column, jsonColumn } from '../columns.js';
import type { ChangeContext } from '../types.js';
import type { BotPost, PostState, PostStore } from './PostStore.js';

type PostRow = {
  key: string; kind: string; rotation_id: string | null; state: string; conversation_id: string | null; activity_id: string | null;
  detail: string; acked_by: string | null; acked_at: number | null; followed_up_at: number | null; created_at: number; updated_at: number;
};
const State = z.enum(['claimed', 'posted', 'failed', 'undelivered']);
const DetailColumn = z.record(z.string(), z.unknown());

/** PostStore on knex: `bot_posts`, keyed by the post's key (`handoff:<rotation>:<instant>`, …). */
export class KnexPostStore implements PostStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexPostStore {
    return new KnexPostStore(db);
  }

  async claimPost(p: { key: string; kind: string; rotationId?: string; detail: Record<string, unknown> }, holder: string, now: number): Promise<boolean> {
    const inserted = await this.db('bot_posts')
      .insert({
        key: p.key, kind: p.kind, rotation_id: p.rotationId ?? null, state: 'claimed', claimed_by: holder,
        detail: JSON.stringify(p.detail), created_at: now, updated_at: now,
      })
      .onConflict('key')
      .ignore()
      .returning('key');
    if (inserted.length === 1) return true;
    const retaken = await this.db('bot_posts').where({ key: p.key, state: 'failed' }).update({ state: 'claimed', claimed_by: holder, updated_at: now });
    return retaken === 1;
  }

  async markPosted(key: string, where: { conversationId: string; activityId?: string }, now: number, detail?: Record<string, unknown>): Promise<void> {
    const sent = detail ? { detail: JSON.stringify(detail) } : {};
    await this.db('bot_posts').where({ key }).update({ state: 'posted', conversation_id: where.conversationId, activity_id: where.activityId ?? null, updated_at: now, ...sent });
  }

  async markFailed(key: string, now: number): Promise<void> {
    await this.db('bot_posts').where({ key, state: 'claimed' }).update({ state: 'failed', updated_at: now });
  }

  async markUndelivered(key: string, reason: string, now: number, tried?: Record<string, unknown>): Promise<void> {
    await this.db.transaction(async (trx) => {
      const row = await trx<PostRow>('bot_posts').where({ key, state: 'claimed' }).first();
      if (!row) return;
      const detail = { ...(tried ?? detailOf(row)), reason };
      await trx('bot_posts').where({ key, state: 'claimed' }).update({ state: 'undelivered', detail: JSON.stringify(detail), updated_at: now });
    });
  }

  async retakeUndelivered(key: string, holder: string, now: number, audit?: { ctx: ChangeContext; action: string; detail: Record<string, unknown> }): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const n = await trx('bot_posts').where({ key, state: 'undelivered' }).update({ state: 'claimed', claimed_by: holder, updated_at: now });
      if (n === 1 && audit) {
        const row = (await trx<PostRow>('bot_posts').where({ key }).first())!;
        await appendAudit(trx, audit.ctx, [{ action: audit.action, rotationId: row.rotation_id ?? undefined, detail: audit.detail }]);
      }
      return n === 1;
    });
  }

  async refreshClaim(key: string, holder: string, now: number): Promise<boolean> {
    return (await this.db('bot_posts').where({ key, state: 'claimed', claimed_by: holder }).update({ updated_at: now })) === 1;
  }

  async retakeStaleClaim(key: string, holder: string, claimedBefore: number, now: number): Promise<boolean> {
    const n = await this.db('bot_posts').where({ key, state: 'claimed' }).where('updated_at', '<=', claimedBefore).update({ claimed_by: holder, updated_at: now });
    return n === 1;
  }

  async postsIn(kind: string, state: PostState, updated: { after?: number; atOrBefore?: number } = {}): Promise<BotPost[]> {
    const q = this.db<PostRow>('bot_posts').where({ kind, state }).orderBy('created_at').orderBy('key');
    if (updated.after !== undefined) q.where('updated_at', '>', updated.after);
    if (updated.atOrBefore !== undefined) q.where('updated_at', '<=', updated.atOrBefore);
    return (await q).map(toPost);
  }

  async post(key: string): Promise<BotPost | undefined> {
    const row = await this.db<PostRow>('bot_posts').where({ key }).first();
    return row ? toPost(row) : undefined;
  }

  async ackPost(key: string, by: string, ctx: ChangeContext, audit = { action: 'handoff.acknowledged', detail: { key } as Record<string, unknown> }): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const n = await trx('bot_posts').where({ key }).whereNull('acked_at').update({ acked_by: by, acked_at: ctx.now, updated_at: ctx.now });
      if (n === 1) {
        const row = (await trx<PostRow>('bot_posts').where({ key }).first())!;
        await appendAudit(trx, ctx, [{ action: audit.action, rotationId: row.rotation_id ?? undefined, detail: audit.detail }]);
      }
      return n === 1;
    });
  }

  async postsAwaitingAck(kind: string, postedBefore: number): Promise<BotPost[]> {
    const rows = await this.db<PostRow>('bot_posts')
      .where({ kind, state: 'posted' })
      .whereNull('acked_at')
      .whereNull('followed_up_at')
      .where('created_at', '<=', postedBefore)
      .orderBy('created_at');
    return rows.map(toPost);
  }

  async markFollowedUp(key: string, now: number): Promise<boolean> {
    return (await this.db('bot_posts').where({ key }).whereNull('followed_up_at').whereNull('acked_at').update({ followed_up_at: now, updated_at: now })) === 1;
  }
}

const detailOf = (r: PostRow) => jsonColumn(DetailColumn, r.detail, { table: 'bot_posts', column: 'detail', id: r.key });

function toPost(r: PostRow): BotPost {
  return {
    key: r.key,
    kind: r.kind,
    ...(r.rotation_id ? { rotationId: r.rotation_id } : {}),
    state: column(State, r.state, { table: 'bot_posts', column: 'state', id: r.key }),
    ...(r.conversation_id ? { conversationId: r.conversation_id } : {}),
    ...(r.activity_id ? { activityId: r.activity_id } : {}),
    detail: detailOf(r),
    ...(r.acked_by ? { ackedBy: r.acked_by } : {}),
    ...(r.acked_at !== null ? { ackedAt: Number(r.acked_at) } : {}),
    ...(r.followed_up_at !== null ? { followedUpAt: Number(r.followed_up_at) } : {}),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
