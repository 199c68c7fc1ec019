import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/root/config.js';
import { createLogger } from '../../app/root/logger.js';
import { startRota, type RunningRota } from '../../app/root/wiring.js';
import { installActivity, teamsMessage, TEAM_1 } from '../helpers/connectorStandIn.js';
import { PEOPLE, startBot, stopBot, type BotWorld } from './botHarness.js';
import { CHECKS_FILE, channelTexts, checkCards, SAT_0830 } from './checkWorld.js';

const Z = (iso: string) => Date.parse(iso);

// Two Rotas on one PostgreSQL database with the same clock, as two replicas behind a load balancer.
describe.skipIf(!process.env.ROTA_TEST_PG)('two replicas on PostgreSQL send each check once', () => {
  let w: BotWorld;
  let second: RunningRota;
  let dir: string;
  const both = async (at: number) => {
    w.h.clock.now = at;
    const mark = w.h.mark();
    await Promise.all([w.h.rota.handoffs.tick(at), second.handoffs.tick(at)]);
    return w.h.since(mark);
  };

  beforeAll(async () => {
    w = await startBot('postgres', Object.values(PEOPLE), { file: CHECKS_FILE, now: SAT_0830 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-replica-'));
    fs.writeFileSync(path.join(dir, 'rota.yaml'), CHECKS_FILE);
    const config = loadConfig({ DATABASE_URL: w.t.url, ROTA_CONFIG: path.join(dir, 'rota.yaml'), PORT: '0', LOG_LEVEL: 'silent' }, dir);
    second = await startRota(config, createLogger('silent'), () => w.h.clock.now, { proactive: 'manual' });
    expect((await w.h.post(installActivity(w.connector.url, { team: TEAM_1, channel: '19:ops@thread.tacv2' }))).status).toBe(200);
    for (const who of ['alice', 'bob'] as const) {
      const p = PEOPLE[who];
      await w.h.post(teamsMessage({ serviceUrl: w.connector.url, text: 'my shifts', from: { id: p.id, name: p.name, aadObjectId: p.aadObjectId }, conversation: { id: `a:chat-${who}`, conversationType: 'personal' } }));
    }
  });
  afterAll(async () => {
    await second.stop();
    await stopBot(w);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the morning check, the evening form and the unanswered post each go out once, whichever replica holds the lease', async () => {
    expect(checkCards(await both(Z('2026-03-28T08:00:00Z')), 'Morning check').map((c) => c.to)).toEqual(['a:chat-bob']);
    expect(checkCards(await both(Z('2026-03-28T08:01:00Z')), 'Morning check')).toEqual([]);
    // The first replica stops ticking; once its lease (2 minutes) has run out the second takes over, and sends nothing again.
    w.h.clock.now = Z('2026-03-28T08:04:00Z');
    const mark = w.h.mark();
    await second.handoffs.tick(w.h.clock.now);
    expect(checkCards(w.h.since(mark), 'Morning check')).toEqual([]);

    expect(checkCards(await both(Z('2026-03-28T16:30:00Z')), 'Evening check').map((c) => c.to)).toEqual(['a:chat-bob']);
    expect(channelTexts(await both(Z('2026-03-28T17:30:00Z')))).toEqual(['Evening check — Op of the Week, Sat 28 Mar: not answered by Bob Baker within an hour. No open items.']);
    expect(channelTexts(await both(Z('2026-03-28T17:31:00Z')))).toEqual([]);
    const rows = await w.t.db('bot_posts').where('key', 'like', 'check:%').orderBy('key').select('key', 'state');
    expect(rows).toEqual([
      { key: 'check:evening:ops:2026-03-28', state: 'posted' },
      { key: 'check:evening:ops:2026-03-28:unanswered', state: 'posted' },
      { key: 'check:morning:ops:2026-03-28', state: 'posted' },
    ]);
  });
});
