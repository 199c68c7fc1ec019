import fs from 'node:fs';
import { getEventListeners } from 'node:events';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realTimer } from '../../app/cli/chat/health.js';
import { loadConfig, type Config } from '../../app/root/config.js';
import { createLogger } from '../../app/root/logger.js';
import { startRota, type RunningRota } from '../../app/root/wiring.js';
import { freshDatabase, type TestDatabase } from '../helpers/databases.js';
import { ROTATION_FILE, WEDNESDAY } from '../bot/botHarness.js';
import { FakeTimer, freePort, Terminal } from './cliChatKit.js';

const count = (s: string, part: string) => s.split(part).length - 1;

/** Rota on a fixed port, so it can stop and come back where the chat looks for it. */
describe('the terminal chat when Rota stops and comes back', () => {
  let t: TestDatabase;
  let dir: string;
  let config: Config;
  let rota: RunningRota;
  const start = () => startRota(config, createLogger('silent'), () => WEDNESDAY, { proactive: 'manual' });
  beforeAll(async () => {
    t = await freshDatabase('sqlite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-chat-'));
    fs.writeFileSync(path.join(dir, 'rota.yaml'), ROTATION_FILE);
    config = loadConfig({ DATABASE_URL: t.url, ROTA_CONFIG: path.join(dir, 'rota.yaml'), PORT: String(await freePort()), LOG_LEVEL: 'silent' }, dir);
    rota = await start();
  });
  afterAll(async () => {
    await rota.stop();
    await t.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says so once, polls /healthz with back-off, says when Rota is back, and sends the refused line once', async () => {
    const timer = new FakeTimer();
    const alice = new Terminal('alice@contoso.com', 'Alice', { botUrl: rota.url, connectorPort: await freePort(), timer, health: { idleMs: 5_000, firstMs: 1_000, maxMs: 4_000 } });
    await alice.say('who ops', '**Op of the Week**');
    expect(await timer.fire()).toBe(5_000); // an idle check while Rota is up: nothing to say
    await rota.stop();
    const mark = alice.output.length;
    alice.type('who dev'); // refused: Rota is down
    await alice.waitFor('Rota stopped; reconnecting…');
    expect(await timer.fire()).toBe(1_000);
    expect(await timer.fire()).toBe(2_000);
    expect(await timer.fire()).toBe(4_000);
    rota = await start();
    expect(await timer.fire()).toBe(4_000); // the back-off stops growing at maxMs
    await alice.waitFor('**Dev of the Week**');
    expect(alice.since(mark)).toMatch(/^Rota stopped; reconnecting…\nRota is back\nRota:\n\*\*Dev of the Week\*\*: [^\n]+\n$/);
    await alice.say('who ops', '**Op of the Week**');
    await alice.quit();
    expect(count(alice.output, 'Rota stopped; reconnecting…')).toBe(1);
    expect(count(alice.output, 'Rota is back')).toBe(1);
    expect(count(alice.output, '**Dev of the Week**')).toBe(1);
    expect(count(alice.output, '**Op of the Week**')).toBe(2);
  });

  it('notices while idle that Rota stopped', async () => {
    const timer = new FakeTimer();
    const bob = new Terminal('bob@contoso.com', 'Bob', { botUrl: rota.url, connectorPort: await freePort(), timer, health: { idleMs: 5_000, firstMs: 1_000, maxMs: 4_000 } });
    await bob.waitFor("Hello! I'm Rota");
    await rota.stop();
    expect(await timer.fire()).toBe(5_000);
    await bob.waitFor('Rota stopped; reconnecting…');
    rota = await start();
    expect(await timer.fire()).toBe(1_000);
    await bob.waitFor('Rota is back');
    await bob.say('who dev', '**Dev of the Week**');
    await bob.quit();
  });

  it('does not send a line again when Rota may have received it (the connection broke mid-request)', async () => {
    // A stand-in bot that takes the hello, then breaks the connection on the first message it reads.
    const received: string[] = [];
    const fake = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        if (req.url === '/healthz') return res.writeHead(200).end('{}');
        const activity = JSON.parse(raw) as { type: string; text?: string };
        received.push(activity.text ?? activity.type);
        if (activity.type === 'message') return req.socket.destroy();
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    const timer = new FakeTimer();
    const botUrl = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;
    const carol = new Terminal('carol@contoso.com', 'Carol', { botUrl, connectorPort: await freePort(), timer, health: { idleMs: 5_000, firstMs: 1_000, maxMs: 4_000 } });
    carol.type('time off tomorrow to friday');
    await carol.waitFor('Rota stopped; reconnecting…');
    expect(await timer.fire()).toBe(1_000);
    await carol.waitFor('it was not sent again');
    expect(carol.output).toBe(
      'Rota stopped; reconnecting…\nRota is back\nRota may not have received "time off tomorrow to friday"; it was not sent again, so check before repeating it.\n',
    );
    await carol.quit();
    expect(received).toEqual(['conversationUpdate', 'time off tomorrow to friday']);
    await new Promise((r) => fake.close(r));
  });

  it('leaves no listener behind on the shared wake-up signal after each idle wait', async () => {
    const wake = new AbortController();
    for (let i = 0; i < 12; i++) await realTimer.sleep(0, wake.signal);
    expect(getEventListeners(wake.signal, 'abort')).toHaveLength(0);
  });
});
