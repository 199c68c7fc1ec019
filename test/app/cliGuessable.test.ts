import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCapturing } from '../helpers/runCli.js';
import { unreachable } from '../../app/cli/database.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const EXAMPLE = 'rota.example.yaml';
/** Tuesday 1 December 2026, 10:40 in Berlin. */
const TODAY = Date.parse('2026-12-01T09:40:00Z');
const dirs: string[] = [];

const run = (args: string[], now = TODAY) => runCapturing(args, now);

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-cli-'));
  dirs.push(dir);
  return dir;
}

function tempFile(name: string, text: string | Buffer): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, text);
  return file;
}

afterEach(() => {
  vi.unstubAllEnvs();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

type JsonSegment = { rotation: string; start: string; end: string; members: string[] };
const spans = (out: string) => (JSON.parse(out) as JsonSegment[]).map((s) => `${s.start} ${s.end} ${s.members.join()}`);

// Dev of the Week hands off Mondays 09:00 from Mon 5 Jan 2026 to frank, grace, heidi in turn. Mon 30 Nov is 47
// weeks later (47 mod 3 = 2: heidi), so by hand: 30 Nov heidi, 7 Dec frank, 14 Dec grace, 21 Dec heidi, 28 Dec frank.
const DEV_DECEMBER = [
  '2026-11-30T09:00:00+01:00 2026-12-07T09:00:00+01:00 heidi@contoso.com',
  '2026-12-07T09:00:00+01:00 2026-12-14T09:00:00+01:00 frank@contoso.com',
  '2026-12-14T09:00:00+01:00 2026-12-21T09:00:00+01:00 grace@contoso.com',
  '2026-12-21T09:00:00+01:00 2026-12-28T09:00:00+01:00 heidi@contoso.com',
  '2026-12-28T09:00:00+01:00 2027-01-04T09:00:00+01:00 frank@contoso.com',
];

describe('rota schedule and stats: a window a person can guess', () => {
  it('schedule defaults to today (local midnight) → 4 weeks', async () => {
    const { code, out } = await run(['schedule', '--config', EXAMPLE, '--rotation', 'dev', '--format', 'json']);
    expect(code).toBe(0);
    // [Tue 1 Dec 00:00, Tue 29 Dec 00:00) in Berlin overlaps all five shifts.
    expect(spans(out)).toEqual(DEV_DECEMBER);
  });

  it('--from alone runs 4 weeks; --to alone starts today', async () => {
    const from = await run(['schedule', '--config', EXAMPLE, '--rotation', 'dev', '--format', 'json', '--from', '2026-12-15']);
    // [Tue 15 Dec, Tue 12 Jan): from grace's week to heidi's, which starts Mon 11 Jan (53 weeks on: 53 mod 3 = 2).
    expect(spans(from.out)).toEqual([
      ...DEV_DECEMBER.slice(2),
      '2027-01-04T09:00:00+01:00 2027-01-11T09:00:00+01:00 grace@contoso.com',
      '2027-01-11T09:00:00+01:00 2027-01-18T09:00:00+01:00 heidi@contoso.com',
    ]);
    const to = await run(['schedule', '--config', EXAMPLE, '--rotation', 'dev', '--format', 'json', '--to', '2026-12-07T09:00']);
    expect(spans(to.out)).toEqual(DEV_DECEMBER.slice(0, 1));
  });

  it('reads the dates the chat reads: tomorrow, next monday, "2026-12-24 09:00"', async () => {
    const rel = await run(['schedule', '--config', EXAMPLE, '--rotation', 'dev', '--format', 'json', '--from', 'tomorrow', '--to', 'next monday']);
    // Wed 2 Dec 00:00 → the end of Mon 7 Dec: heidi's week and frank's, which starts that Monday at 09:00.
    expect([rel.code, spans(rel.out)]).toEqual([0, DEV_DECEMBER.slice(0, 2)]);
    const sunday = await run(['schedule', '--config', EXAMPLE, '--rotation', 'dev', '--format', 'json', '--from', 'tomorrow', '--to', 'sunday']);
    expect(spans(sunday.out)).toEqual(DEV_DECEMBER.slice(0, 1));
    const at = await run(['who', '--config', EXAMPLE, '--rotation', 'dev', '--at', '2026-12-24 09:00', '--json']);
    expect(JSON.parse(at.out)[0]).toMatchObject({ members: ['heidi@contoso.com'], since: '2026-12-21T09:00:00+01:00' });
    const monday = await run(['who', '--config', EXAMPLE, '--rotation', 'dev', '--at', 'next monday 10:00', '--json']);
    expect(JSON.parse(monday.out)[0]).toMatchObject({ members: ['frank@contoso.com'], since: '2026-12-07T09:00:00+01:00' });
  });

  it('a date alone as --to covers that whole day, as in chat and in the file; a time is exclusive', async () => {
    const day = await run(['schedule', '--config', EXAMPLE, '--rotation', 'dev', '--format', 'json', '--from', '2026-12-07', '--to', '2026-12-07']);
    expect(spans(day.out)).toEqual(DEV_DECEMBER.slice(0, 2));
    const morning = await run(['schedule', '--config', EXAMPLE, '--rotation', 'dev', '--format', 'json', '--from', '2026-12-07', '--to', '2026-12-07 09:00']);
    expect(spans(morning.out)).toEqual(DEV_DECEMBER.slice(0, 1));
  });

  it('stats defaults to the same window', async () => {
    const dflt = await run(['stats', '--config', EXAMPLE, '--json']);
    const explicit = await run(['stats', '--config', EXAMPLE, '--json', '--from', '2026-12-01', '--to', '2026-12-28']);
    expect(dflt.code).toBe(0);
    expect(dflt.out).toBe(explicit.out);
    const other = await run(['stats', '--config', EXAMPLE, '--json', '--from', '2026-12-01', '--to', '2026-12-22']);
    expect(dflt.out).not.toBe(other.out);
  });

  it.each(['schedule', 'stats'])('%s --help shows the defaults', async (command) => {
    const { code, out } = await run([command, '--help']);
    expect(code).toBe(0);
    expect(out.replace(/\s+/g, ' ')).toContain('(default: "today")');
    expect(out.replace(/\s+/g, ' ')).toContain('(default: 4 weeks after --from)');
  });

  it('table times carry their year and zone', async () => {
    const { out } = await run(['who', '--config', EXAMPLE, '--rotation', 'dev']);
    expect(out).toContain('heidi@contoso.com  Mon 30 Nov 2026 09:00 CET  Mon 7 Dec 2026 09:00 CET  frank@contoso.com from Mon 7 Dec 2026 09:00 CET');
    const summer = await run(['schedule', '--config', EXAMPLE, '--rotation', 'dev', '--from', '2026-07-01', '--to', '2026-07-02']);
    expect(summer.out).toContain('Mon 29 Jun 2026 09:00 CEST  Mon 6 Jul 2026 09:00 CEST');
  });
});

describe('rota --version and failures that name what failed', () => {
  it('prints package.json\'s version', async () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  });

  it.each<[string, () => string, string]>([
    ['missing', () => path.join(tempDir(), 'nope.yaml'), 'file not found'],
    ['a folder', () => tempDir(), 'is a folder, not a rotation file'],
    ['binary', () => tempFile('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])), 'not a text file: a rotation file is YAML'],
    ['not YAML', () => tempFile('rota.yaml', 'rotations: [\n  - id: a\n'), 'YAML: '],
    ['YAML but no rotation file', () => tempFile('notes.yaml', 'just some notes\n'), 'expected a rotation file: a mapping with `rotations`'],
  ])('a file that is %s is named, with what is wrong', async (_name, make, problem) => {
    const file = make();
    for (const args of [['validate', file], ['apply', file, '--dry-run'], ['who', '--config', file]]) {
      const { code, err } = await run(args);
      expect(code).toBe(1);
      expect(err).toMatch(new RegExp(`^rota: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ problems?:\n  - `));
      expect(err).toContain(problem);
      expect(err).not.toContain('unexpected error');
    }
  });

  it.each<[string, () => string, string]>([
    ['a closed PostgreSQL port', () => 'postgres://rota:secret@127.0.0.1:1/rota', 'cannot use the database postgres://rota:***@127.0.0.1:1/rota (DATABASE_URL): connection refused'],
    ['an unknown host', () => 'postgres://rota@no-such-host.invalid:5432/rota', 'cannot use the database postgres://rota@no-such-host.invalid:5432/rota (DATABASE_URL): unknown host'],
    ['an SQLite path that is a folder', () => { const d = tempDir(); fs.mkdirSync(path.join(d, 'db.sqlite')); return `sqlite:${d}/db.sqlite`; }, 'the SQLite file cannot be opened'],
    ['an SQLite path under a file', () => `sqlite:${tempFile('plain.txt', 'x')}/db.sqlite`, 'a part of the path is a file, not a folder'],
    ['a file that is no SQLite database', () => `sqlite:${tempFile('notes.sqlite', 'these are notes, not a database\n'.repeat(10))}`, 'the file is not an SQLite database'],
  ])('a database at %s is named, with why it cannot be used', async (_name, url, message) => {
    const databaseUrl = url();
    vi.stubEnv('DATABASE_URL', databaseUrl);
    for (const args of [['export'], ['who'], ['apply', EXAMPLE, '--dry-run']]) {
      const { code, out, err } = await run(args);
      expect([code, out]).toEqual([1, '']);
      expect(err).toContain(message.replace('$PATH', databaseUrl));
      if (databaseUrl.startsWith('sqlite:')) expect(err).toContain(`cannot use the database ${databaseUrl} (DATABASE_URL): `);
      expect(err).not.toContain('unexpected error');
    }
  });
});

const COVER_BY_A_GUEST = `overrides:
  - { rotation: ops, from: "2026-12-08T12:00", to: "2026-12-09T12:00", member: guest@fabrikam.com, replaces: alice@contoso.com }
`;
const withGuest = () => fs.readFileSync(EXAMPLE, 'utf8').replace(/^overrides:\n/m, COVER_BY_A_GUEST);

describe('warnings: allowed, printed, exit 0', () => {
  it('validate prints a cover by someone in no rotation as a warning, and passes', async () => {
    const file = tempFile('guest.yaml', withGuest());
    const { code, out } = await run(['validate', file]);
    expect(code).toBe(0);
    expect(out.split('\n').filter(Boolean)).toEqual([
      `WARNING ${file}: overrides[0].member: "guest@fabrikam.com" is in no rotation; the cover stands (check the address)`,
      `${file}: valid (4 rotations, 1 warning)`,
    ]);
  });
});

describe.each(ENGINES)('rota apply / export in words on %s', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    vi.stubEnv('DATABASE_URL', t.url);
  });
  afterEach(() => t.destroy());

  it('apply --dry-run says what would change, field by field, and counts overrides and time off', async () => {
    await run(['apply', EXAMPLE]);
    const edited = tempFile(
      'edited.yaml',
      withGuest()
        .replace('members: [alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com]', 'members: [alice@contoso.com, carol@contoso.com, dave@contoso.com, erin@contoso.com]')
        .replace('start: 2026-01-05                 # a Monday, like the handoff', 'start: 2026-01-06')
        .replace('handoff: "Mon 12:00" ', 'handoff: "Tue 09:00" ')
        .replace(/^timeOff:\n.*\n/m, ''),
    );
    const dry = await run(['apply', edited, '--dry-run']);
    expect(dry.code).toBe(0);
    const changes = [
      `WARNING ${edited}: overrides[0].member: "guest@fabrikam.com" is in no rotation; the cover stands (check the address)`,
      // The next handoff after Tue 1 Dec under the old rule (Mondays 12:00) is Mon 7 Dec.
      'ops: handoff Mon 12:00 → Tue 09:00; members + erin@contoso.com, − bob@contoso.com; start 2026-01-05 → 2026-01-06 from Mon 7 Dec 2026 12:00 CET',
      'overrides: 1 added',
      '  + ops: guest@fabrikam.com for alice@contoso.com, Tue 8 Dec 2026 12:00 CET → Wed 9 Dec 2026 12:00 CET',
      'time off: 1 removed',
      '  − bob@contoso.com, Mon 9 Mar 2026 00:00 CET → Sat 14 Mar 2026 00:00 CET',
    ];
    // By hand. Old (Mon 12:00, a b c d from 5 Jan 2026; bob's March time off was entered after that week began, so
    // it never moved the queue): a 7 Dec, b 14 Dec, c 21 Dec, d 28 Dec, a 4 Jan … d 22 Feb – 1 Mar. New from Mon
    // 7 Dec 12:00 (a c d e, Tue 09:00): a until Tue 8 Dec 09:00, then c 8 Dec, d 15 Dec, e 22 Dec, a 29 Dec … a 23 Feb
    // – 2 Mar. The guest's cover replaces alice when she is no longer on duty, so it moves nothing. Shifts on the
    // horizon's edge (dave's 22 Feb, alice's 23 Feb) show whole.
    const moves = [
      'shifts that would move in the next 12 weeks (to Tue 23 Feb 2027 10:40 CET, ROTA_SYNC_HORIZON_WEEKS), per person:',
      '  alice@contoso.com:',
      '    Op of the Week: Mon 7 Dec 12:00 GMT+1 – Mon 14 Dec 12:00 GMT+1 → Mon 7 Dec 12:00 GMT+1 – Tue 8 Dec 09:00 GMT+1',
      '    Op of the Week: Mon 4 Jan 2027 12:00 GMT+1 – Mon 11 Jan 2027 12:00 GMT+1 → Tue 29 Dec 09:00 GMT+1 – Tue 5 Jan 2027 09:00 GMT+1',
      '    Op of the Week: Mon 1 Feb 2027 12:00 GMT+1 – Mon 8 Feb 2027 12:00 GMT+1 → Tue 26 Jan 2027 09:00 GMT+1 – Tue 2 Feb 2027 09:00 GMT+1',
      '    Op of the Week: new: Tue 23 Feb 2027 09:00 GMT+1 – Tue 2 Mar 2027 09:00 GMT+1',
      '  bob@contoso.com:',
      '    Op of the Week: Mon 14 Dec 12:00 GMT+1 – Mon 21 Dec 12:00 GMT+1 → not yours any more',
      '    Op of the Week: Mon 11 Jan 2027 12:00 GMT+1 – Mon 18 Jan 2027 12:00 GMT+1 → not yours any more',
      '    Op of the Week: Mon 8 Feb 2027 12:00 GMT+1 – Mon 15 Feb 2027 12:00 GMT+1 → not yours any more',
      '  carol@contoso.com:',
      '    Op of the Week: Mon 21 Dec 12:00 GMT+1 – Mon 28 Dec 12:00 GMT+1 → Tue 8 Dec 09:00 GMT+1 – Tue 15 Dec 09:00 GMT+1',
      '    Op of the Week: Mon 18 Jan 2027 12:00 GMT+1 – Mon 25 Jan 2027 12:00 GMT+1 → Tue 5 Jan 2027 09:00 GMT+1 – Tue 12 Jan 2027 09:00 GMT+1',
      '    Op of the Week: Mon 15 Feb 2027 12:00 GMT+1 – Mon 22 Feb 2027 12:00 GMT+1 → Tue 2 Feb 2027 09:00 GMT+1 – Tue 9 Feb 2027 09:00 GMT+1',
      '  dave@contoso.com:',
      '    Op of the Week: Mon 28 Dec 12:00 GMT+1 – Mon 4 Jan 2027 12:00 GMT+1 → Tue 15 Dec 09:00 GMT+1 – Tue 22 Dec 09:00 GMT+1',
      '    Op of the Week: Mon 25 Jan 2027 12:00 GMT+1 – Mon 1 Feb 2027 12:00 GMT+1 → Tue 12 Jan 2027 09:00 GMT+1 – Tue 19 Jan 2027 09:00 GMT+1',
      '    Op of the Week: Mon 22 Feb 2027 12:00 GMT+1 – Mon 1 Mar 2027 12:00 GMT+1 → Tue 9 Feb 2027 09:00 GMT+1 – Tue 16 Feb 2027 09:00 GMT+1',
      '  erin@contoso.com:',
      '    Op of the Week: new: Tue 22 Dec 09:00 GMT+1 – Tue 29 Dec 09:00 GMT+1',
      '    Op of the Week: new: Tue 19 Jan 2027 09:00 GMT+1 – Tue 26 Jan 2027 09:00 GMT+1',
      '    Op of the Week: new: Tue 16 Feb 2027 09:00 GMT+1 – Tue 23 Feb 2027 09:00 GMT+1',
    ];
    expect(dry.out).toBe([...changes, ...moves, '3 changes would be made (dry run: nothing was written)', ''].join('\n'));
    const applied = await run(['apply', edited]);
    expect(applied.out).toBe([...changes, '3 changes made', ''].join('\n'));
  });

  it('export -o says what it wrote, and the file it wrote applies as nothing to change', async () => {
    await run(['apply', tempFile('guest.yaml', withGuest())]);
    const target = path.join(tempDir(), 'rota.yaml');
    const { code, out } = await run(['export', '-o', target]);
    expect([code, out]).toEqual([0, `wrote 4 rotations, 2 overrides, 1 time off to ${target}\n`]);
    const again = await run(['apply', target]);
    expect(again.out).toBe(`WARNING ${target}: overrides[1].member: "guest@fabrikam.com" is in no rotation; the cover stands (check the address)\nnothing to change\n`);
  });

  it('export -o into a folder that does not exist names the option and the file', async () => {
    await run(['apply', EXAMPLE]);
    const target = path.join(tempDir(), 'missing', 'rota.yaml');
    const { code, err } = await run(['export', '-o', target]);
    expect([code, err]).toEqual([1, `rota: --output: cannot write ${target} (ENOENT)\n`]);
  });
});

describe('unreachable: the words for a database that never answers', () => {
  it('a knex pool timeout is a host that does not answer, not a full pool', () => {
    const timeout = Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?'), { name: 'KnexTimeoutError' });
    expect(unreachable({ client: 'pg', connectionString: 'postgres://rota:pw@10.255.255.1:5432/rota' }, timeout).message).toBe(
      'cannot use the database postgres://rota:***@10.255.255.1:5432/rota (DATABASE_URL): no answer within 60 s (is the host right, and does a firewall let the port through?)',
    );
  });
});
