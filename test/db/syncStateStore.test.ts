import { afterEach, describe, expect, it } from 'vitest';
import { KnexSyncStateStore } from '../../db/sync/KnexSyncStateStore.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

describe.each(ENGINES)('KnexSyncStateStore on %s', (engine) => {
  let t: TestDatabase;
  afterEach(async () => t?.destroy());

  it('records success, error and pending work per rotation and target', async () => {
    t = await freshDatabase(engine);
    const store = KnexSyncStateStore.create(t.db);
    await store.saveTarget('ops', 'tag', 'team/ops-oncall', { remoteId: 'tag-1', written: { members: [{ id: 'u1', label: 'a@x' }] }, ok: true, pending: 0 }, 1000);
    await store.saveTarget('ops', 'tag', 'team/ops-oncall', { error: 'throttled', pending: 2 }, 2000);
    const [tag] = await store.targets('ops');
    expect(tag).toEqual({
      rotationId: 'ops',
      target: 'tag',
      key: 'team/ops-oncall',
      remoteId: 'tag-1',
      written: { members: [{ id: 'u1', label: 'a@x' }] },
      syncedAt: 1000,
      lastError: 'throttled',
      errorAt: 2000,
      pending: 2,
    });
    await store.saveTarget('ops', 'tag', 'team/ops-oncall', { ok: true, pending: 0 }, 3000);
    const after = await store.target('ops', 'tag', 'team/ops-oncall');
    expect([after?.syncedAt, after?.lastError, after?.pending]).toEqual([3000, undefined, 0]);
  });

  it('keeps Rota events by key, and caches identities on every member row of that person', async () => {
    t = await freshDatabase(engine);
    const store = KnexSyncStateStore.create(t.db);
    await store.saveEvent('ops', { key: 'ops/2026-03-02T11:00:00.000Z', remoteId: 'e1', written: { hash: 'h', start: 1, end: 2, subject: 's' } }, 5);
    await store.saveEvent('ops', { key: 'ops/2026-03-02T11:00:00.000Z', remoteId: 'e2', written: { hash: 'h2', start: 1, end: 3, subject: 's' } }, 6);
    expect(await store.events('ops')).toEqual([{ key: 'ops/2026-03-02T11:00:00.000Z', remoteId: 'e2', written: { hash: 'h2', start: 1, end: 3, subject: 's' } }]);
    await store.deleteEvent('ops', 'ops/2026-03-02T11:00:00.000Z');
    expect(await store.events('ops')).toEqual([]);

    for (const id of ['ops', 'dev']) {
      await t.db('rotations').insert({ id, name: id, timezone: 'UTC', every: '1w', handoff: 'Mon 09:00', start_date: '2026-01-05', created_at: 0, updated_at: 0 });
      await t.db('members').insert({ rotation_id: id, position: 0, email: 'alice@contoso.com' });
    }
    expect((await store.identities(['Alice@contoso.com'])).size).toBe(0);
    await store.cacheIdentity('Alice@contoso.com', 'oid-1', 'Alice Archer');
    expect(await store.identities(['alice@contoso.com'])).toEqual(new Map([['alice@contoso.com', { objectId: 'oid-1', displayName: 'Alice Archer' }]]));
    expect(await t.db('members').whereNotNull('aad_object_id').count({ n: '*' }).first()).toMatchObject({ n: expect.anything() });
    const rows = await t.db('members').select('aad_object_id');
    expect(rows.map((r: { aad_object_id: string }) => r.aad_object_id)).toEqual(['oid-1', 'oid-1']);
  });
});
