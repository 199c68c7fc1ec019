import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCapturing } from '../helpers/runCli.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const EXAMPLE = 'rota.example.yaml';
const dirs: string[] = [];

const run = (args: string[], now = Date.UTC(2026, 2, 3, 9, 0)) => runCapturing(args, now);

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-cli-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

afterEach(() => {
  vi.unstubAllEnvs();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

type JsonSegment = { rotation: string; start: string; end: string; members: string[]; source: string; conflict: boolean };

describe('rota schedule / who / stats --config', () => {
  it('prints every overlapping segment as JSON with the zone offset, sorted by rotation then start', async () => {
    const { code, out } = await run(['schedule', '--config', EXAMPLE, '--from', '2026-03-02', '--to', '2026-03-15', '--format', 'json']);
    expect(code).toBe(0);
    const segments = JSON.parse(out) as JsonSegment[];
    for (const s of segments) {
      expect(Object.keys(s)).toEqual(['rotation', 'start', 'end', 'members', 'source', 'conflict']);
      expect(s.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    }
    const keys = segments.map((s) => `${s.rotation} ${Date.parse(s.start)}`);
    const sorted = [...segments].sort((a, b) => a.rotation.localeCompare(b.rotation) || Date.parse(a.start) - Date.parse(b.start));
    expect(keys).toEqual(sorted.map((s) => `${s.rotation} ${Date.parse(s.start)}`));
    const ops = segments.filter((s) => s.rotation === 'ops');
    // The shift from 23 Feb overlaps the window's start; the override cuts Alice's week at 4 Mar 12:00.
    expect(ops.map((s) => [s.start, s.end, s.members.join(), s.source])).toEqual([
      ['2026-02-23T12:00:00+01:00', '2026-03-02T12:00:00+01:00', 'dave@contoso.com', 'rotation'],
      ['2026-03-02T12:00:00+01:00', '2026-03-04T12:00:00+01:00', 'carol@contoso.com', 'override'],
      ['2026-03-04T12:00:00+01:00', '2026-03-09T12:00:00+01:00', 'alice@contoso.com', 'rotation'],
      // Bob is off 9–13 March: Carol takes his turn and Bob keeps his place at the front of the queue.
      ['2026-03-09T12:00:00+01:00', '2026-03-16T12:00:00+01:00', 'carol@contoso.com', 'rotation'],
    ]);
    for (let i = 1; i < ops.length; i++) expect(ops[i]!.start).toBe(ops[i - 1]!.end);
  });

  it('prints a subscribable iCalendar file with one event per segment and stable UIDs', async () => {
    const args = ['schedule', '--config', EXAMPLE, '--rotation', 'ops', '--from', '2026-03-02', '--to', '2026-03-15', '--format', 'ics'];
    const first = await run(args);
    const again = await run(args, Date.UTC(2026, 5, 1));
    expect(first.out.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(first.out.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(first.out.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(first.out.match(/BEGIN:VEVENT/g)).toHaveLength(4);
    const uids = (s: string) => s.match(/^UID:.*$/gm);
    expect(uids(first.out)).toEqual(uids(again.out));
    expect(new Set(uids(first.out)).size).toBe(4);
  });

  it('answers who is on duty at a given time, and who is next', async () => {
    const { code, out } = await run(['who', '--config', EXAMPLE, '--rotation', 'ops', '--at', '2026-03-05T08:00', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([
      {
        rotation: 'ops',
        name: 'Op of the Week',
        members: ['alice@contoso.com'],
        since: '2026-03-04T12:00:00+01:00',
        until: '2026-03-09T12:00:00+01:00',
        next: { members: ['carol@contoso.com'], start: '2026-03-09T12:00:00+01:00' },
        escalation: 'dev',
      },
    ]);
  });

  it('reports fairness per member', async () => {
    const { code, out } = await run(['stats', '--config', EXAMPLE, '--from', '2026-01-05', '--to', '2026-03-29', '--json']);
    expect(code).toBe(0);
    const stats = JSON.parse(out) as Array<{ rotation: string; onDutyRatio: number; members: Array<{ member: string; shifts: number; capacityShare: number }> }>;
    const dev = stats.find((s) => s.rotation === 'dev')!;
    expect(dev.members.map((m) => m.shifts)).toEqual([4, 4, 4]);
    expect(dev.onDutyRatio).toBeCloseTo(1 / 3, 2);
    expect(dev.members.map((m) => m.capacityShare.toFixed(3))).toEqual(['0.333', '0.333', '0.333']);
  });

  it('prints shares that add up to 100 % per rotation, says what they mean, and warns about pinned weekdays', async () => {
    const { code, out } = await run(['stats', '--config', EXAMPLE, '--from', '2026-12-01', '--to', '2027-03-01']);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    const legendAt = lines.findIndex((l) => l.startsWith('share: '));
    const rows = lines.slice(2, legendAt).map((l) => l.split(/\s{2,}/));
    for (const rotation of ['dev', 'mro', 'night', 'ops']) {
      const mine = rows.filter((r) => r[0] === rotation);
      expect(mine.length).toBeGreaterThan(0);
      for (const column of [6, 7]) expect(mine.reduce((sum, r) => sum + Math.round(parseFloat(r[column]!) * 10), 0)).toBe(1000);
    }
    // Night is on duty 12 h of 24: its shares are of the on-duty hours, not of the window (they used to add up to 50 %).
    // Each share is the member's hours over the rotation's on-duty hours (night's 268 + 276 + 272 + 276 = 1092 h, not the
    // window's 2184 h), rounded so the column adds up to exactly 100 %.
    const night = rows.filter((r) => r[0] === 'night').map((r) => [r[3], r[6]]);
    expect(night).toEqual([
      ['268.0', '24.5%'],
      ['276.0', '25.3%'],
      ['272.0', '24.9%'],
      ['276.0', '25.3%'],
    ]);
    expect(lines[legendAt]).toMatch(/^share: part of the rotation's on-duty hours; share of capacity: part of its members' available hours/);
    // After the legend, who was on duty in two rotations at once; dev (the escalation) is exclusive: false, so never named.
    const doubled = lines.slice(legendAt + 1);
    expect(doubled.length).toBeGreaterThan(0);
    for (const l of doubled) expect(l).toMatch(/^double booked: \S+@contoso\.com \d+\.\d h on duty in both (mro|night|ops) and (mro|night|ops)$/);
    // Dave's nights during his ops weeks (30 Nov, 28 Dec, 25 Jan, 22 Feb): 92 h, from a separate 20-line model of the two
    // queues (skip-and-keep-place for Bob's March time off), not from Rota's code.
    expect(doubled).toContain('double booked: dave@contoso.com 92.0 h on duty in both night and ops');
    // The example's mro has `order: rotate-weekly`; without it, stats warns that the weekdays are pinned.
    const plain = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rota-pinned-')), 'rota.yaml');
    fs.writeFileSync(plain, fs.readFileSync(EXAMPLE, 'utf8').replace(/^\s*order: rotate-weekly\n/m, ''));
    const pinned = await run(['stats', '--config', plain, '--from', '2026-12-01', '--to', '2027-03-01']);
    expect(pinned.out.trimEnd().split('\n').find((l) => l.startsWith('warning: '))).toMatch(/^warning: rotation mro \(MRO \/ Interrupt\): 5 members take 5 handoffs a week.*order: rotate-weekly.*balance: hours/);
  });

  it.each([
    [['schedule', '--config', EXAMPLE, '--from', '2026-03-02', '--to', '2026-03-15', '--format', 'xml'], '--format: expected table, json or ics'],
    [['schedule', '--config', EXAMPLE, '--from', '2026-03-16', '--to', '2026-03-02'], '--to: must be after --from'],
    [['schedule', '--config', EXAMPLE, '--from', 'nxt tuesday', '--to', '2026-03-02'], '--from: expected a date such as 2026-12-07, a date-time such as "2026-12-07 12:00"'],
    [['who', '--config', EXAMPLE, '--at', '2026-02-30T10:00'], '--at: expected a date such as 2026-12-07'],
    [['who', '--config', EXAMPLE, '--rotation', 'nope'], '--rotation: no rotation "nope"; known: ops, mro, dev, night'],
    [['schedule', '--config', EXAMPLE, '--to', '2026-03-02'], '--to: must be after --from (2026-03-02 is not after today)'],
  ])('%j is refused with a specific message', async (args, message) => {
    const { code, err } = await run(args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});

describe.each(ENGINES)('rota apply / export on %s', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    vi.stubEnv('DATABASE_URL', t.url);
  });
  afterEach(() => t.destroy());

  it('dry-run changes nothing; apply is all or nothing and idempotent', async () => {
    const dry = await run(['apply', EXAMPLE, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('ops: new rotation\n');
    expect(dry.out).toMatch(/^7 changes would be made \(dry run: nothing was written\)$/m);
    expect(await t.db('rotations').pluck('id')).toEqual([]);

    const real = await run(['apply', EXAMPLE]);
    expect(real.out.replace('7 changes made', '7 changes would be made (dry run: nothing was written)')).toBe(dry.out);
    expect((await t.db('rotations').pluck('id')).sort()).toEqual(['dev', 'mro', 'night', 'ops']);
    expect((await run(['apply', EXAMPLE])).out).toBe('nothing to change\n');

    const broken = tempFile('broken.yaml', fs.readFileSync(EXAMPLE, 'utf8').replace('handoff: "Mon 12:00"', 'handoff: "Monday"'));
    const refused = await run(['apply', broken]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('rotations[0].handoff: expected "Mon 12:00" or "09:00"');
  });

  it('export writes a file that apply accepts and that yields the same schedule', async () => {
    await run(['apply', EXAMPLE]);
    const exported = await run(['export']);
    expect(exported.code).toBe(0);
    const file = tempFile('exported.yaml', exported.out);
    expect((await run(['validate', file])).code).toBe(0);
    expect((await run(['apply', file])).out).toBe('nothing to change\n');

    const window = ['--from', '2026-01-05', '--to', '2026-06-01', '--format', 'json'];
    const fromDb = await run(['schedule', ...window]);
    const fromExport = await run(['schedule', '--config', file, ...window]);
    const fromOriginal = await run(['schedule', '--config', EXAMPLE, ...window]);
    expect(fromDb.out).toBe(fromOriginal.out);
    expect(fromExport.out).toBe(fromOriginal.out);
  });

  it('a roster change never rewrites the shift in progress', async () => {
    const now = Date.UTC(2026, 2, 11, 10, 0); // Wednesday 11 March, 11:00 in Berlin
    await run(['apply', EXAMPLE], now);
    const window = ['--rotation', 'ops', '--from', '2026-03-02', '--to', '2026-04-13', '--format', 'json'];
    const before = JSON.parse((await run(['schedule', ...window], now)).out) as JsonSegment[];
    const edited = tempFile(
      'edited.yaml',
      fs.readFileSync(EXAMPLE, 'utf8').replace(
        'members: [alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com]',
        'members: [alice@contoso.com, carol@contoso.com, dave@contoso.com, erin@contoso.com]',
      ),
    );
    const applied = await run(['apply', edited], now);
    expect(applied.out).toBe('ops: members + erin@contoso.com, − bob@contoso.com from Mon 16 Mar 2026 12:00 CET\n1 change made\n');
    const after = JSON.parse((await run(['schedule', ...window], now)).out) as JsonSegment[];
    const started = (s: JsonSegment) => Date.parse(s.start) <= now;
    expect(after.filter(started)).toEqual(before.filter(started));
    const future = after.filter((s) => !started(s));
    expect(future.length).toBeGreaterThan(2);
    expect(future.some((s) => s.members.includes('bob@contoso.com'))).toBe(false);
    expect(future.some((s) => s.members.includes('erin@contoso.com'))).toBe(true);
    expect(future).not.toEqual(before.filter((s) => !started(s)));
  });
});
