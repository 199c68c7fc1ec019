import { afterEach, describe, expect, it } from 'vitest';
import { KnexSyncStateStore } from '../../db/sync/KnexSyncStateStore.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

describe.each(ENGINES)('the identity cache for people in no roster (covers by anyone) on %s', (engine) => {
  let t: TestDatabase;
  afterEach(async () => t?.destroy());

  it('caches someone in no roster like a member; a newer name replaces the cached one, a read without one keeps it', async () => {
    t = await freshDatabase(engine);
    const store = KnexSyncStateStore.create(t.db);
    await store.cacheIdentity('Erin@Fabrikam.com', { objectId: 'oid-erin', displayName: 'Erin Ende' }, 1);
    await store.cacheIdentity('alice@contoso.com', { objectId: 'oid-alice', displayName: 'Alice Archer' }, 1);
    expect(await store.identities(['erin@fabrikam.com', 'ALICE@contoso.com', 'nobody@contoso.com'])).toEqual(
      new Map([
        ['erin@fabrikam.com', { objectId: 'oid-erin', displayName: 'Erin Ende' }],
        ['alice@contoso.com', { objectId: 'oid-alice', displayName: 'Alice Archer' }],
      ]),
    );

    await store.cacheIdentity('erin@fabrikam.com', { objectId: 'oid-erin', displayName: 'Erin Ende-Smith' }, 2);
    await store.cacheIdentity('erin@fabrikam.com', { objectId: 'oid-erin' }, 3);
    expect(await store.identities(['erin@fabrikam.com'])).toEqual(new Map([['erin@fabrikam.com', { objectId: 'oid-erin', displayName: 'Erin Ende-Smith' }]]));

    // The address now belongs to someone else: nothing of the earlier person is kept.
    await store.cacheIdentity('erin@fabrikam.com', { objectId: 'oid-other' }, 4);
    expect(await store.identities(['erin@fabrikam.com'])).toEqual(new Map([['erin@fabrikam.com', { objectId: 'oid-other' }]]));
    expect(await store.addressesOf('oid-erin')).toEqual([]);
  });

  it('names the addresses whose identity was written before an instant (due a re-read), on any case', async () => {
    t = await freshDatabase(engine);
    const store = KnexSyncStateStore.create(t.db);
    await store.cacheIdentity('alice@contoso.com', { objectId: 'oid-alice' }, 1_000);
    await store.cacheIdentity('bob@contoso.com', { objectId: 'oid-bob' }, 5_000_000_000_000);
    await store.cacheIdentity('carol@contoso.com', { objectId: 'oid-carol' }, 2_000);
    expect(await store.identitiesCachedBefore(['Carol@contoso.com', 'alice@contoso.com', 'bob@contoso.com', 'nobody@contoso.com'], 2_000)).toEqual(['alice@contoso.com']);
    expect(await store.identitiesCachedBefore(['carol@contoso.com', 'alice@contoso.com', 'bob@contoso.com'], 2_001)).toEqual(['alice@contoso.com', 'carol@contoso.com']);
    await store.cacheIdentity('alice@contoso.com', { objectId: 'oid-alice' }, 3_000); // re-read: fresh again
    expect(await store.identitiesCachedBefore(['alice@contoso.com'], 2_001)).toEqual([]);
  });
});
