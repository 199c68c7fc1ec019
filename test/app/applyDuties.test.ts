import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCapturing } from '../helpers/runCli.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const NOW = Date.UTC(2026, 2, 11, 10, 0); // Wednesday 11 March 2026, 11:00 in Berlin: ops hands off next on Mon 16 March
const run = (args: string[]) => runCapturing(args, NOW);
const dirs: string[] = [];

function tempFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-duties-'));
  dirs.push(dir);
  const file = path.join(dir, 'rota.yaml');
  fs.writeFileSync(file, text);
  return file;
}

const ops = (checklist: string[]) =>
  tempFile(
    [
      'timezone: Europe/Berlin',
      'rotations:',
      '  - id: ops',
      '    start: 2026-01-05',
      '    every: 1w',
      '    handoff: "Mon 12:00"',
      '    members: [alice@contoso.com, bob@contoso.com]',
      ...checklist.map((l) => `    ${l}`),
      '',
    ].join('\n'),
  );

const FIRST = [
  'duties:',
  '  - { at: "Mon-Fri 09:15", task: "Check overnight alerts and the nightly backup report", link: "https://runbooks.contoso.com/backups" }',
  '  - { at: "Thu 18:00", task: "Push the release candidate to pre-production" }',
  'morningCheck: "09:00"',
];

afterEach(() => {
  vi.unstubAllEnvs();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe.each(ENGINES)('apply and export know the duties and checks, on %s', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    vi.stubEnv('DATABASE_URL', t.url);
  });
  afterEach(() => t.destroy());

  it('adding, changing and removing duties and checks is a new version, said to apply at once (the duties job reads the latest); the same file twice changes nothing', async () => {
    const first = ops(FIRST);
    expect((await run(['apply', first])).out).toBe('settings: timezone UTC → Europe/Berlin\nops: new rotation\n2 changes made\n');
    expect((await run(['apply', first])).out).toBe('nothing to change\n');

    const second = ops([
      'duties:',
      '  - { at: "Thu 18:00", task: "Push the release candidate to pre-production", post: channel }',
      '  - { at: "Mon-Fri 09:15", task: "Check overnight alerts and the nightly backup report", link: "https://runbooks.contoso.com/backups/v2" }',
      '  - { at: "Sat 08:00", task: "Release day: watch the production roll-out" }',
      'eveningCheck: "17:30"',
    ]);
    const dry = await run(['apply', second, '--dry-run']);
    const words =
      // In the new file's order.
      'ops: duties "Thu 18:00 Push the release candidate to pre-production" post (none) → channel, ' +
      '"Mon-Fri 09:15 Check overnight alerts and the nightly backup report" link https://runbooks.contoso.com/backups → https://runbooks.contoso.com/backups/v2, ' +
      '+ "Sat 08:00 Release day: watch the production roll-out"; ' +
      'eveningCheck (none) → 17:30; morningCheck 09:00 → (none) at once\n';
    // Warned: the channel duty has no channel in the file.
    expect(dry.out).toBe(
      `WARNING ${second}: rotations[0].duties[0].post: rotation "ops" has no channel: this card goes to the channel where "subscribe ops" was said; until then it is sent to each person on duty in a personal chat instead, and recorded as not delivered (no channel to post to)\n` +
        `${words}1 change would be made (dry run: nothing was written)\n`,
    );
    const applied = await run(['apply', second]);
    expect(applied.out.split('\n').slice(1).join('\n')).toBe(`${words}1 change made\n`);
    expect((await run(['apply', second])).out.split('\n').slice(1).join('\n')).toBe('nothing to change\n');

    const versions = await t.db('rotation_versions').where({ rotation_id: 'ops' }).orderBy('effective_from').select('effective_from', 'definition');
    expect(versions.map((v) => Number(v.effective_from))).toEqual([expect.any(Number), Date.UTC(2026, 2, 16, 11, 0)]);
    const definitions = versions.map((v) => JSON.parse(v.definition as string) as Record<string, unknown>);
    expect(definitions.map((d) => [(d.duties as unknown[]).length, d.morningCheck, d.eveningCheck])).toEqual([[2, '09:00', undefined], [3, undefined, '17:30']]);

    const gone = ops([]);
    expect((await run(['apply', gone])).out).toBe(
      'ops: duties − "Thu 18:00 Push the release candidate to pre-production", − "Mon-Fri 09:15 Check overnight alerts and the nightly backup report", − "Sat 08:00 Release day: watch the production roll-out"; eveningCheck 17:30 → (none) at once\n1 change made\n',
    );
  });

  it('reordering duties is a change said as such', async () => {
    await run(['apply', ops(FIRST)]);
    const reordered = ops([FIRST[0]!, FIRST[2]!, FIRST[1]!, FIRST[3]!]);
    expect((await run(['apply', reordered])).out).toBe('ops: duties reordered at once\n1 change made\n');
  });

  it('a roster change and a duty in one edit: the roster from the next handoff, the duty at once', async () => {
    await run(['apply', ops(FIRST)]);
    const both = ops([...FIRST.slice(0, 3), '  - { at: "Sat 08:00", task: "Release day" }', ...FIRST.slice(3)]);
    fs.writeFileSync(both, fs.readFileSync(both, 'utf8').replace('bob@contoso.com]', 'bob@contoso.com, carol@contoso.com]'));
    expect((await run(['apply', both])).out).toBe('ops: members + carol@contoso.com from Mon 16 Mar 2026 12:00 CET; duties + "Sat 08:00 Release day" at once\n1 change made\n');
  });

  it('export writes the duties and checks back, one duty a line, and applying the export changes nothing', async () => {
    await run(['apply', ops(FIRST)]);
    const exported = await run(['export']);
    expect(exported.out).toContain(
      [
        '    duties:',
        '      - { at: Mon-Fri 09:15, task: Check overnight alerts and the nightly backup report, link: https://runbooks.contoso.com/backups }',
        '      - { at: Thu 18:00, task: Push the release candidate to pre-production }',
        '    morningCheck: 09:00',
        '',
      ].join('\n'),
    );
    expect((await run(['apply', tempFile(exported.out)])).out).toBe('nothing to change\n');
  });
});
