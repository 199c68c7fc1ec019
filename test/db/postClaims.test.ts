import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../db/stores.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const CHECK = { key: 'check:morning:ops:2026-12-07', kind: 'morning-check', rotationId: 'ops', detail: { any: 'thing' } };
const MINUTE = 60_000;

describe.each(ENGINES)('refreshing a post claim while sending (PostStore) on %s', (engine) => {
  let t: TestDatabase;
  let stores: Stores;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    stores = createStores(t.db);
  });
  afterEach(() => t.destroy());

  it("only its holder's claim, only while claimed; a refreshed claim is not stale, and a taken-over one refreshes no more", async () => {
    expect(await stores.posts.claimPost(CHECK, 'a', 0)).toBe(true);
    expect(await stores.posts.refreshClaim(CHECK.key, 'b', MINUTE)).toBe(false);
    expect(await stores.posts.refreshClaim(CHECK.key, 'a', 8 * MINUTE)).toBe(true);
    expect(await stores.posts.postsIn('morning-check', 'claimed', { atOrBefore: 5 * MINUTE })).toEqual([]);
    expect(await stores.posts.retakeStaleClaim(CHECK.key, 'b', 5 * MINUTE, 15 * MINUTE)).toBe(false);
    expect(await stores.posts.retakeStaleClaim(CHECK.key, 'b', 8 * MINUTE, 20 * MINUTE)).toBe(true);
    expect(await stores.posts.refreshClaim(CHECK.key, 'a', 21 * MINUTE)).toBe(false);
    await stores.posts.markPosted(CHECK.key, { conversationId: 'a:chat' }, 22 * MINUTE);
    expect(await stores.posts.refreshClaim(CHECK.key, 'b', 23 * MINUTE)).toBe(false);
    expect((await stores.posts.post(CHECK.key))?.state).toBe('posted');
  });
});
