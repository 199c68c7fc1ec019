import { afterEach, describe, expect, it } from 'vitest';
import { KnexTeamStore } from '../../db/teams/KnexTeamStore.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const GROUP_A = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const GROUP_B = 'a0b1c2d3-e4f5-4a6b-8c7d-8e9f0a1b2c3d';

describe.each(ENGINES)('KnexTeamStore on %s', (engine) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.destroy();
    t = undefined;
  });

  it('keeps each pair once, however often it is learned, with the group id in lower case', async () => {
    t = await freshDatabase(engine);
    const store = KnexTeamStore.create(t.db);
    await store.savePair({ groupId: GROUP_A.toUpperCase(), threadId: '19:alpha@thread.tacv2' }, 'teams', 1);
    await store.savePair({ groupId: GROUP_A, threadId: '19:alpha@thread.tacv2' }, 'graph', 2);
    await store.savePair({ groupId: GROUP_B, threadId: '19:beta@thread.tacv2' }, 'graph', 3);
    expect(await store.pairs()).toEqual([
      { groupId: GROUP_A, threadId: '19:alpha@thread.tacv2' },
      { groupId: GROUP_B, threadId: '19:beta@thread.tacv2' },
    ]);
  });

  it('a thread id learned for another group moves to it: one team per thread id', async () => {
    t = await freshDatabase(engine);
    const store = KnexTeamStore.create(t.db);
    await store.savePair({ groupId: GROUP_A, threadId: '19:alpha@thread.tacv2' }, 'teams', 1);
    await store.savePair({ groupId: GROUP_B, threadId: '19:alpha@thread.tacv2' }, 'teams', 2);
    await store.savePair({ groupId: GROUP_B, threadId: '19:beta@thread.tacv2' }, 'graph', 3);
    expect(await store.pairs()).toEqual([{ groupId: GROUP_B, threadId: '19:beta@thread.tacv2' }]);
  });
});
