import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStores } from '../../db/stores.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';
import { runCapturing } from '../helpers/runCli.js';

const NOW = Date.UTC(2026, 2, 11, 10, 0);
const FILE = `timezone: Europe/Berlin
rotations:
  - { id: ops, name: Ops, start: 2026-01-05, every: 1w, handoff: "Mon 12:00", members: [alice@contoso.com, bob@contoso.com] }
webhooks:
  - url: "https://automation.atlassian.com/pro/hooks/xyz?sig=QUERYSECRET"
    events: [handoff]
    secret: "env:ROTA_WEBHOOK_CI"
`;
const WARNING = (file: string) =>
  `WARNING ${file}: webhooks[0].secret: the environment variable ROTA_WEBHOOK_CI is not set (expected the HMAC secret for https://automation.atlassian.com/pro/hooks/xyz); set it where Rota runs (npm start refuses to start without it)\n`;

describe.each(ENGINES)('apply with a webhook secret that is not set where the CLI runs (%s)', (engine) => {
  let t: TestDatabase;
  let dir: string;
  let file: string;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    vi.stubEnv('DATABASE_URL', t.url);
    vi.stubEnv('ROTA_WEBHOOK_CI', '');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-hookapply-'));
    file = path.join(dir, 'rota.yaml');
    fs.writeFileSync(file, FILE);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
    await t.destroy();
  });

  it('--dry-run (a CI preview without the secrets) warns and previews; apply warns and writes', async () => {
    const dry = await runCapturing(['apply', file, '--dry-run'], NOW);
    expect(dry.code).toBe(0);
    expect(dry.out.startsWith(WARNING(file))).toBe(true);
    expect(dry.out.endsWith('would be made (dry run: nothing was written)\n')).toBe(true);
    expect((await createStores(t.db).rotations.load()).rotations).toEqual([]);

    const real = await runCapturing(['apply', file], NOW);
    expect(real.code).toBe(0);
    expect(real.out.startsWith(WARNING(file))).toBe(true);
    expect(real.out).not.toContain('QUERYSECRET');
    const stored = await createStores(t.db).rotations.load();
    expect(stored.rotations.map((r) => r.id)).toEqual(['ops']);
    expect(stored.settings.webhooks?.map((w) => w.secret)).toEqual(['env:ROTA_WEBHOOK_CI']);
  });

  it('with the variable set, no warning', async () => {
    vi.stubEnv('ROTA_WEBHOOK_CI', 's3cret');
    const dry = await runCapturing(['apply', file, '--dry-run'], NOW);
    expect(dry.code).toBe(0);
    expect(dry.out).not.toContain('WARNING');
  });
});
