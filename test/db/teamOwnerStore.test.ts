import { afterEach, describe, expect, it } from 'vitest';
import { KnexTeamOwnerStore } from '../../db/teamOwners/KnexTeamOwnerStore.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

describe.each(ENGINES)('KnexTeamOwnerStore on %s', (engine) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.destroy();
    t = undefined;
  });

  it('replaces a team\'s owners, lower-cases identities, and lists e-mails and UPNs per team', async () => {
    t = await freshDatabase(engine);
    const store = KnexTeamOwnerStore.create(t.db);
    await store.replace('team-a', [{ userId: 'u1', upn: 'Alice@Contoso.com', mail: 'alice.archer@contoso.com' }, { userId: 'u2', upn: 'bob@contoso.com' }], 1);
    await store.replace('team-b', [{ userId: 'u3', upn: 'carol@contoso.com' }], 1);
    expect(await store.owners('team-a')).toEqual([{ userId: 'u1', upn: 'alice@contoso.com', mail: 'alice.archer@contoso.com' }, { userId: 'u2', upn: 'bob@contoso.com' }]);
    await store.replace('team-a', [{ userId: 'u2', upn: 'bob@contoso.com' }, { userId: 'u2', upn: 'bob@contoso.com' }], 2);
    expect(await store.emailsByTeam()).toEqual(new Map([['team-a', ['bob@contoso.com']], ['team-b', ['carol@contoso.com']]]));
    await store.replace('team-b', [], 3);
    expect(await store.owners('team-b')).toEqual([]);
  });

  it('keepOnly forgets teams no rotation names', async () => {
    t = await freshDatabase(engine);
    const store = KnexTeamOwnerStore.create(t.db);
    await store.replace('team-a', [{ userId: 'u1', upn: 'alice@contoso.com' }], 1);
    await store.replace('team-b', [{ userId: 'u2', upn: 'bob@contoso.com' }], 1);
    await store.keepOnly(['team-b']);
    expect([...(await store.emailsByTeam()).keys()]).toEqual(['team-b']);
    await store.keepOnly([]);
    expect((await store.emailsByTeam()).size).toBe(0);
  });
});
