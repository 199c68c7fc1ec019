import type { Knex } from 'knex';
import { z } from 'zod';
import { column } from '../columns.js';
import type { AttemptOutcome, Delivery, NewDelivery, WebhookStore } from './WebhookStore.js';

type Row = {
  event_id: string; webhook: string; target: string; event: string; rotation_id: string | null; payload: string; state: string;
  attempts: number | string; next_at: number | string; claimed_by: string | null; last_status: number | string | null;
  last_error: string | null; created_at: number | string; updated_at: number | string;
};
const State = z.enum(['pending', 'claimed', 'delivered', 'failed', 'dropped']);
const TABLE = 'webhook_deliveries';

/** WebhookStore on knex: `webhook_deliveries`, keyed by event id and webhook. */
export class KnexWebhookStore implements WebhookStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexWebhookStore {
    return new KnexWebhookStore(db);
  }

  async enqueue(deliveries: NewDelivery[], now: number): Promise<number> {
    let added = 0;
    for (const d of deliveries) {
      const inserted = await this.db(TABLE)
        .insert({
          event_id: d.eventId, webhook: d.webhook, target: d.target, event: d.event, rotation_id: d.rotationId ?? null, payload: d.payload,
          state: 'pending', attempts: 0, next_at: now, created_at: now, updated_at: now,
        })
        .onConflict(['event_id', 'webhook'])
        .ignore()
        .returning('event_id');
      added += inserted.length;
    }
    return added;
  }

  async claimDue(holder: string, now: number, staleBefore: number, limit: number): Promise<Delivery[]> {
    const candidates = await this.db<Row>(TABLE)
      .where((q) => q.where({ state: 'pending' }).andWhere('next_at', '<=', now))
      .orWhere((q) => q.where({ state: 'claimed' }).andWhere('updated_at', '<=', staleBefore))
      .orderBy('next_at')
      .limit(limit);
    const claimed: Delivery[] = [];
    for (const row of candidates) {
      // The where repeats what was read: of two replicas reading the same row, one update changes it.
      const n = await this.db(TABLE)
        .where({ event_id: row.event_id, webhook: row.webhook, state: row.state, updated_at: row.updated_at })
        .update({ state: 'claimed', claimed_by: holder, updated_at: now });
      if (n === 1) claimed.push(toDelivery({ ...row, state: 'claimed', claimed_by: holder, updated_at: now }));
    }
    return claimed;
  }

  async recordAttempt(eventId: string, webhook: string, holder: string, outcome: AttemptOutcome, now: number): Promise<boolean> {
    const n = await this.db(TABLE)
      .where({ event_id: eventId, webhook, state: 'claimed', claimed_by: holder })
      .update({
        state: outcome.state,
        attempts: this.db.raw('attempts + 1'),
        ...(outcome.state === 'pending' ? { next_at: outcome.nextAt } : {}),
        last_status: outcome.status ?? null,
        last_error: outcome.state === 'delivered' ? null : outcome.error.slice(0, 500),
        updated_at: now,
      });
    return n === 1;
  }

  async troubled(since: number): Promise<Delivery[]> {
    const rows = await this.db<Row>(TABLE)
      .where('updated_at', '>=', since)
      .andWhere((q) => q.where({ state: 'failed' }).orWhere((p) => p.whereIn('state', ['pending', 'claimed']).andWhere('attempts', '>', 0)))
      .orderBy('updated_at', 'desc');
    return rows.map(toDelivery);
  }

  async firstSeen(webhooks: string[]): Promise<Map<string, number>> {
    if (webhooks.length === 0) return new Map();
    const rows = (await this.db('webhook_receivers').whereIn('webhook', webhooks).select('webhook', 'first_seen')) as Array<{ webhook: string; first_seen: number | string }>;
    return new Map(rows.map((r) => [r.webhook, Number(r.first_seen)]));
  }

  async delivery(eventId: string, webhook: string): Promise<Delivery | undefined> {
    const row = await this.db<Row>(TABLE).where({ event_id: eventId, webhook }).first();
    return row ? toDelivery(row) : undefined;
  }
}

/** Records, in the file's transaction, when each webhook first appeared (a webhook already known keeps its time). */
export async function recordWebhooksSeen(trx: Knex.Transaction, webhooks: string[], now: number): Promise<void> {
  for (const webhook of webhooks) await trx('webhook_receivers').insert({ webhook, first_seen: now }).onConflict('webhook').ignore();
}

function toDelivery(r: Row): Delivery {
  const at = { table: TABLE, column: 'state', id: `${r.event_id}@${r.webhook}` };
  return {
    eventId: r.event_id,
    webhook: r.webhook,
    target: r.target,
    event: r.event,
    ...(r.rotation_id ? { rotationId: r.rotation_id } : {}),
    payload: r.payload,
    state: column(State, r.state, at),
    attempts: Number(r.attempts),
    nextAt: Number(r.next_at),
    ...(r.claimed_by ? { claimedBy: r.claimed_by } : {}),
    ...(r.last_status !== null ? { lastStatus: Number(r.last_status) } : {}),
    ...(r.last_error ? { lastError: r.last_error } : {}),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
