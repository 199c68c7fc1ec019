import { afterEach, describe, expect, it } from 'vitest';
import { BadRowError } from '../../db/columns.js';
import { KnexInstallationStore } from '../../db/installations/KnexInstallationStore.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

describe.each(ENGINES)('KnexInstallationStore on %s (0010)', (engine) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.destroy();
    t = undefined;
  });

  it('upserts one row per person (lower case), lists the unreachable, and keepOnly forgets the rest', async () => {
    t = await freshDatabase(engine);
    const store = KnexInstallationStore.create(t.db);
    await store.record([
      { email: 'Alice@Contoso.com', objectId: 'oid-a', state: 'failed', detail: 'POST …/installedApps: 403 Forbidden', checkedAt: 1 },
      { email: 'bob@contoso.com', objectId: 'oid-b', state: 'installed', checkedAt: 1 },
      { email: 'erin@contoso.com', state: 'unresolved', detail: 'erin@contoso.com is not a user in this tenant (GET /users: 404)', checkedAt: 1 },
    ]);
    expect((await store.unreachable()).map((i) => [i.email, i.state])).toEqual([
      ['alice@contoso.com', 'failed'],
      ['erin@contoso.com', 'unresolved'],
    ]);
    await store.record([{ email: 'alice@contoso.com', objectId: 'oid-a', state: 'installed', checkedAt: 2 }]);
    expect(await store.installations()).toEqual([
      { email: 'alice@contoso.com', objectId: 'oid-a', state: 'installed', checkedAt: 2 },
      { email: 'bob@contoso.com', objectId: 'oid-b', state: 'installed', checkedAt: 1 },
      { email: 'erin@contoso.com', state: 'unresolved', detail: 'erin@contoso.com is not a user in this tenant (GET /users: 404)', checkedAt: 1 },
    ]);
    await store.keepOnly(['BOB@contoso.com']);
    expect((await store.installations()).map((i) => i.email)).toEqual(['bob@contoso.com']);
    await store.keepOnly([]);
    expect(await store.installations()).toEqual([]);
  });

  it('a state Rota does not write is a BadRowError naming the row', async () => {
    t = await freshDatabase(engine);
    await t.db('app_installations').insert({ email: 'x@contoso.com', state: 'maybe', checked_at: 1 });
    await expect(KnexInstallationStore.create(t.db).installations()).rejects.toThrow(BadRowError);
    await expect(KnexInstallationStore.create(t.db).installations()).rejects.toThrow('app_installations.state of row x@contoso.com');
  });
});
