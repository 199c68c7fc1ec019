import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { appendAudit } from '../audit.js';
import type { ChangeContext } from '../types.js';
import type { ItemEvent, ItemEventKind, ItemKind, ItemStore, StoredItem, TakeOverAnswer, TakeOverRequest } from './ItemStore.js';
import { toEvent, toItem, toRequest, type EventRow, type ItemRow, type RequestRow } from './itemRows.js';

type Event = { n: number; rotationId: string; kind: ItemEventKind; from?: string; to?: string; handoffKey?: string; note?: string };

/** ItemStore on knex: `items`, `item_events`, `item_requests`, `item_handoffs` (migration 0012). */
export class KnexItemStore implements ItemStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexItemStore {
    return new KnexItemStore(db);
  }

  async openItem(i: { rotationId: string; kind: ItemKind; text: string; holder: string; escalatedTo?: string[] }, ctx: ChangeContext): Promise<StoredItem> {
    return this.db.transaction(async (trx) => {
      const [inserted] = await trx('items')
        .insert({
          rotation_id: i.rotationId, kind: i.kind, text: i.text, holder: i.holder, opened_by: ctx.actor, opened_at: ctx.now,
          escalated_to: JSON.stringify(i.escalatedTo ?? []), updated_at: ctx.now,
        })
        .returning('n');
      const n = Number((inserted as { n: number }).n);
      await record(trx, ctx, [{ n, rotationId: i.rotationId, kind: 'opened', to: i.holder }], { kind: i.kind, escalatedTo: i.escalatedTo ?? [] });
      return toItem((await trx<ItemRow>('items').where({ n }).first())!);
    });
  }

  async item(n: number): Promise<StoredItem | undefined> {
    const row = await this.db<ItemRow>('items').where({ n }).first();
    return row ? toItem(row) : undefined;
  }

  async items(filter: { rotationId?: string; closed?: boolean }): Promise<StoredItem[]> {
    const q = this.db<ItemRow>('items').select('*').orderBy('n');
    if (filter.rotationId) q.where('rotation_id', filter.rotationId);
    if (!filter.closed) q.whereNull('closed_at');
    return (await q).map(toItem);
  }

  async events(n: number): Promise<ItemEvent[]> {
    return (await this.db<EventRow>('item_events').where({ item_n: n }).orderBy('id')).map(toEvent);
  }

  async eventsBetween(rotationId: string, from: number, to: number): Promise<ItemEvent[]> {
    const rows = await this.db<EventRow>('item_events').where({ rotation_id: rotationId }).where('at', '>=', from).where('at', '<', to).orderBy('id');
    return rows.map(toEvent);
  }

  async moveItem(n: number, expectedHolder: string, to: string, kind: 'assigned' | 'taken', ctx: ChangeContext): Promise<boolean> {
    return this.db.transaction((trx) => move(trx, n, expectedHolder, to, kind, ctx));
  }

  async closeItem(n: number, note: string | undefined, ctx: ChangeContext): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const changed = await trx('items').where({ n }).whereNull('closed_at').update({ closed_by: ctx.actor, closed_at: ctx.now, close_note: note ?? null, awaiting_key: null, updated_at: ctx.now });
      if (changed !== 1) return false;
      const row = (await trx<ItemRow>('items').where({ n }).first())!;
      await record(trx, ctx, [{ n, rotationId: row.rotation_id, kind: 'closed', from: row.holder, ...(note ? { note } : {}) }]);
      return true;
    });
  }

  async passAtHandoff(key: string, rotationId: string, from: string[], to: string, ctx: ChangeContext, heldBefore?: number): Promise<number[]> {
    return this.db.transaction(async (trx) => {
      const claimed = await trx('item_handoffs').insert({ key, at: ctx.now }).onConflict('key').ignore().returning('key');
      if (claimed.length !== 1) return [];
      const q = trx<ItemRow>('items').where({ rotation_id: rotationId }).whereNull('closed_at').whereIn('holder', from).whereNot('holder', to).orderBy('n');
      if (heldBefore !== undefined) {
        // A person's move since (not an earlier late pass: those run oldest first, one after the other).
        const movedSince = trx('item_events').select('item_n').whereIn('kind', ['assigned', 'taken']).where('at', '>=', heldBefore);
        q.where('opened_at', '<', heldBefore).whereNotIn('n', movedSince);
      }
      const held = await q;
      const passed: Event[] = [];
      for (const row of held) {
        const changed = await trx('items').where({ n: row.n, holder: row.holder }).whereNull('closed_at').update({ holder: to, awaiting_key: key, updated_at: ctx.now });
        if (changed === 1) passed.push({ n: Number(row.n), rotationId, kind: 'passed', from: row.holder, to, handoffKey: key });
      }
      await record(trx, ctx, passed);
      return passed.map((e) => e.n);
    });
  }

  async passesRun(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    return new Set((await this.db('item_handoffs').whereIn('key', keys).pluck('key')) as string[]);
  }

  async passedAt(key: string): Promise<Array<{ n: number; text: string }> | undefined> {
    if (!(await this.db('item_handoffs').where({ key }).first())) return undefined;
    const rows = (await this.db('item_events')
      .join('items', 'items.n', 'item_events.item_n')
      .where({ 'item_events.handoff_key': key, 'item_events.kind': 'passed' })
      .orderBy('items.n')
      .select('items.n', 'items.text')) as Array<{ n: number | string; text: string }>;
    return rows.map((r) => ({ n: Number(r.n), text: r.text }));
  }

  async acceptPassed(key: string, ctx: ChangeContext): Promise<number[]> {
    return this.db.transaction(async (trx) => {
      const waiting = await trx<ItemRow>('items').where({ awaiting_key: key }).whereNull('closed_at').orderBy('n');
      const accepted: Event[] = [];
      for (const row of waiting) {
        const changed = await trx('items').where({ n: row.n, awaiting_key: key }).update({ awaiting_key: null, updated_at: ctx.now });
        if (changed === 1) accepted.push({ n: Number(row.n), rotationId: row.rotation_id, kind: 'accepted', to: row.holder, handoffKey: key });
      }
      await record(trx, ctx, accepted);
      return accepted.map((e) => e.n);
    });
  }

  async acceptAwaiting(holder: string, n: number | undefined, ctx: ChangeContext): Promise<number[]> {
    return this.db.transaction(async (trx) => {
      const q = trx<ItemRow>('items').where({ holder }).whereNotNull('awaiting_key').whereNull('closed_at').orderBy('n');
      if (n !== undefined) q.where({ n });
      const accepted: Event[] = [];
      for (const row of await q) {
        const changed = await trx('items').where({ n: row.n, holder, awaiting_key: row.awaiting_key }).whereNull('closed_at').update({ awaiting_key: null, updated_at: ctx.now });
        if (changed === 1) accepted.push({ n: Number(row.n), rotationId: row.rotation_id, kind: 'accepted', to: holder, handoffKey: row.awaiting_key! });
      }
      await record(trx, ctx, accepted);
      return accepted.map((e) => e.n);
    });
  }

  async askTakeOver(r: { n: number; requester: string; holder: string }, ctx: ChangeContext): Promise<TakeOverRequest> {
    const id = `take-${randomUUID()}`;
    return this.db.transaction(async (trx) => {
      await trx('item_requests').insert({ id, item_n: r.n, requester: r.requester, holder: r.holder, state: 'asked', created_at: ctx.now });
      const item = (await trx<ItemRow>('items').where({ n: r.n }).first())!;
      await appendAudit(trx, ctx, [{ action: 'item.takeover.asked', rotationId: item.rotation_id, detail: { n: r.n, request: id, holder: r.holder } }]);
      return toRequest((await trx<RequestRow>('item_requests').where({ id }).first())!);
    });
  }

  async takeOverRequest(id: string): Promise<TakeOverRequest | undefined> {
    const row = await this.db<RequestRow>('item_requests').where({ id }).first();
    return row ? toRequest(row) : undefined;
  }

  async closeUndelivered(id: string, reason: string, ctx: ChangeContext): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const closed = await trx('item_requests').where({ id, state: 'asked' }).update({ state: 'undelivered', decided_at: ctx.now });
      if (closed !== 1) return false;
      const request = (await trx<RequestRow>('item_requests').where({ id }).first())!;
      const item = (await trx<ItemRow>('items').where({ n: request.item_n }).first())!;
      await appendAudit(trx, ctx, [{ action: 'item.takeover.undelivered', rotationId: item.rotation_id, detail: { n: Number(request.item_n), request: id, reason } }]);
      return true;
    });
  }

  async answerTakeOver(id: string, accept: boolean, ctx: ChangeContext): Promise<TakeOverAnswer> {
    return this.db.transaction(async (trx) => {
      const asked = await trx<RequestRow>('item_requests').where({ id }).first();
      if (!asked) throw new Error(`no take-over request ${id}`);
      // The request is claimed first: of two answers at once, only one finds it still asked.
      const claimed = await trx('item_requests').where({ id, state: 'asked' }).update({ state: accept ? 'accepted' : 'declined', decided_at: ctx.now });
      if (claimed !== 1) return { outcome: 'already', request: toRequest((await trx<RequestRow>('item_requests').where({ id }).first())!) };
      const moved = accept && (await move(trx, Number(asked.item_n), asked.holder, asked.requester, 'taken', ctx));
      const state = !accept ? 'declined' : moved ? 'accepted' : 'stale';
      if (state === 'stale') await trx('item_requests').where({ id }).update({ state });
      const item = (await trx<ItemRow>('items').where({ n: asked.item_n }).first())!;
      await appendAudit(trx, ctx, [{ action: 'item.takeover.answered', rotationId: item.rotation_id, detail: { n: Number(asked.item_n), request: id, state } }]);
      return { outcome: state, request: toRequest((await trx<RequestRow>('item_requests').where({ id }).first())!) };
    });
  }
}

/** The conditional move every change of holder is: only from the holder the caller saw, only while open. */
async function move(trx: Knex.Transaction, n: number, expectedHolder: string, to: string, kind: 'assigned' | 'taken', ctx: ChangeContext): Promise<boolean> {
  const changed = await trx('items').where({ n, holder: expectedHolder }).whereNull('closed_at').update({ holder: to, awaiting_key: null, updated_at: ctx.now });
  if (changed !== 1) return false;
  const row = (await trx<ItemRow>('items').where({ n }).first())!;
  await record(trx, ctx, [{ n, rotationId: row.rotation_id, kind, from: expectedHolder, to }]);
  return true;
}

/** The events and their audit rows, in the caller's transaction. */
async function record(trx: Knex.Transaction, ctx: ChangeContext, events: Event[], extra: Record<string, unknown> = {}): Promise<void> {
  if (events.length === 0) return;
  await trx('item_events').insert(
    events.map((e) => ({
      item_n: e.n, rotation_id: e.rotationId, kind: e.kind, actor: ctx.actor, from_holder: e.from ?? null, to_holder: e.to ?? null,
      handoff_key: e.handoffKey ?? null, note: e.note ?? null, at: ctx.now,
    })),
  );
  await appendAudit(trx, ctx, events.map((e) => ({ action: `item.${e.kind}`, rotationId: e.rotationId, detail: { n: e.n, from: e.from, to: e.to, ...(e.handoffKey ? { handoffKey: e.handoffKey } : {}), ...extra } })));
}
