import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { KnexSyncStore } from './KnexSyncStore.js';
import { appendAudit } from './audit.js';
import { cancelOverride, cancelSwap, cancelTimeOff, openRecords, saveShownList, shownList, type CancelEffect, type OwnedOverride, type OwnedTimeOff } from './changeRecords.js';
import type { ChangeContext } from './types.js';

/** Someone Rota has talked to: the e-mail/UPN rotation files use, and what Teams calls them. */
export interface Person {
  email: string;
  aadObjectId?: string;
  teamsId?: string;
  displayName?: string;
  reminders: boolean;
  /** Minutes before each on-duty stretch to remind them (`remind 1d 2h`); undefined: the default, 24 h. */
  reminderLeads?: number[];
}

export interface ConversationRecord {
  conversationId: string;
  kind: 'personal' | 'groupChat' | 'channel';
  teamId?: string;
  tenantId?: string;
  userEmail?: string;
  /** A botbuilder ConversationReference, as JSON. */
  reference: Record<string, unknown>;
}

export interface NewOverride {
  rotationId: string;
  start: number;
  end: number;
  member: string;
  replaces?: string;
}

export interface NewTimeOff {
  member: string;
  start: number;
  end: number;
  spec: Record<string, unknown>;
}

export type SwapState = 'proposed' | 'accepted' | 'declined' | 'cancelled' | 'expired';

export interface SwapRecord {
  id: string;
  rotationId: string;
  proposer: string;
  counterpart: string;
  proposerShiftStart: number;
  counterpartShiftStart?: number;
  state: SwapState;
  expiresAt: number;
  /** Where the proposal's cards are, so they can be updated in place. */
  cards: Record<string, { conversationId: string; activityId: string }>;
  createdAt: number;
}

export interface HandoverRecord {
  rotationId: string;
  shiftStart: number;
  author: string;
  notes: string;
  openItems: string[];
  updatedAt: number;
}

export interface BotPost {
  key: string;
  kind: string;
  rotationId?: string;
  /** `undelivered`: the person could not be reached; `detail.reason` says why. */
  state: 'claimed' | 'posted' | 'failed' | 'undelivered';
  conversationId?: string;
  activityId?: string;
  detail: Record<string, unknown>;
  ackedBy?: string;
  ackedAt?: number;
  followedUpAt?: number;
  createdAt: number;
  updatedAt: number;
}

type PersonRow = { email: string; aad_object_id: string | null; teams_id: string | null; display_name: string | null; reminders: boolean | number; reminder_leads: string | null };
const LeadsColumn = z.array(z.number().int().positive());
const DetailColumn = z.record(z.string(), z.unknown());
type SwapRow = {
  id: string; rotation_id: string; proposer: string; counterpart: string; proposer_shift_start: number;
  counterpart_shift_start: number | null; state: SwapState; expires_at: number; cards: string; created_at: number;
};
type PostRow = {
  key: string; kind: string; rotation_id: string | null; state: BotPost['state']; conversation_id: string | null; activity_id: string | null;
  detail: string; acked_by: string | null; acked_at: number | null; followed_up_at: number | null; created_at: number; updated_at: number;
};

/** Everything the chat writes: the identity cache, conversation references, chat overrides, time off, swaps, handovers, posts. */
export class KnexChatStore {
  private readonly sync: KnexSyncStore;

  private constructor(private readonly db: Knex) {
    this.sync = KnexSyncStore.create(db);
  }

  static create(db: Knex): KnexChatStore {
    return new KnexChatStore(db);
  }

  // --- people -------------------------------------------------------------------------------------------------

  async personByAadId(aadObjectId: string): Promise<Person | undefined> {
    return toPerson(await this.db<PersonRow>('people').where({ aad_object_id: aadObjectId }).first());
  }

  async personByTeamsId(teamsId: string): Promise<Person | undefined> {
    return toPerson(await this.db<PersonRow>('people').where({ teams_id: teamsId }).first());
  }

  async people(emails: string[]): Promise<Map<string, Person>> {
    if (emails.length === 0) return new Map();
    const rows = await this.db<PersonRow>('people').whereIn('email', emails.map((e) => e.toLowerCase()));
    return new Map(rows.map((r) => [r.email, toPerson(r)!]));
  }

  /** Caches what Teams told us; ids move to the newest e-mail if a person's UPN changed. */
  async rememberPerson(p: Omit<Person, 'reminders'>, now: number): Promise<void> {
    const email = p.email.toLowerCase();
    await this.db.transaction(async (trx) => {
      if (p.aadObjectId) await trx('people').where({ aad_object_id: p.aadObjectId }).whereNot({ email }).update({ aad_object_id: null });
      if (p.teamsId) await trx('people').where({ teams_id: p.teamsId }).whereNot({ email }).update({ teams_id: null });
      const cols = { aad_object_id: p.aadObjectId ?? null, teams_id: p.teamsId ?? null, display_name: p.displayName ?? null, updated_at: now };
      await trx('people').insert({ email, ...cols }).onConflict('email').merge(cols);
    });
  }

  /** On with `leads` (minutes; none: the default 24 h), or off (the chosen leads stay for the record). */
  async setReminders(email: string, on: boolean, ctx: ChangeContext, leads?: number[]): Promise<void> {
    await this.db.transaction(async (trx) => {
      const cols = { reminders: on, updated_at: ctx.now, ...(on ? { reminder_leads: leads ? JSON.stringify(leads) : null } : {}) };
      await trx('people').insert({ email, ...cols }).onConflict('email').merge(cols);
      await appendAudit(trx, ctx, [{ action: on ? 'reminders.on' : 'reminders.off', detail: { email, ...(on ? { leads: leads ?? 'default' } : {}) } }]);
    });
  }

  // --- conversations ------------------------------------------------------------------------------------------

  async saveConversation(c: ConversationRecord, now: number): Promise<void> {
    const cols = {
      kind: c.kind,
      team_id: c.teamId ?? null,
      tenant_id: c.tenantId ?? null,
      user_email: c.userEmail ?? null,
      reference: JSON.stringify(c.reference),
      updated_at: now,
    };
    await this.db('conversation_refs').insert({ conversation_id: c.conversationId, ...cols }).onConflict('conversation_id').merge(cols);
  }

  async conversation(conversationId: string): Promise<ConversationRecord | undefined> {
    return toConversation(await this.db('conversation_refs').where({ conversation_id: conversationId }).first());
  }

  async personalConversation(email: string): Promise<ConversationRecord | undefined> {
    const row = await this.db('conversation_refs').where({ kind: 'personal', user_email: email.toLowerCase() }).orderBy('updated_at', 'desc').first();
    return toConversation(row);
  }

  /** Any conversation in a team (to reach the team's service URL and tenant), newest first. */
  async teamConversation(teamId: string): Promise<ConversationRecord | undefined> {
    return toConversation(await this.db('conversation_refs').where({ team_id: teamId }).orderBy('updated_at', 'desc').first());
  }

  /** Any stored conversation (for its service URL and tenant when opening a new 1:1 chat). */
  async anyConversation(): Promise<ConversationRecord | undefined> {
    return toConversation(await this.db('conversation_refs').orderBy('updated_at', 'desc').first());
  }

  /** The synced tag to @mention on a handoff card in `channel`, as the Graph sync recorded it. */
  syncedTagId(rotationId: string, tag: { team: string; name: string }, channel: { team: string; id: string }): Promise<string | undefined> {
    return this.sync.mentionableTagId(rotationId, tag, channel);
  }

  /** `subscribe`: the channel that receives a rotation's handoff posts instead of the file's `channel`. */
  async subscribe(rotationId: string, channel: { team: string; id: string }, ctx: ChangeContext): Promise<void> {
    await this.db.transaction(async (trx) => {
      const key = `bot.channel.${rotationId}`;
      const value = JSON.stringify(channel);
      await trx('settings').insert({ key, value, updated_at: ctx.now }).onConflict('key').merge({ value, updated_at: ctx.now });
      await appendAudit(trx, ctx, [{ action: 'rotation.subscribed', rotationId, detail: { channel } }]);
    });
  }

  async subscriptions(): Promise<Map<string, { team: string; id: string }>> {
    const rows = (await this.db('settings').whereLike('key', 'bot.channel.%').select('key', 'value')) as Array<{ key: string; value: string }>;
    return new Map(rows.map((r) => [r.key.slice('bot.channel.'.length), JSON.parse(r.value) as { team: string; id: string }]));
  }

  // --- changes made in chat: one transaction each, with the audit row ----------------------------------------

  async addOverride(o: NewOverride, ctx: ChangeContext): Promise<string> {
    const id = `chat-${randomUUID()}`;
    await this.db.transaction(async (trx) => {
      await trx('overrides').insert(overrideRow(id, o, 'chat', ctx));
      await appendAudit(trx, ctx, [{ action: 'override.added', rotationId: o.rotationId, detail: { override: { id, ...o } } }]);
    });
    return id;
  }

  async addTimeOff(t: NewTimeOff, ctx: ChangeContext): Promise<string> {
    const id = `chat-${randomUUID()}`;
    await this.db.transaction(async (trx) => {
      await trx('time_off').insert({
        id, member: t.member, start_at: t.start, end_at: t.end, spec: JSON.stringify(t.spec), origin: 'chat', created_by: ctx.actor, created_at: ctx.now,
      });
      await appendAudit(trx, ctx, [{ action: 'timeoff.added', detail: { timeOff: { id, member: t.member, start: t.start, end: t.end } } }]);
    });
    return id;
  }

  async createSwap(s: Omit<SwapRecord, 'id' | 'state' | 'cards' | 'createdAt'>, ctx: ChangeContext): Promise<SwapRecord> {
    const swap: SwapRecord = { ...s, id: `swap-${randomUUID()}`, state: 'proposed', cards: {}, createdAt: ctx.now };
    await this.db.transaction(async (trx) => {
      await trx('swaps').insert({
        id: swap.id,
        rotation_id: s.rotationId,
        proposer: s.proposer,
        counterpart: s.counterpart,
        proposer_shift_start: s.proposerShiftStart,
        counterpart_shift_start: s.counterpartShiftStart ?? null,
        state: 'proposed',
        expires_at: s.expiresAt,
        cards: '{}',
        created_at: ctx.now,
      });
      await appendAudit(trx, ctx, [{ action: 'swap.proposed', rotationId: s.rotationId, detail: { swap: swap.id, ...s } }]);
    });
    return swap;
  }

  async swap(id: string): Promise<SwapRecord | undefined> {
    const row = await this.db<SwapRow>('swaps').where({ id }).first();
    return row ? toSwap(row) : undefined;
  }

  async setSwapCard(id: string, who: string, card: { conversationId: string; activityId: string }): Promise<void> {
    await this.db.transaction(async (trx) => {
      const row = await trx<SwapRow>('swaps').where({ id }).first();
      if (!row) return;
      const cards = { ...(JSON.parse(row.cards) as SwapRecord['cards']), [who]: card };
      await trx('swaps').where({ id }).update({ cards: JSON.stringify(cards) });
    });
  }

  /**
   * Decides a proposed swap. Only a proposal still `proposed` moves (a conditional UPDATE, so two clicks or two
   * replicas decide once); on acceptance the overrides are written in the same transaction.
   */
  async decideSwap(id: string, state: Exclude<SwapState, 'proposed'>, overrides: NewOverride[], ctx: ChangeContext): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const updated = await trx('swaps').where({ id, state: 'proposed' }).update({ state, decided_at: ctx.now });
      if (updated !== 1) return false;
      const row = (await trx<SwapRow>('swaps').where({ id }).first())!;
      for (const [i, o] of overrides.entries()) {
        await trx('overrides').insert(overrideRow(`${id}-${i}`, o, 'swap', ctx, id));
      }
      await appendAudit(trx, ctx, [{ action: `swap.${state}`, rotationId: row.rotation_id, detail: { swap: id, overrides } }]);
      return true;
    });
  }

  // --- cancelling what the chat wrote (db/changeRecords.ts): one transaction each, with the audit row --------

  /** Overrides and time off in effect after `now` (every origin), and swaps still open: proposed, or accepted. */
  async openChanges(now: number): Promise<{ overrides: OwnedOverride[]; timeOff: OwnedTimeOff[]; swaps: SwapRecord[] }> {
    const records = await openRecords(this.db, now);
    const rows = await this.db<SwapRow>('swaps')
      .where((q) => q.where({ state: 'proposed' }).where('expires_at', '>', now).orWhere({ state: 'accepted' }))
      .orderBy(['proposer_shift_start', 'id']);
    return { ...records, swaps: rows.map(toSwap) };
  }

  saveShownList(email: string, ids: string[], now: number): Promise<void> {
    return saveShownList(this.db, email, ids, now);
  }

  shownList(email: string): Promise<{ at: number; ids: string[] } | undefined> {
    return shownList(this.db, email);
  }

  cancelTimeOff(id: string, endedSpec: Record<string, unknown>, ctx: ChangeContext): Promise<CancelEffect | undefined> {
    return cancelTimeOff(this.db, id, endedSpec, ctx);
  }

  cancelOverride(id: string, ctx: ChangeContext): Promise<CancelEffect | undefined> {
    return cancelOverride(this.db, id, ctx);
  }

  cancelSwap(id: string, from: 'proposed' | 'accepted', ctx: ChangeContext): Promise<Array<{ id: string; effect: CancelEffect }> | undefined> {
    return cancelSwap(this.db, id, from, ctx);
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
    const row = await this.db('handover_notes').where({ rotation_id: rotationId, shift_start: shiftStart }).first();
    if (!row) return undefined;
    return {
      rotationId: row.rotation_id,
      shiftStart: Number(row.shift_start),
      author: row.author,
      notes: row.notes,
      openItems: JSON.parse(row.open_items) as string[],
      updatedAt: Number(row.updated_at),
    };
  }

  // --- proactive posts: exactly once --------------------------------------------------------------------------

  /**
   * Claims a post before sending it. True only for the first claim of `key` (or a retry of a failed one), so a
   * restart or a second replica never posts the same handoff twice.
   */
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

  async markPosted(key: string, where: { conversationId: string; activityId?: string }, now: number): Promise<void> {
    await this.db('bot_posts').where({ key }).update({ state: 'posted', conversation_id: where.conversationId, activity_id: where.activityId ?? null, updated_at: now });
  }

  async markFailed(key: string, now: number): Promise<void> {
    await this.db('bot_posts').where({ key, state: 'claimed' }).update({ state: 'failed', updated_at: now });
  }

  /** The outcome of a claimed post that could not reach its person: `undelivered`, with the reason in its detail. */
  async markUndelivered(key: string, reason: string, now: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      const row = await trx<PostRow>('bot_posts').where({ key, state: 'claimed' }).first();
      if (!row) return;
      const detail = { ...DetailColumn.parse(JSON.parse(row.detail)), reason };
      await trx('bot_posts').where({ key, state: 'claimed' }).update({ state: 'undelivered', detail: JSON.stringify(detail), updated_at: now });
    });
  }

  /** Claims an `undelivered` post for another try; true for exactly one caller. */
  async retakeUndelivered(key: string, holder: string, now: number): Promise<boolean> {
    return (await this.db('bot_posts').where({ key, state: 'undelivered' }).update({ state: 'claimed', claimed_by: holder, updated_at: now })) === 1;
  }

  /** Takes over a claim made at or before `claimedBefore` (its holder stopped between claim and send); true for one caller. */
  async retakeStaleClaim(key: string, holder: string, claimedBefore: number, now: number): Promise<boolean> {
    const n = await this.db('bot_posts').where({ key, state: 'claimed' }).where('updated_at', '<=', claimedBefore).update({ claimed_by: holder, updated_at: now });
    return n === 1;
  }

  /** Posts of `kind` in `state`, oldest first, last changed within `updated` when given. */
  async postsIn(kind: string, state: BotPost['state'], updated: { after?: number; atOrBefore?: number } = {}): Promise<BotPost[]> {
    const q = this.db<PostRow>('bot_posts').where({ kind, state }).orderBy('created_at').orderBy('key');
    if (updated.after !== undefined) q.where('updated_at', '>', updated.after);
    if (updated.atOrBefore !== undefined) q.where('updated_at', '<=', updated.atOrBefore);
    return (await q).map(toPost);
  }

  async post(key: string): Promise<BotPost | undefined> {
    const row = await this.db<PostRow>('bot_posts').where({ key }).first();
    return row ? toPost(row) : undefined;
  }

  /** The first acknowledgement wins; later clicks return false. */
  async ackPost(key: string, by: string, ctx: ChangeContext): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const n = await trx('bot_posts').where({ key }).whereNull('acked_at').update({ acked_by: by, acked_at: ctx.now, updated_at: ctx.now });
      if (n === 1) {
        const row = (await trx<PostRow>('bot_posts').where({ key }).first())!;
        await appendAudit(trx, ctx, [{ action: 'handoff.acknowledged', rotationId: row.rotation_id ?? undefined, detail: { key } }]);
      }
      return n === 1;
    });
  }

  /** Posted, unacknowledged, not yet followed up, posted at or before `postedBefore`. */
  async postsAwaitingAck(kind: string, postedBefore: number): Promise<BotPost[]> {
    const rows = await this.db<PostRow>('bot_posts')
      .where({ kind, state: 'posted' })
      .whereNull('acked_at')
      .whereNull('followed_up_at')
      .where('created_at', '<=', postedBefore)
      .orderBy('created_at');
    return rows.map(toPost);
  }

  /** Marks the follow-up done; true for exactly one caller. */
  async markFollowedUp(key: string, now: number): Promise<boolean> {
    return (await this.db('bot_posts').where({ key }).whereNull('followed_up_at').whereNull('acked_at').update({ followed_up_at: now, updated_at: now })) === 1;
  }
}

function overrideRow(id: string, o: NewOverride, origin: 'chat' | 'swap', ctx: ChangeContext, swapId?: string) {
  return {
    id, rotation_id: o.rotationId, start_at: o.start, end_at: o.end, member: o.member, replaces: o.replaces ?? null,
    origin, swap_id: swapId ?? null, created_by: ctx.actor, created_at: ctx.now,
  };
}

function toPerson(r: PersonRow | undefined): Person | undefined {
  if (!r) return undefined;
  return {
    email: r.email,
    ...(r.aad_object_id ? { aadObjectId: r.aad_object_id } : {}),
    ...(r.teams_id ? { teamsId: r.teams_id } : {}),
    ...(r.display_name ? { displayName: r.display_name } : {}),
    reminders: Boolean(r.reminders),
    ...(r.reminder_leads ? { reminderLeads: LeadsColumn.parse(JSON.parse(r.reminder_leads)) } : {}),
  };
}

function toConversation(r: Record<string, unknown> | undefined): ConversationRecord | undefined {
  if (!r) return undefined;
  return {
    conversationId: String(r.conversation_id),
    kind: r.kind as ConversationRecord['kind'],
    ...(r.team_id ? { teamId: String(r.team_id) } : {}),
    ...(r.tenant_id ? { tenantId: String(r.tenant_id) } : {}),
    ...(r.user_email ? { userEmail: String(r.user_email) } : {}),
    reference: JSON.parse(String(r.reference)) as Record<string, unknown>,
  };
}

function toSwap(r: SwapRow): SwapRecord {
  return {
    id: r.id,
    rotationId: r.rotation_id,
    proposer: r.proposer,
    counterpart: r.counterpart,
    proposerShiftStart: Number(r.proposer_shift_start),
    ...(r.counterpart_shift_start !== null ? { counterpartShiftStart: Number(r.counterpart_shift_start) } : {}),
    state: r.state,
    expiresAt: Number(r.expires_at),
    cards: JSON.parse(r.cards) as SwapRecord['cards'],
    createdAt: Number(r.created_at),
  };
}

function toPost(r: PostRow): BotPost {
  return {
    key: r.key,
    kind: r.kind,
    ...(r.rotation_id ? { rotationId: r.rotation_id } : {}),
    state: r.state,
    ...(r.conversation_id ? { conversationId: r.conversation_id } : {}),
    ...(r.activity_id ? { activityId: r.activity_id } : {}),
    detail: DetailColumn.parse(JSON.parse(r.detail)),
    ...(r.acked_by ? { ackedBy: r.acked_by } : {}),
    ...(r.acked_at !== null ? { ackedAt: Number(r.acked_at) } : {}),
    ...(r.followed_up_at !== null ? { followedUpAt: Number(r.followed_up_at) } : {}),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
