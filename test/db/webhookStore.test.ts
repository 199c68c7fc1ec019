import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../db/stores.js';
import { KnexWebhookStore } from '../../db/webhooks/KnexWebhookStore.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const T0 = Date.parse('2026-03-09T11:00:00Z');
const MIN = 60_000;
const ROW = { eventId: 'handoff:ops:1773054000000', webhook: 'a1b2', target: 'https://hooks.example/rota', event: 'handoff', rotationId: 'ops', payload: '{"id":"handoff:ops:1773054000000"}' };

describe.each(ENGINES)('webhook outbox (WebhookStore) on %s', (engine) => {
  let t: TestDatabase;
  let stores: Stores;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    stores = createStores(t.db);
  });
  afterEach(() => t.destroy());

  it('holds one row per event and webhook, however often it is enqueued; another webhook gets its own', async () => {
    expect(await stores.webhooks.enqueue([ROW], T0)).toBe(1);
    expect(await stores.webhooks.enqueue([ROW, { ...ROW, payload: '{"changed":true}' }], T0 + MIN)).toBe(0);
    expect(await stores.webhooks.enqueue([{ ...ROW, webhook: 'c3d4' }], T0)).toBe(1);
    expect(Number((await t.db('webhook_deliveries').count({ n: '*' }))[0]!.n)).toBe(2);
    expect(await stores.webhooks.delivery(ROW.eventId, 'a1b2')).toMatchObject({ state: 'pending', attempts: 0, nextAt: T0, payload: ROW.payload });
  });

  it('a due delivery is claimed by exactly one of two replicas claiming at the same moment', async () => {
    await stores.webhooks.enqueue([ROW], T0);
    const other = KnexWebhookStore.create(t.db);
    const [a, b] = await Promise.all([stores.webhooks.claimDue('a', T0, T0 - 2 * MIN, 10), other.claimDue('b', T0, T0 - 2 * MIN, 10)]);
    expect(a.length + b.length).toBe(1);
    expect(await stores.webhooks.claimDue('c', T0 + MIN, T0 - MIN, 10)).toEqual([]);
  });

  it('not due yet is not claimed; a stale claim is taken over, and then only the new holder records the outcome', async () => {
    await stores.webhooks.enqueue([ROW], T0 + 5 * MIN);
    expect(await stores.webhooks.claimDue('a', T0, T0 - 2 * MIN, 10)).toEqual([]);
    expect(await stores.webhooks.claimDue('a', T0 + 5 * MIN, T0 + 3 * MIN, 10)).toHaveLength(1);
    // "a" stops mid-delivery; 1 minute later the claim is not stale, 3 minutes later it is.
    expect(await stores.webhooks.claimDue('b', T0 + 6 * MIN, T0 + 4 * MIN, 10)).toEqual([]);
    expect(await stores.webhooks.claimDue('b', T0 + 8 * MIN, T0 + 6 * MIN, 10)).toHaveLength(1);
    expect(await stores.webhooks.recordAttempt(ROW.eventId, ROW.webhook, 'a', { state: 'delivered', status: 200 }, T0 + 9 * MIN)).toBe(false);
    expect(await stores.webhooks.recordAttempt(ROW.eventId, ROW.webhook, 'b', { state: 'delivered', status: 204 }, T0 + 9 * MIN)).toBe(true);
    expect(await stores.webhooks.delivery(ROW.eventId, ROW.webhook)).toMatchObject({ state: 'delivered', attempts: 1, lastStatus: 204 });
    expect(await stores.webhooks.claimDue('c', T0 + 60 * MIN, T0 + 50 * MIN, 10)).toEqual([]);
  });

  it('a retried delivery waits for next_at and is listed as troubled with its last error; a failed one stays listed', async () => {
    await stores.webhooks.enqueue([ROW, { ...ROW, eventId: 'swap:s1:accepted', event: 'swap' }], T0);
    const claimed = await stores.webhooks.claimDue('a', T0, T0 - 2 * MIN, 10);
    expect(claimed.map((d) => d.eventId).sort()).toEqual(['handoff:ops:1773054000000', 'swap:s1:accepted']);
    await stores.webhooks.recordAttempt(ROW.eventId, ROW.webhook, 'a', { state: 'pending', nextAt: T0 + MIN, status: 500, error: 'the receiver answered 500' }, T0);
    await stores.webhooks.recordAttempt('swap:s1:accepted', ROW.webhook, 'a', { state: 'failed', status: 410, error: 'gone' }, T0);
    expect(await stores.webhooks.claimDue('a', T0 + 59_999, T0 - 2 * MIN, 10)).toEqual([]);
    const troubled = await stores.webhooks.troubled(T0 - MIN);
    expect(troubled.map((d) => [d.eventId, d.state, d.attempts, d.lastStatus, d.lastError])).toEqual(
      expect.arrayContaining([
        ['handoff:ops:1773054000000', 'pending', 1, 500, 'the receiver answered 500'],
        ['swap:s1:accepted', 'failed', 1, 410, 'gone'],
      ]),
    );
    expect(await stores.webhooks.claimDue('a', T0 + MIN, T0 - 2 * MIN, 10)).toHaveLength(1);
    await stores.webhooks.recordAttempt(ROW.eventId, ROW.webhook, 'a', { state: 'delivered', status: 200 }, T0 + MIN);
    expect((await stores.webhooks.troubled(T0 - MIN)).map((d) => d.eventId)).toEqual(['swap:s1:accepted']);
  });
});
