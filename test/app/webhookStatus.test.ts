import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../app/cli/main.js';
import { createStores } from '../../db/stores.js';
import { freshDatabase, type TestDatabase } from '../helpers/databases.js';

const NOW = Date.parse('2026-12-08T19:00:00Z');
const ROW = { eventId: 'swap:s1:accepted', webhook: 'h1', target: 'https://hooks.example/rota', event: 'swap', rotationId: 'ops', payload: '{}' };

describe('rota status lists the webhook deliveries that failed or are being retried', () => {
  let t: TestDatabase;
  const run = async (...argv: string[]) => {
    let text = '';
    const code = await runCli(argv, (s) => (text += s), () => NOW);
    return { code, text };
  };
  beforeEach(async () => {
    t = await freshDatabase('sqlite');
    vi.stubEnv('DATABASE_URL', t.url);
    vi.stubEnv('LOG_LEVEL', 'silent');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await t.destroy();
  });

  it('none: says so; a retried and a failed one: each with its receiver, attempts, next try and last error', async () => {
    expect((await run('status')).text).toContain('webhooks (last 7 days): all delivered\n');
    const stores = createStores(t.db);
    await stores.webhooks.enqueue([ROW, { ...ROW, eventId: 'handoff:ops:1', event: 'handoff' }], NOW - 3_600_000);
    await stores.webhooks.claimDue('a', NOW - 3_600_000, 0, 10);
    await stores.webhooks.recordAttempt(ROW.eventId, 'h1', 'a', { state: 'pending', nextAt: NOW + 60_000, status: 500, error: 'the receiver answered 500' }, NOW - 60_000);
    await stores.webhooks.recordAttempt('handoff:ops:1', 'h1', 'a', { state: 'failed', status: 410, error: 'the receiver answered 410 Gone: remove the webhook from the file' }, NOW - 120_000);
    const { code, text } = await run('status');
    expect(code).toBe(0);
    expect(text).toContain('webhooks not delivered (last 7 days): 2\n');
    expect(text).toMatch(/swap\s+swap:s1:accepted\s+https:\/\/hooks\.example\/rota\s+retrying\s+1\s+2026-12-08T19:01:00\.000Z\s+the receiver answered 500/);
    expect(text).toMatch(/handoff\s+handoff:ops:1\s+https:\/\/hooks\.example\/rota\s+failed\s+1\s+the receiver answered 410 Gone/);
    const json = JSON.parse((await run('status', '--json')).text) as { webhooks: unknown[] };
    expect(json.webhooks).toEqual([
      { event: 'swap', id: 'swap:s1:accepted', target: 'https://hooks.example/rota', state: 'retrying', attempts: 1, next: '2026-12-08T19:01:00.000Z', lastStatus: 500, lastError: 'the receiver answered 500' },
      { event: 'handoff', id: 'handoff:ops:1', target: 'https://hooks.example/rota', state: 'failed', attempts: 1, next: null, lastStatus: 410, lastError: 'the receiver answered 410 Gone: remove the webhook from the file' },
    ]);
  });
});
