import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/root/config.js';
import { createLogger } from '../../app/root/logger.js';
import { startRota, type RunningRota } from '../../app/root/wiring.js';
import { RotaService } from '../../app/usecases/RotaService.js';
import { conversationRecord } from '../../bot/turn.js';
import { createStores } from '../../db/stores.js';
import { parseRotationFile } from '../../rotation/file.js';
import { startConnectorStandIn, teamsMessage, type ConnectorStandIn } from '../helpers/connectorStandIn.js';
import type { RateLimits } from '../helpers/connector/rateLimits.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

/** Two daily rotations of 50 people each: in the 12-week horizon everyone has a shift or two. */
const people = (p: string) => Array.from({ length: 50 }, (_, i) => `${p}${String(i).padStart(3, '0')}@contoso.com`);
const rotationFile = (a: string[], b: string[]) => `timezone: Europe/Berlin
rotations:
  - { id: a, name: Desk A, start: 2026-01-05, every: 1d, handoff: "09:00", members: [${a.join(', ')}] }
  - { id: b, name: Desk B, start: 2026-01-05, every: 1d, handoff: "09:00", members: [${b.join(', ')}] }
`;
const A = people('a');
const B = people('b');
const EVERYONE = [...A, ...B];
const NOW = Date.parse('2026-03-04T09:30:00Z');
const MINUTE = 60_000;

describe.each(ENGINES)('a change that moves 100 people (real Rota, Bot Connector stand-in with Teams\' rate limits) on %s', (engine) => {
  let t: TestDatabase;
  let connector: ConnectorStandIn;
  let rates: RateLimits;
  let dir: string;
  const clock = { now: NOW };
  /** The pacer's waits advance the test clock; `crashAfter` waits, it throws as a process killed mid-delivery would stop. */
  let crashAfter = Infinity;
  /** Every wait the pacer took, in ms of the test clock. */
  let waits: number[] = [];
  const start = (): Promise<RunningRota> => {
    const config = loadConfig({ DATABASE_URL: t.url, ROTA_CONFIG: path.join(dir, 'rota.yaml'), PORT: '0', LOG_LEVEL: 'silent' }, dir);
    const pacerSleep = async (ms: number) => {
      if (crashAfter-- <= 0) throw new Error('killed mid-delivery');
      waits.push(ms);
      clock.now += ms;
    };
    return startRota(config, createLogger('silent'), () => clock.now, { proactive: 'manual', connectorSleep: async () => undefined, pacerSleep });
  };

  beforeEach(async () => {
    clock.now = NOW;
    crashAfter = Infinity;
    waits = [];
    t = await freshDatabase(engine);
    connector = await startConnectorStandIn();
    rates = connector.limitRates(() => clock.now);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-moves-'));
    fs.writeFileSync(path.join(dir, 'rota.yaml'), rotationFile(A, B));
    // Everyone has written to Rota once, so each has a personal chat it can post to.
    const stores = createStores(t.db);
    for (const [i, email] of EVERYONE.entries()) {
      const activity = teamsMessage({ serviceUrl: connector.url, text: 'hi', from: { id: `29:p${i}`, name: email, aadObjectId: `aad-p${i}` }, conversation: { id: `a:chat-${i}`, conversationType: 'personal' } });
      await stores.conversations.saveConversation({ ...conversationRecord(activity), userEmail: email }, NOW - MINUTE);
    }
  });
  afterEach(async () => {
    await connector.close();
    await t.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * `rota apply` of the edited rota.yaml in another process: the member due next in each rotation (a009, b009 on Thu
   * 5 Mar) leaves from the next handoff, so everyone after them moves up a day, all within the horizon.
   */
  async function applyElsewhere(): Promise<void> {
    const edited = rotationFile(A.filter((e) => e !== 'a009@contoso.com'), B.filter((e) => e !== 'b009@contoso.com'));
    fs.writeFileSync(path.join(dir, 'rota.yaml'), edited);
    const file = parseRotationFile(edited);
    if (!file.ok) throw new Error('bad file');
    await new RotaService(createStores(t.db)).applyFile(file.value, { actor: 'rota-file', source: 'file', now: clock.now });
  }
  const noticesPerChat = () => {
    const counts = new Map<string, number>();
    for (const a of connector.activities().filter((r) => String(r.activity.text ?? '').startsWith('Your shifts moved'))) counts.set(r(a.path), (counts.get(r(a.path)) ?? 0) + 1);
    return counts;
  };
  const r = (p: string) => decodeURIComponent(p.split('/')[3]!);

  // Each person gets one message, in their own chat, so the per-chat limits (7 a second) are never reached: what paces
  // is the notices' share of the app's global limit, 20 requests a second at 2 per notice (open the chat, send).
  // The crash comes while the pacer waits, before the notice is handed to Teams, so its restart sends none twice; a
  // crash mid-send would leave that one `unknown`, never sent again (at most once, README).
  it('sends one message per person, 10 notices a second (the app-wide share), none twice across a restart while pacing', async () => {
    let rota = await start();
    await applyElsewhere();
    crashAfter = 3;
    await expect(rota.moveNotices.tick(clock.now)).rejects.toThrow('killed mid-delivery');
    const before = [...noticesPerChat().values()];
    // 10 at each of +0, +1, +2 and +3 s (three waits), then the fourth wait is where it was killed.
    expect(before.length).toBe(40);
    expect(waits).toEqual([1000, 1000, 1000]);
    await rota.stop();

    crashAfter = Infinity;
    clock.now += 11 * MINUTE; // past the claim a killed Rota left behind
    rota = await start();
    await rota.moveNotices.tick(clock.now);
    await rota.moveNotices.tick(clock.now + MINUTE);
    await rota.stop();

    const counts = noticesPerChat();
    expect(counts.size).toBe(100);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(rates.refused).toEqual([]);
    // The other 60 after the restart: six seconds' batches, five waits. Without the crash 100 would take nine waits
    // (about ten seconds from the first batch to the end of the last).
    expect(waits).toEqual(Array<number>(8).fill(1000));
    const stores = createStores(t.db);
    expect((await stores.notices.noticesIn('sent')).length).toBe(100);
    // a009 left: told their shift is not theirs any more; a010 has Thursday now instead of Friday.
    const text = (i: number) => connector.activities().find((x) => r(x.path) === `a:chat-${i}`)!.activity.text as string;
    expect(text(9).split('\n')[1]).toBe('- Desk A: Thu 5 Mar 09:00 GMT+1 – Fri 6 Mar 09:00 GMT+1 → not yours any more');
    expect(text(10).split('\n')[1]).toBe('- Desk A: Fri 6 Mar 09:00 GMT+1 – Sat 7 Mar 09:00 GMT+1 → Thu 5 Mar 09:00 GMT+1 – Fri 6 Mar 09:00 GMT+1');
  });
});
