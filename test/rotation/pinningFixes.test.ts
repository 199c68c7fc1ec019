import { DateTime } from 'luxon';
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSchedule } from '../../rotation/computeSchedule.js';
import { fairness, parseRotationFile, scheduleFromFile, type RotationDef, type ScheduleInput } from '../../rotation/index.js';
import { WEEKDAYS } from '../../rotation/weekday.js';
import { HOUR, history, rotation, schedule, utc } from './helpers.js';

/** The example's mro on its own (its `avoid` rule needs the night rotation, which is left out), with the fix given. */
function exampleMro(fix: Partial<Pick<RotationDef, 'order' | 'balance'>>): ScheduleInput {
  const file = parseRotationFile(fs.readFileSync('rota.example.yaml', 'utf8'));
  if (!file.ok) throw new Error(JSON.stringify(file.error));
  const mro = file.value.rotations.find((r) => r.id === 'mro');
  if (!mro) throw new Error('the example has no mro');
  // The example ships with `order: rotate-weekly`; each case here names its own fix (none: the plain queue).
  const { avoid: _avoid, order: _order, balance: _balance, ...rest } = mro;
  return scheduleFromFile({ ...file.value, rotations: [{ ...rest, ...fix }], overrides: [], timeOff: [] });
}

function hoursByName(s: ScheduleInput, from: number, to: number): Record<string, number> {
  const [mro] = fairness(s, from, to);
  return Object.fromEntries((mro?.members ?? []).map((m) => [m.member.split('@')[0], m.onDutyHours]));
}

describe('the example’s mro over a quarter (Mon 5 Jan – Mon 6 Apr 2026 09:00 Berlin, 13 weeks)', () => {
  // Hand-computed: 13 weeks of four 24 h weekday shifts and a 72 h Friday-to-Monday one, except
  // Fri 27 Mar (week 11) → Mon 30 Mar, 71 h (Berlin springs forward on 29 Mar); 2183 h in all.
  const from = utc('2026-01-05T08:00');
  const to = utc('2026-04-06T07:00');

  it('plain queue: heidi holds every Friday', () => {
    expect(hoursByName(exampleMro({}), from, to)).toEqual({ alice: 312, bob: 312, frank: 312, grace: 312, heidi: 12 * 72 + 71 });
  });

  it('order: rotate-weekly: the queue moves on by one each week, so Friday passes heidi, alice, bob, frank, grace, heidi …', () => {
    // Fridays: heidi weeks 0, 5, 10; alice 1, 6, 11 (the 71 h one); bob 2, 7, 12; frank 3, 8; grace 4, 9. 13 shifts each.
    expect(hoursByName(exampleMro({ order: 'rotate-weekly' }), from, to)).toEqual({
      alice: 10 * 24 + 2 * 72 + 71,
      bob: 10 * 24 + 3 * 72,
      frank: 11 * 24 + 2 * 72,
      grace: 11 * 24 + 2 * 72,
      heidi: 10 * 24 + 3 * 72,
    });
  });

  it('balance: hours: each shift goes to the fewest hours so far, ties by queue order', () => {
    // From an independent replay of the rule (a 20-line model outside this code base), checked by hand for weeks 0–2:
    // Mon–Thu alice, bob, frank, grace, Fri heidi; then alice twice (Mon and Fri), bob, frank, grace; ...
    expect(hoursByName(exampleMro({ balance: 'hours' }), from, to)).toEqual({ alice: 455, bob: 408, frank: 480, grace: 408, heidi: 432 });
  });
});

describe('balance: hours across a roster change', () => {
  it('a member who joins starts level with the least loaded one and does not make up for the past', () => {
    const v0 = rotation({ id: 'd', every: '1d', handoff: '09:00', members: ['a@x.com', 'b@x.com'], balance: 'hours' });
    const v1 = { ...v0, members: ['a@x.com', 'b@x.com', 'c@x.com'] };
    const s: ScheduleInput = { ...schedule([]), rotations: [{ id: 'd', versions: [{ from: -Infinity, rotation: v0 }, { from: utc('2026-01-15T09:00'), rotation: v1 }] }] };
    const shifts = computeSchedule(s, utc('2026-01-21')).rotations.get('d')?.shifts ?? [];
    const who = shifts.filter((x) => x.start >= utc('2026-01-13T09:00') && x.start < utc('2026-01-21T09:00')).map((x) => x.members[0]?.[0]);
    // 13th a, 14th b (both at 120 h after ten days' alternating); c joins at 120 h behind them in the queue.
    expect(who.join('')).toBe('ababcabc');
  });
});

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** How many times the zone's UTC offset changes in [from, to), looked at day by day (luxon, not Rota's ZoneClock). */
function offsetChanges(zone: string, from: number, to: number): number {
  let changes = 0;
  let last = DateTime.fromMillis(from, { zone }).offset;
  for (let t = from + 24 * HOUR; t < to + 24 * HOUR; t += 24 * HOUR) {
    const offset = DateTime.fromMillis(Math.min(t, to), { zone }).offset;
    if (offset !== last) changes++;
    last = offset;
  }
  return changes;
}

describe('both fixes share out the hours (property)', () => {
  const input = fc.record({
    n: fc.integer({ min: 2, max: 8 }),
    onDutyWish: fc.integer({ min: 1, max: 3 }),
    every: fc.constantFrom('1d', '2d', '3d'),
    days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
    start: fc.integer({ min: 0, max: 6 }),
    zone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
    fix: fc.constantFrom<Partial<RotationDef>>({ order: 'rotate-weekly' }, { balance: 'hours' }, { order: 'rotate-weekly', balance: 'hours' }),
  });

  it('over 12 cycles the on-duty hours per member differ by at most one (longest) shift', () => {
    fc.assert(
      fc.property(input, ({ n, onDutyWish, every, days, start, zone, fix }) => {
        const onDuty = Math.min(onDutyWish, n - 1);
        const step = Number(every[0]);
        const members = Array.from({ length: n }, (_, i) => `m${i}@x.com`);
        const startDate = new Date(Date.UTC(2026, 0, 5 + start)).toISOString().slice(0, 10);
        const def = rotation({ id: 'r', timezone: zone, start: startDate, every, handoff: '09:00', days, onDuty, members, ...fix });
        // Independently of the code: handoffs per weekday period (lcm(step, 7) days), and the cycle in shifts.
        const period = (step * 7) / gcd(step, 7);
        let perPeriod = 0;
        for (let d = 0; d < period; d += step) if (days.includes(WEEKDAYS[(start + d) % 7]!)) perPeriod++;
        const queuePeriod = n / gcd(n, onDuty);
        const cycle = (perPeriod * queuePeriod) / gcd(perPeriod, queuePeriod);
        const until = utc(`${startDate}T00:00`) + 12 * cycle * 8 * step * 24 * HOUR;
        const shifts = (computeSchedule(schedule([def], { timezone: zone }), until).rotations.get('r')?.shifts ?? []).slice(0, 12 * cycle);
        expect(shifts).toHaveLength(12 * cycle);
        const hours = new Map(members.map((m) => [m, 0]));
        let longest = 0;
        for (const s of shifts) {
          longest = Math.max(longest, s.end - s.start);
          for (const m of s.members) hours.set(m, (hours.get(m) ?? 0) + (s.end - s.start));
        }
        const values = [...hours.values()];
        // A shift across a DST change is an hour longer or shorter, and the queue counts turns, not hours: each change
        // in the window may tip the difference by that hour (seed 1885266614: 2d shifts in Berlin, 97 h vs 96 h).
        const drift = offsetChanges(zone, shifts[0]!.start, shifts.at(-1)!.end) * HOUR;
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(longest + drift);
      }),
      { numRuns: 150 },
    );
  });

  it('shifts do not depend on how far the replay reaches', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 20, max: 200 }), ({ n, every, days, fix }, extraDays) => {
        const def = rotation({ id: 'r', every, handoff: '09:00', days, members: Array.from({ length: n }, (_, i) => `m${i}@x.com`), ...fix });
        const near = utc('2026-02-01') + extraDays * 24 * HOUR;
        const short = computeSchedule({ ...schedule([]), rotations: [history(def)] }, near).rotations.get('r')?.shifts ?? [];
        const long = computeSchedule({ ...schedule([]), rotations: [history(def)] }, near + 400 * 24 * HOUR).rotations.get('r')?.shifts ?? [];
        const key = (s: { start: number; members: string[] }) => `${s.start} ${s.members.join()}`;
        expect(long.slice(0, short.length).map(key)).toEqual(short.map(key));
      }),
      { numRuns: 40 },
    );
  });
});

describe('the two fields in the file', () => {
  it.each([
    ['order: sideways', 'rotations[0].order: expected "queue" or "rotate-weekly"'],
    ['balance: fair', 'rotations[0].balance: expected "turns" or "hours"'],
  ])('%s is refused', (field, message) => {
    const r = parseRotationFile(`rotations:\n  - { id: r, start: 2026-01-05, every: 1d, handoff: "09:00", members: [a@x.com], ${field} }\n`);
    expect(r.ok ? [] : r.error.map((e) => `${e.path}: ${e.message}`)).toEqual([message]);
  });

  it('accepts queue and turns, the defaults, spelt out', () => {
    expect(parseRotationFile(`rotations:\n  - { id: r, start: 2026-01-05, every: 1d, handoff: "09:00", members: [a@x.com], order: queue, balance: turns }\n`).ok).toBe(true);
  });
});

describe('the fixes with time off and holidays', () => {
  const daily = (fields: Partial<RotationDef>) => rotation({ id: 'd', every: '1d', handoff: '09:00', members: ['a@x.com', 'b@x.com', 'c@x.com'], ...fields });
  const firstLetters = (s: ScheduleInput, until: string) =>
    (computeSchedule(s, utc(until)).rotations.get('d')?.shifts ?? []).filter((x) => x.start < utc(until)).map((x) => x.members[0]?.[0]).join('');

  it('balance: hours skips a member on time off, who then takes shifts until level again', () => {
    // b is away for the shifts of 6, 7 and 8 Jan: a c a c, then b at 0 h takes 9 and 10 Jan, then queue order.
    const s = schedule([daily({ balance: 'hours' })], { timeOff: [{ member: 'b@x.com', from: utc('2026-01-06T09:00'), to: utc('2026-01-09T09:00') }] });
    expect(firstLetters(s, '2026-01-12T00:00')).toBe('acacbba');
  });

  it('order: rotate-weekly counts cycles on the calendar: a holiday drops a shift, not the Monday boundary', () => {
    // Mon–Fri, five members, Wed 7 Jan a holiday: week 1 is a b(Tue→Thu) c d, the queue is then e a b c d and
    // moves on one at Mon 12 Jan: a b c d e.
    const def = daily({ days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], holidays: ['2026-01-07'], members: ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', 'e@x.com'], order: 'rotate-weekly' });
    expect(firstLetters(schedule([def]), '2026-01-17T00:00')).toBe('abcdabcde');
  });
});
