import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../app/cli/main.js';
import { reminderKey } from '../../app/jobs/reminders.js';
import { createStores, type Stores } from '../../db/stores.js';
import { freshDatabase, type TestDatabase } from '../helpers/databases.js';

const NOW = Date.parse('2026-12-08T19:00:00Z');
const night = { id: 'night', name: 'Night on call', timezone: 'Europe/Berlin' };
const DAVE_ON = Date.parse('2026-12-09T19:00:00Z');
const CAROL_ON = Date.parse('2026-12-07T19:00:00Z');

describe('rota status lists the reminders Rota could not deliver', () => {
  let t: TestDatabase;
  const run = async (...argv: string[]) => {
    let text = '';
    const code = await runCli(argv, (s) => (text += s), () => NOW);
    return { code, text };
  };
  async function undelivered(member: string, start: number, reason: string) {
    const stores = createStores(t.db);
    const key = reminderKey('night', start, member, 1440);
    const detail = { member, rotation: night, start, end: start + 12 * 3_600_000, shiftStart: start - 12 * 3_600_000, leadMinutes: 1440 };
    await stores.posts.claimPost({ key, kind: 'remind', rotationId: 'night', detail }, 'r1', start - 86_400_000);
    await stores.posts.markUndelivered(key, reason, start - 86_400_000);
  }

  beforeEach(async () => {
    t = await freshDatabase('sqlite');
    vi.stubEnv('DATABASE_URL', t.url);
    vi.stubEnv('LOG_LEVEL', 'silent');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await t.destroy();
  });

  it('none: says so', async () => {
    const { code, text } = await run('status');
    expect(code).toBe(0);
    expect(text).toContain('reminders: none undelivered\n');
  });

  it('the ones still in time as a table, the late ones counted; --json lists all', async () => {
    await undelivered('dave@contoso.com', DAVE_ON, 'Rota has no personal chat with them yet');
    await undelivered('carol@contoso.com', CAROL_ON, 'sending failed: 503');
    const { text } = await run('status');
    expect(text).toContain('reminders not delivered: 1 still in time (tried again every 15 minutes, and sent when the person next writes to Rota), 1 too late now (listed by --json)\n');
    expect(text).toContain('people the bot could not reach (from its undelivered reminders):\n  dave@contoso.com: Rota has no personal chat with them yet\n');
    expect(text).toMatch(/night\s+dave@contoso\.com\s+2026-12-09T20:00:00\+01:00\s+1d\s+Rota has no personal chat with them yet/);
    expect(text).not.toContain('carol@contoso.com');
    const json = JSON.parse((await run('status', '--json')).text) as { undeliveredReminders: unknown[] };
    expect(json.undeliveredReminders).toEqual([
      { rotation: 'night', person: 'carol@contoso.com', starts: '2026-12-07T20:00:00+01:00', lead: '1d', reason: 'sending failed: 503', pending: false },
      { rotation: 'night', person: 'dave@contoso.com', starts: '2026-12-09T20:00:00+01:00', lead: '1d', reason: 'Rota has no personal chat with them yet', pending: true },
    ]);
  });
});
