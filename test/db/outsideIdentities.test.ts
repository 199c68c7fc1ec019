import { afterEach, describe, expect, it } from 'vitest';
import { KnexSyncStateStore } from '../../db/sync/KnexSyncStateStore.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

describe.each(ENGINES)('identities of people in no roster (covers by anyone) on %s', (engine) => {
  let t: TestDatabase;
  afterEach(async () => t?.destroy());

  it('caches someone in no roster apart from the members, and a newer name replaces the cached one', async () => {
    t = await freshDatabase(engine);
    const store = KnexSyncStateStore.create(t.db);
    await t.db('rotations').insert({ id: 'ops', name: 'ops', timezone: 'UTC', every: '1w', handoff: 'Mon 09:00', start_date: '2026-01-05', created_at: 0, updated_at: 0 });
    await t.db('members').insert({ rotation_id: 'ops', position: 0, email: 'alice@contoso.com' });

    await store.cacheIdentity('Erin@Fabrikam.com', 'oid-erin', 'Erin Ende');
    await store.cacheIdentity('alice@contoso.com', 'oid-alice', 'Alice Archer');
    expect(await store.identities(['erin@fabrikam.com', 'ALICE@contoso.com', 'nobody@contoso.com'])).toEqual(
      new Map([
        ['alice@contoso.com', { objectId: 'oid-alice', displayName: 'Alice Archer' }],
        ['erin@fabrikam.com', { objectId: 'oid-erin', displayName: 'Erin Ende' }],
      ]),
    );
    // A member's identity stays on the members row only.
    expect(await t.db('outside_identities').pluck('email')).toEqual(['erin@fabrikam.com']);

    await store.cacheIdentity('erin@fabrikam.com', 'oid-erin', 'Erin Ende-Smith');
    await store.cacheIdentity('erin@fabrikam.com', 'oid-erin', undefined);
    expect(await store.identities(['erin@fabrikam.com'])).toEqual(new Map([['erin@fabrikam.com', { objectId: 'oid-erin', displayName: 'Erin Ende-Smith' }]]));
  });
});
