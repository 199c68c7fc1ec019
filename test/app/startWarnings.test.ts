import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/root/config.js';
import { createLogger } from '../../app/root/logger.js';
import { startRota, type RunningRota } from '../../app/root/wiring.js';

describe('start-up logs the rotation file warnings', () => {
  let rota: RunningRota | undefined;
  let dir = '';
  afterEach(async () => {
    await rota?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a cover by someone in no rotation is applied, and warned about by its field', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-warn-'));
    const file = path.join(dir, 'rota.yaml');
    fs.writeFileSync(
      file,
      `timezone: UTC
rotations:
  - { id: ops, start: 2026-01-05, every: 1w, handoff: "Mon 12:00", members: [alice@contoso.com, bob@contoso.com] }
overrides:
  - { rotation: ops, from: "2026-12-02T09:00", to: "2026-12-02T17:00", member: guest@fabrikam.com }
`,
    );
    const lines: Array<Record<string, unknown>> = [];
    const log = createLogger('info', { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
    const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'rota.sqlite')}`, ROTA_CONFIG: file, PORT: '0' }, dir);
    rota = await startRota(config, log, () => Date.parse('2026-12-01T09:00:00Z'), { proactive: 'manual' });
    const warned = lines.filter((l) => l.msg === 'rotation file warning');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.warning).toMatch(/^overrides\[0\]\.member: "guest@fabrikam\.com" is in no rotation/);
    expect(lines.find((l) => l.msg === 'rotation file applied')?.changes).toBeGreaterThan(0);
  });
});
