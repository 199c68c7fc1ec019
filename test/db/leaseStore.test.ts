import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnexLeaseStore } from '../../db/leases/KnexLeaseStore.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

describe.each(ENGINES)('KnexLeaseStore on %s', (engine) => {
  let t: TestDatabase;
  let leases: KnexLeaseStore;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    leases = KnexLeaseStore.create(t.db);
  });
  afterEach(() => t.destroy());

  it('lets one holder in at a time, renews for the holder, and hands over when it expires', async () => {
    expect(await leases.tryAcquire('sync', 'replica-a', 1000, 0)).toBe(true);
    expect(await leases.tryAcquire('sync', 'replica-b', 1000, 500)).toBe(false);
    expect(await leases.tryAcquire('sync', 'replica-a', 1000, 900)).toBe(true); // renewal: now until 1900
    expect(await leases.tryAcquire('sync', 'replica-b', 1000, 1500)).toBe(false);
    expect(await leases.holderOf('sync', 1500)).toBe('replica-a');
    expect(await leases.tryAcquire('sync', 'replica-b', 1000, 1900)).toBe(true); // a died: b takes over
    expect(await leases.holderOf('sync', 1901)).toBe('replica-b');
  });

  it('only the holder releases', async () => {
    await leases.tryAcquire('post', 'replica-a', 10_000, 0);
    await leases.release('post', 'replica-b', 1);
    expect(await leases.holderOf('post', 2)).toBe('replica-a');
    await leases.release('post', 'replica-a', 3);
    expect(await leases.tryAcquire('post', 'replica-b', 10_000, 4)).toBe(true);
  });

  it('gives the lease to exactly one of many replicas racing for it', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => leases.tryAcquire('race', `replica-${i}`, 1000, 0)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
