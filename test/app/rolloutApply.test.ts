import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RotaService } from '../../app/usecases/RotaService.js';
import { scheduleFromStored } from '../../app/usecases/state.js';
import { createStores } from '../../db/stores.js';
import { BEGINNING_OF_TIME, type ChangeContext } from '../../db/types.js';
import { validateRotationFile, type RotationFile } from '../../rotation/file.js';
import { segmentsBetween } from '../../rotation/segmentsBetween.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';
import { runCapturing } from '../helpers/runCli.js';
import { parse as YAMLof } from 'yaml';

// ops: weekly, Mon 12:00 Berlin, from Mon 5 Jan 2026: alice, bob, carol, dave; rounds of four weeks (5 Jan, 2 Feb,
// 2 Mar, 30 Mar…). Now is Wed 11 Mar 2026 11:00 CET, in bob's week; the round began on 2 Mar with alice.
const NOW = Date.UTC(2026, 2, 11, 10, 0);
const NEXT_HANDOFF = Date.UTC(2026, 2, 16, 11, 0); // Mon 16 Mar 12:00 CET
const NEXT_CYCLE = Date.UTC(2026, 2, 30, 10, 0); // Mon 30 Mar 12:00 CEST (DST began on 29 Mar)
const FOUR = '[alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com]';
const FIVE = '[alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com, erin@contoso.com]';

const yaml = (members: string, extra: string[] = []) =>
  ['timezone: Europe/Berlin', 'rotations:', '  - id: ops', '    name: Op of the Week', '    start: 2026-01-05', '    every: 1w', '    handoff: "Mon 12:00"', `    members: ${members}`, ...extra.map((l) => `    ${l}`), ''].join('\n');

function parsed(text: string): RotationFile {
  const checked = validateRotationFile(YAMLof(text));
  if (!checked.ok) throw new Error(JSON.stringify(checked.error));
  return checked.value;
}
const dirs: string[] = [];

const ctx = (now: number): ChangeContext => ({ actor: 'test', source: 'cli', now });

afterEach(() => {
  vi.unstubAllEnvs();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe.each(ENGINES)('a roster edit rolls out by its effective mode, on %s', (engine) => {
  let t: TestDatabase;
  let service: RotaService;
  const versions = async () => (await service.snapshot()).state.rotations.find((r) => r.id === 'ops')!.versions.map((v) => v.from);
  beforeEach(async () => {
    t = await freshDatabase(engine);
    service = new RotaService(createStores(t.db));
    await service.applyFile(parsed(yaml(FOUR)), ctx(Date.UTC(2026, 0, 1)));
  });
  afterEach(() => t.destroy());

  it.each([
    ['now', NOW],
    ['next-handoff', NEXT_HANDOFF],
    ['next-cycle', NEXT_CYCLE],
  ] as const)('effective: %s', async (mode, from) => {
    const [change] = await service.applyFile(parsed(yaml(FIVE, [`effective: ${mode}`])), ctx(NOW));
    expect(change).toEqual({ action: 'rotation.updated', rotationId: 'ops', effectiveFrom: from, fields: ['effective', 'members'] });
    expect(await versions()).toEqual([BEGINNING_OF_TIME, from]);
  });

  it('without effective a roster edit waits for the next handoff, and an edit that keeps the members does so whatever effective says', async () => {
    expect((await service.applyFile(parsed(yaml(FIVE)), ctx(NOW)))[0]).toMatchObject({ effectiveFrom: NEXT_HANDOFF });
    const renamed = yaml(FIVE, ['effective: now']).replace('Op of the Week', 'Ops');
    // Against the version in force (four members) the members still differ: `now` applies to the pending edit too.
    expect((await service.applyFile(parsed(renamed), ctx(NOW)))[0]).toMatchObject({ effectiveFrom: NOW });
    expect(await versions()).toEqual([BEGINNING_OF_TIME, NOW]);
    const later = NOW + 3_600_000;
    expect((await service.applyFile(parsed(renamed.replace('name: Ops', 'name: Ops team')), ctx(later)))[0]).toMatchObject({ effectiveFrom: NEXT_HANDOFF });
  });

  it('members and the handoff changed together: the whole version follows the members\' mode', async () => {
    const [change] = await service.applyFile(parsed(yaml(FIVE, ['effective: next-cycle']).replace('Mon 12:00', 'Mon 10:00')), ctx(NOW));
    expect(change).toMatchObject({ effectiveFrom: NEXT_CYCLE, fields: ['effective', 'handoff', 'members'] });
  });

  it('a pending next-cycle edit: renaming keeps its instant (one version), `now` supersedes it, reverting the roster drops it to the next handoff', async () => {
    await service.applyFile(parsed(yaml(FIVE, ['effective: next-cycle'])), ctx(NOW));
    await service.applyFile(parsed(yaml(FIVE, ['effective: next-cycle']).replace('Op of the Week', 'Ops')), ctx(NOW));
    expect(await versions()).toEqual([BEGINNING_OF_TIME, NEXT_CYCLE]);
    await service.applyFile(parsed(yaml(FOUR, ['effective: next-cycle'])), ctx(NOW));
    expect(await versions()).toEqual([BEGINNING_OF_TIME, NEXT_HANDOFF]);
    await service.applyFile(parsed(yaml(FIVE, ['effective: now'])), ctx(NOW));
    expect(await versions()).toEqual([BEGINNING_OF_TIME, NOW]);
  });

  it('a next-cycle reorder an hour after a pending +erin (next handoff): the round of the version in force ends 30 Mar, not at the pending edit', async () => {
    await service.applyFile(parsed(yaml(FIVE)), ctx(NOW));
    expect(await versions()).toEqual([BEGINNING_OF_TIME, NEXT_HANDOFF]);
    const reordered = '[bob@contoso.com, alice@contoso.com, carol@contoso.com, dave@contoso.com, erin@contoso.com]';
    const [change] = await service.applyFile(parsed(yaml(reordered, ['effective: next-cycle'])), ctx(NOW + 3_600_000));
    expect(change).toMatchObject({ effectiveFrom: NEXT_CYCLE });
    // erin still joins at the next handoff (that edit starts before this one and stays); the new order from 30 Mar.
    expect(await versions()).toEqual([BEGINNING_OF_TIME, NEXT_HANDOFF, NEXT_CYCLE]);
  });

  it('the dry run\'s "after" is exactly what the real apply stores, and the dry run writes nothing', async () => {
    const audit = async () => Number(((await t.db('audit_log').count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n);
    const file = parsed(yaml(FIVE, ['effective: next-cycle']));
    const auditBefore = await audit();
    const preview = await service.previewFile(file, ctx(NOW));
    expect(preview.result).toEqual([{ action: 'rotation.updated', rotationId: 'ops', effectiveFrom: NEXT_CYCLE, fields: ['effective', 'members'] }]);
    expect(await audit()).toBe(auditBefore);
    expect(await versions()).toEqual([BEGINNING_OF_TIME]);
    await service.applyFile(file, ctx(NOW));
    const stored = (await service.snapshot()).state;
    const window = [NOW, NOW + 12 * 7 * 86_400_000] as const;
    expect(segmentsBetween(scheduleFromStored(preview.after), ...window)).toEqual(segmentsBetween(scheduleFromStored(stored), ...window));
    expect(preview.after.rotations).toEqual(stored.rotations);
  });
});

describe.each(ENGINES)('apply --dry-run lists the shifts that would move, per person, on %s', (engine) => {
  let t: TestDatabase;
  const tempFile = (text: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-rollout-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'rota.yaml'), text);
    return path.join(dir, 'rota.yaml');
  };
  beforeEach(async () => {
    t = await freshDatabase(engine);
    vi.stubEnv('DATABASE_URL', t.url);
    vi.stubEnv('ROTA_SYNC_HORIZON_WEEKS', '4');
    expect((await runCapturing(['apply', tempFile(yaml(FOUR))], Date.UTC(2026, 0, 1))).code).toBe(0);
  });
  afterEach(() => t.destroy());

  it('effective: now adding erin — bob keeps the rest of his week and erin joins the queue at its back: nothing moves in 4 weeks', async () => {
    // Old and new alike: bob to 16 Mar, carol 16 Mar, dave 23 Mar, alice 30 Mar, bob 6 Apr; erin's first turn is 13 Apr.
    const { code, out } = await runCapturing(['apply', tempFile(yaml(FIVE, ['effective: now'])), '--dry-run'], NOW);
    expect(code).toBe(0);
    expect(out).toBe('ops: effective (none) → now; members + erin@contoso.com from Wed 11 Mar 2026 11:00 CET\n1 change would be made (dry run: nothing was written)\n');
  });

  it('effective: next-cycle — nothing moves before the round ends on 30 Mar, and erin\'s first turn is after dave\'s', async () => {
    const { out } = await runCapturing(['apply', tempFile(yaml(FIVE, ['effective: next-cycle'])), '--dry-run'], NOW);
    // Within 4 weeks nothing moves, so no moves are listed.
    expect(out).toBe('ops: effective (none) → next-cycle; members + erin@contoso.com from Mon 30 Mar 2026 12:00 CEST\n1 change would be made (dry run: nothing was written)\n');
    vi.stubEnv('ROTA_SYNC_HORIZON_WEEKS', '8');
    const longer = await runCapturing(['apply', tempFile(yaml(FIVE, ['effective: next-cycle'])), '--dry-run'], NOW);
    // Old: alice 30 Mar, bob 6 Apr, carol 13 Apr, dave 20 Apr, alice 27 Apr, bob 4 May; new from 30 Mar: the same
    // four, then erin 27 Apr, alice 4 May. The week of 4 May runs past the horizon and shows whole (to 11 May).
    expect(longer.out.split('\n').slice(1, 8)).toEqual([
      'shifts that would move in the next 8 weeks (to Wed 6 May 2026 12:00 CEST, ROTA_SYNC_HORIZON_WEEKS), per person:',
      '  alice@contoso.com:',
      '    Op of the Week: Mon 27 Apr 12:00 GMT+2 – Mon 4 May 12:00 GMT+2 → Mon 4 May 12:00 GMT+2 – Mon 11 May 12:00 GMT+2',
      '  bob@contoso.com:',
      '    Op of the Week: Mon 4 May 12:00 GMT+2 – Mon 11 May 12:00 GMT+2 → not yours any more',
      '  erin@contoso.com:',
      '    Op of the Week: new: Mon 27 Apr 12:00 GMT+2 – Mon 4 May 12:00 GMT+2',
    ]);
    expect(Number(((await t.db('rotation_versions').count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n)).toBe(1);
  });

  it('a reorder (dave, carol, bob, alice) at the next handoff: the new order goes on after bob, so alice and carol swap weeks', async () => {
    // Old: carol 16 Mar, dave 23 Mar, alice 30 Mar, bob 6 Apr. New from 16 Mar, after bob in the new order: alice, dave, carol, bob.
    const reordered = '[dave@contoso.com, carol@contoso.com, bob@contoso.com, alice@contoso.com]';
    const { code, out } = await runCapturing(['apply', tempFile(yaml(reordered)), '--dry-run'], NOW);
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      'ops: members reordered from Mon 16 Mar 2026 12:00 CET',
      'shifts that would move in the next 4 weeks (to Wed 8 Apr 2026 12:00 CEST, ROTA_SYNC_HORIZON_WEEKS), per person:',
      '  alice@contoso.com:',
      '    Op of the Week: Mon 30 Mar 12:00 GMT+2 – Mon 6 Apr 12:00 GMT+2 → Mon 16 Mar 12:00 GMT+1 – Mon 23 Mar 12:00 GMT+1',
      '  carol@contoso.com:',
      '    Op of the Week: Mon 16 Mar 12:00 GMT+1 – Mon 23 Mar 12:00 GMT+1 → Mon 30 Mar 12:00 GMT+2 – Mon 6 Apr 12:00 GMT+2',
      '1 change would be made (dry run: nothing was written)',
      '',
    ]);
  });

  it('erin added and the others reordered: apply names both, since the queue follows the new order', async () => {
    const both = '[dave@contoso.com, carol@contoso.com, erin@contoso.com, bob@contoso.com, alice@contoso.com]';
    const { out } = await runCapturing(['apply', tempFile(yaml(both)), '--dry-run'], NOW);
    expect(out.split('\n')[0]).toBe('ops: members + erin@contoso.com, reordered from Mon 16 Mar 2026 12:00 CET');
  });
});
