import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/root/config.js';
import { createLogger } from '../../app/root/logger.js';
import { startRota, type RunningRota } from '../../app/root/wiring.js';
import { ENGINES } from '../helpers/databases.js';
import { startBot, stopBot, type BotWorld } from './botHarness.js';
import { DUTY_FILE, dutyCards, people } from './dutyWorld.js';

const Z = (iso: string) => Date.parse(iso);
const MIN = 60_000;

// Two replicas on one PostgreSQL database with the same clock, both ticking every minute around each duty's time.
describe.skipIf(!ENGINES.includes('postgres'))('two replicas on PostgreSQL send each duty card once', () => {
  let w: BotWorld;
  let second: RunningRota;
  let dir: string;
  const p = people(() => w);

  beforeAll(async () => {
    w = await startBot('postgres', undefined, { file: DUTY_FILE, now: Z('2026-03-23T05:00:00Z') });
    await p.install();
    for (const who of ['alice', 'bob', 'carol'] as const) await p.say(who, 'remind');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-replica-'));
    fs.writeFileSync(path.join(dir, 'rota.yaml'), DUTY_FILE);
    const config = loadConfig({ DATABASE_URL: w.t.url, ROTA_CONFIG: path.join(dir, 'rota.yaml'), PORT: '0', LOG_LEVEL: 'silent' }, dir);
    second = await startRota(config, createLogger('silent'), () => w.h.clock.now, { proactive: 'manual' });
  }, 60_000);
  afterAll(async () => {
    await second.stop();
    await stopBot(w);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Mon 23 to Sat 28 Mar: six cards, each once, though both replicas tick at the same instants', async () => {
    const mark = w.h.mark();
    const dues = ['2026-03-23T08:15:00Z', '2026-03-24T08:15:00Z', '2026-03-25T08:15:00Z', '2026-03-26T08:15:00Z', '2026-03-27T08:15:00Z', '2026-03-28T07:00:00Z'];
    for (const due of dues) {
      for (let t = Z(due) - 2 * MIN; t <= Z(due) + 3 * MIN; t += MIN) {
        w.h.clock.now = t;
        // The first replica's lease runs out between days: the second may take over, and still nothing doubles.
        await Promise.all([w.h.rota.handoffs.tick(t), second.handoffs.tick(t)]);
      }
    }
    expect(dutyCards(w.h.since(mark)).map((c) => [c.to, c.task])).toEqual([
      ['carol', 'Check overnight alerts'],
      ['carol', 'Check overnight alerts'],
      ['carol', 'Check overnight alerts'],
      ['bob', 'Check overnight alerts'],
      ['carol', 'Check overnight alerts'],
      ['channel', 'Release day: watch the roll-out'],
    ]);
    expect(await w.t.db('duty_runs').orderBy('due_at').pluck('state')).toEqual(['posted', 'posted', 'posted', 'posted', 'posted', 'posted']);
  }, 60_000);
});
