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

  it('keeps Rota events by key', async () => {
    t = await freshDatabase(engine);
    const store = KnexSyncStateStore.create(t.db);
    await store.saveEvent('ops', { key: 'ops/2026-03-02T11:00:00.000Z', remoteId: 'e1', written: { hash: 'h', start: 1, end: 2, subject: 's' } }, 5);
    await store.saveEvent('ops', { key: 'ops/2026-03-02T11:00:00.000Z', remoteId: 'e2', written: { hash: 'h2', start: 1, end: 3, subject: 's' } }, 6);
    expect(await store.events('ops')).toEqual([{ key: 'ops/2026-03-02T11:00:00.000Z', remoteId: 'e2', written: { hash: 'h2', start: 1, end: 3, subject: 's' } }]);
    await store.deleteEvent('ops', 'ops/2026-03-02T11:00:00.000Z');
    expect(await store.events('ops')).toEqual([]);
  });

  it('caches identities by address with UPN and mail as aliases, and finds the addresses of an object id', async () => {
    t = await freshDatabase(engine);
    const store = KnexSyncStateStore.create(t.db);
    expect((await store.identities(['Alice@contoso.com'])).size).toBe(0);
    await store.cacheIdentity('Alice@contoso.com', { objectId: 'oid-1', displayName: 'Alice Archer', upn: 'AArcher@contoso.onmicrosoft.com', mail: 'Alice@contoso.com' }, 10);
    await store.cacheIdentity('a.archer@contoso.com', { objectId: 'oid-1' }, 11); // a proxy address of the same person
    await store.cacheIdentity('bob@contoso.com', { objectId: 'oid-2', displayName: 'Bob' }, 12);
    expect(await store.identities(['alice@contoso.com', 'A.Archer@contoso.com', 'nobody@contoso.com'])).toEqual(
      new Map([
        ['alice@contoso.com', { objectId: 'oid-1', displayName: 'Alice Archer', upn: 'aarcher@contoso.onmicrosoft.com', mail: 'alice@contoso.com' }],
        ['a.archer@contoso.com', { objectId: 'oid-1' }],
      ]),
    );
    expect(await store.addressesOf('oid-1')).toEqual(['a.archer@contoso.com', 'alice@contoso.com']);
    expect(await store.addressesOf('oid-404')).toEqual([]);
    // A second run with what Graph says now (the UPN renamed) replaces the row, the object id is unchanged.
    await store.cacheIdentity('alice@contoso.com', { objectId: 'oid-1', displayName: 'Alice Archer', upn: 'alice.archer@contoso.com', mail: 'alice@contoso.com' }, 20);
    expect((await store.identities(['alice@contoso.com'])).get('alice@contoso.com')).toEqual({ objectId: 'oid-1', displayName: 'Alice Archer', upn: 'alice.archer@contoso.com', mail: 'alice@contoso.com' });
    expect(Number((await t.db('identities').count({ n: '*' }).first())?.n)).toBe(3);
  });
});
