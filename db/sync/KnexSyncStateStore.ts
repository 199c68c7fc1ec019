import type { Knex } from 'knex';
import { z } from 'zod';
import { column, jsonColumn, type ColumnAt } from '../columns.js';
import { addressesOf, cachedBefore, readIdentities, writeIdentity } from './identityRows.js';
import { channelKey, tagKey, type ChannelAt, type EventState, type SyncIdentity, type SyncStateStore, type SyncTarget, type TargetState } from './SyncStateStore.js';

interface Row {
  rotation_id: string;
  target: string;
  key: string;
  remote_id: string | null;
  written: string;
  synced_at: number | string | null;
  last_error: string | null;
  updated_at: number | string;
}

const Target = z.enum(['tag', 'calendar', 'personal']);
const TargetWritten = z.record(z.string(), z.unknown());
const ChannelWritten = z.object({ membershipType: z.string().optional() });
const EventWritten = z.object({ hash: z.string(), start: z.number(), end: z.number(), subject: z.string() });
const at = (r: Pick<Row, 'rotation_id' | 'target' | 'key'>, name: string): ColumnAt => ({ table: 'sync_state', column: name, id: `${r.rotation_id}/${r.target}/${r.key}` });

/**
 * sync_state: one row per rotation and target (tag, calendar) and one per event Rota wrote ('event' rows).
 * Pending work and the time of the last error live in the target row's JSON, so no schema change is needed.
 */
export class KnexSyncStateStore implements SyncStateStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexSyncStateStore {
    return new KnexSyncStateStore(db);
  }

  async targets(rotationId?: string): Promise<TargetState[]> {
    const q = this.db<Row>('sync_state').whereIn('target', ['tag', 'calendar', 'personal']).orderBy(['rotation_id', 'target', 'key']);
    if (rotationId) q.where({ rotation_id: rotationId });
    return (await q).map(toTarget);
  }

  async target(rotationId: string, target: SyncTarget, key: string): Promise<TargetState | undefined> {
    const row = await this.db<Row>('sync_state').where({ rotation_id: rotationId, target, key }).first();
    return row ? toTarget(row) : undefined;
  }

  /** Records a run's outcome for a target; fields left out keep their value. */
  async saveTarget(
    rotationId: string,
    target: SyncTarget,
    key: string,
    patch: { remoteId?: string | null; written?: Record<string, unknown>; ok?: boolean; error?: string; pending?: number },
    now: number,
  ): Promise<void> {
    const current = await this.target(rotationId, target, key);
    const extra: Record<string, unknown> = { ...(current?.written ?? {}), ...(patch.written ?? {}) };
    extra.pending = patch.pending ?? current?.pending ?? 0;
    if (patch.error !== undefined) extra.errorAt = now;
    const row = {
      rotation_id: rotationId,
      target,
      key,
      remote_id: patch.remoteId === undefined ? (current?.remoteId ?? null) : patch.remoteId,
      written: JSON.stringify(extra),
      synced_at: patch.ok ? now : (current?.syncedAt ?? null),
      last_error: patch.ok ? null : patch.error !== undefined ? patch.error : (current?.lastError ?? null),
      updated_at: now,
    };
    await this.db('sync_state').insert(row).onConflict(['rotation_id', 'target', 'key']).merge();
  }

  /**
   * What the sync last read of a channel a rotation posts to (`membershipType`: standard, private, shared), kept as a
   * `channel` row (not a target: nothing is written there), or forgotten with `undefined`.
   */
  async saveChannelKind(rotationId: string, channel: ChannelAt, membershipType: string | undefined, now: number): Promise<void> {
    const key = channelKey(channel);
    if (membershipType === undefined) {
      await this.db('sync_state').where({ rotation_id: rotationId, target: 'channel', key }).delete();
      return;
    }
    await this.db('sync_state')
      .insert({ rotation_id: rotationId, target: 'channel', key, remote_id: channel.id, written: JSON.stringify({ membershipType }), synced_at: now, updated_at: now })
      .onConflict(['rotation_id', 'target', 'key'])
      .merge();
  }

  /** Forgets the channel rows of rotations that no longer post there. */
  async keepChannels(current: ReadonlyMap<string, ChannelAt>): Promise<void> {
    const rows = (await this.db('sync_state').where({ target: 'channel' }).select('rotation_id', 'key')) as Array<{ rotation_id: string; key: string }>;
    for (const r of rows) {
      const c = current.get(r.rotation_id);
      if (!c || channelKey(c) !== r.key) await this.db('sync_state').where({ rotation_id: r.rotation_id, target: 'channel', key: r.key }).delete();
    }
  }

  async channelKind(rotationId: string, channel: ChannelAt): Promise<string | undefined> {
    const row = await this.db<Row>('sync_state').where({ rotation_id: rotationId, target: 'channel', key: channelKey(channel) }).first();
    return row ? jsonColumn(ChannelWritten, row.written, at(row, 'written')).membershipType : undefined;
  }

  /**
   * The id of the rotation's synced tag when it may be @mentioned in `channel`: tags work in standard channels
   * only, so a private, shared or not yet read channel gets none.
   */
  async mentionableTagId(rotationId: string, tag: { team: string; name: string }, channel: ChannelAt): Promise<string | undefined> {
    if ((await this.channelKind(rotationId, channel)) !== 'standard') return undefined;
    return (await this.target(rotationId, 'tag', tagKey(tag)))?.remoteId ?? undefined;
  }

  /** Forgets a target Rota no longer syncs. */
  async deleteTarget(rotationId: string, target: SyncTarget, key: string): Promise<void> {
    await this.db('sync_state').where({ rotation_id: rotationId, target, key }).delete();
  }

  /** Forgets every event row of a rotation (its shared calendar is no longer synced). */
  async deleteEvents(rotationId: string): Promise<void> {
    await this.db('sync_state').where({ rotation_id: rotationId, target: 'event' }).delete();
  }

  async events(rotationId: string): Promise<EventState[]> {
    const rows = await this.db<Row>('sync_state').where({ rotation_id: rotationId, target: 'event' }).orderBy('key');
    return rows.map((r) => ({ key: r.key, remoteId: r.remote_id ?? '', written: jsonColumn(EventWritten, r.written, at(r, 'written')) }));
  }

  async saveEvent(rotationId: string, event: EventState, now: number): Promise<void> {
    await this.db('sync_state')
      .insert({ rotation_id: rotationId, target: 'event', key: event.key, remote_id: event.remoteId, written: JSON.stringify(event.written), synced_at: now, updated_at: now })
      .onConflict(['rotation_id', 'target', 'key'])
      .merge();
  }

  async deleteEvent(rotationId: string, key: string): Promise<void> {
    await this.db('sync_state').where({ rotation_id: rotationId, target: 'event', key }).delete();
  }

  identities(emails: string[]): Promise<Map<string, SyncIdentity>> {
    return readIdentities(this.db, emails);
  }

  identitiesCachedBefore(emails: string[], before: number): Promise<string[]> {
    return cachedBefore(this.db, emails, before);
  }

  addressesOf(objectId: string): Promise<string[]> {
    return addressesOf(this.db, objectId);
  }

  cacheIdentity(address: string, identity: SyncIdentity, now: number): Promise<void> {
    return writeIdentity(this.db, address, identity, now);
  }

  /** The latest handover notes written for a shift that started before `before`. */
  async latestNotes(rotationId: string, before: number): Promise<string | undefined> {
    const row = (await this.db('handover_notes')
      .select('notes', 'author', 'shift_start')
      .where({ rotation_id: rotationId })
      .andWhere('shift_start', '<', before)
      .orderBy('shift_start', 'desc')
      .first()) as { notes: string; author: string } | undefined;
    return row && row.notes ? `${row.notes}\n— ${row.author}` : undefined;
  }
}

function toTarget(r: Row): TargetState {
  const { pending, errorAt, ...rest } = jsonColumn(TargetWritten, r.written, at(r, 'written'));
  return {
    rotationId: r.rotation_id,
    target: column(Target, r.target, at(r, 'target')),
    key: r.key,
    ...(r.remote_id ? { remoteId: r.remote_id } : {}),
    written: rest,
    ...(r.synced_at !== null ? { syncedAt: Number(r.synced_at) } : {}),
    ...(r.last_error ? { lastError: r.last_error } : {}),
    ...(typeof errorAt === 'number' ? { errorAt } : {}),
    pending: typeof pending === 'number' ? pending : 0,
  };
}
