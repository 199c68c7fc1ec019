/**
 * Bot figures for `npm run bench`: `who` through the whole HTTP path (CloudAdapter, Rota's handlers, the database,
 * the reply to a local Bot Connector stand-in) beside a bare botbuilder echo bot measured in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ActivityHandler } from 'botbuilder';
import { createAdapter } from '../../bot/adapter.js';
import { loadConfig } from '../../app/root/config.js';
import { createLogger } from '../../app/root/logger.js';
import { startRota } from '../../app/root/wiring.js';
import { createHttpServer, listen } from '../../app/root/server.js';
import { messageActivity, startConnectorStandIn } from '../helpers/connectorStandIn.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function postOnce(url: string, body: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`bench: ${url} answered ${res.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function concurrent(url: string, body: string, total: number, workers: number): Promise<number> {
  let left = total;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (left-- > 0) await postOnce(url, body);
    }),
  );
  return total / (Number(process.hrtime.bigint() - t0) / 1e9);
}

export async function botBench(requests = 600): Promise<Record<string, number>> {
  const connector = await startConnectorStandIn();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-bench-'));
  const log = createLogger('silent');
  const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'rota.sqlite')}`, ROTA_CONFIG: path.join(ROOT, 'rota.example.yaml'), PORT: '0', LOG_LEVEL: 'silent' }, ROOT);
  const rota = await startRota(config, log);
  const echoBot = new ActivityHandler();
  echoBot.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await next();
  });
  const echo = await listen(createHttpServer({ adapter: createAdapter({ appType: 'MultiTenant' }, log), bot: echoBot, log, health: async () => ({ database: true, scheduler: true }) }), 0, '127.0.0.1');
  try {
    const who = JSON.stringify(messageActivity(connector.url, '<at>Rota</at> who'));
    for (let i = 0; i < 100; i++) {
      await postOnce(rota.url, who);
      await postOnce(echo.url, who);
    }
    const rotaMs: number[] = [];
    const echoMs: number[] = [];
    // Alternate, so both see the same machine state.
    for (let i = 0; i < requests; i++) {
      rotaMs.push(await postOnce(rota.url, who));
      echoMs.push(await postOnce(echo.url, who));
    }
    rotaMs.sort((a, b) => a - b);
    echoMs.sort((a, b) => a - b);
    const rotaPerSec = await concurrent(rota.url, who, 2000, 32);
    const echoPerSec = await concurrent(echo.url, who, 2000, 32);
    const rotaMedian = quantile(rotaMs, 0.5);
    const echoMedian = quantile(echoMs, 0.5);
    return {
      botWhoMedianMs: rotaMedian,
      botWhoP99Ms: quantile(rotaMs, 0.99),
      botEchoMedianMs: echoMedian,
      botEchoP99Ms: quantile(echoMs, 0.99),
      botWhoVsEchoMedian: rotaMedian / echoMedian,
      botWhoVsEchoP99: quantile(rotaMs, 0.99) / quantile(echoMs, 0.99),
      botWhoActivitiesPerSecC32: rotaPerSec,
      botEchoActivitiesPerSecC32: echoPerSec,
    };
  } finally {
    await Promise.all([rota.stop(), echo.close(), connector.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
