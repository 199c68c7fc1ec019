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
});
