import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import schedule from 'node-schedule';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/root/config.js';
import { createLogger } from '../../app/root/logger.js';
import { startRota, type RunningRota, type StartOptions } from '../../app/root/wiring.js';

const FILE = `timezone: UTC
rotations:
  - id: ops
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [alice@contoso.com, bob@contoso.com]
    tag: { team: "00000000-0000-0000-0000-000000000000", name: ops-oncall }
`;

/**
 * node-schedule fires on the real wall clock whatever clock Rota is given, so a test that drives time itself must
 * find nothing there. The clock here is the real one on purpose: only then do the handoff-time jobs land in the
 * real future, where node-schedule would keep them.
 */
describe("startRota's jobs on the wall clock", () => {
  let rota: RunningRota | undefined;
  let dir = '';
  afterEach(async () => {
    await rota?.stop();
    rota = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The jobs node-schedule holds once Rota is up, and whether the start-up reconcile (a dry-run here) had finished by then. */
  async function start(options: StartOptions): Promise<{ jobs: string[]; reconciled: boolean }> {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-jobs-'));
    fs.writeFileSync(path.join(dir, 'rota.yaml'), FILE);
    const lines: Array<Record<string, unknown>> = [];
    const log = createLogger('info', { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
    const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'rota.sqlite')}`, ROTA_CONFIG: path.join(dir, 'rota.yaml'), PORT: '0' }, dir);
    rota = await startRota(config, log, Date.now, options);
    const reconciled = lines.some((l) => l.component === 'sync' && String(l.msg).startsWith('sync dry-run: nothing written'));
    return { jobs: Object.keys(schedule.scheduledJobs).sort(), reconciled };
  }

  it('manual: no job at all, the start-up reconcile done before startRota resolves, and /healthz says the scheduler is up', async () => {
    expect(await start({ proactive: 'manual' })).toEqual({ jobs: [], reconciled: true });
    const health = await fetch(`${rota!.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'up', scheduler: 'up' });
  });

  it("scheduled: the reconcile and the minute job recur, and the tag's reconcile waits for the next handoff", async () => {
    // (No bot:handoff job: the rotation has no channel to post a handoff to.)
    const { jobs } = await start({});
    expect(jobs).toEqual(['bot-posts', 'move-notices', 'reconcile', 'sync:handoff:ops', 'webhooks']);
    expect((await fetch(`${rota!.url}/healthz`)).status).toBe(200);
  });
});
