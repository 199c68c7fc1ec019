import { describe, expect, it } from 'vitest';
import { computeSchedule } from '../../rotation/computeSchedule.js';
import { rolloutFrom } from '../../rotation/rollout.js';
import { RotationQueue } from '../../rotation/rotationQueue.js';
import type { RotationDef, ScheduleInput } from '../../rotation/schedule.js';
import { rotation, utc } from './helpers.js';

// ops: weekly, Mon 12:00 UTC from Mon 5 Jan 2026, a b c d: a 5 Jan, b 12 Jan (on duty at the edit, Wed 14 Jan 09:00),
// c 19 Jan, d 26 Jan; the first round ends on Mon 2 Feb 12:00. Every expected list is worked out by hand.
const OPS = rotation({ id: 'ops' });
const NOW = utc('2026-01-14T09:00');
const m = (names: string) => names.split(' ').map((n) => `${n}@x.com`);
const input = (from: number, next: Partial<RotationDef>, base: RotationDef = OPS): ScheduleInput => ({
  timezone: 'UTC',
  rotations: [{ id: 'ops', versions: [{ from: -Infinity, rotation: base }, { from, rotation: { ...base, ...next } }] }],
  overrides: [],
  timeOff: [],
});
const shifts = (s: ScheduleInput, until: string) =>
  computeSchedule(s, utc(until))
    .rotations.get('ops')!
    .shifts.filter((x) => x.start < utc(until))
    .map((x) => `${new Date(x.start).toISOString().slice(5, 10)} ${x.members.map((n) => n[0]).join('+')}`);
const base: ScheduleInput = input(Infinity, {});

describe('a reorder of members rolls out: the queue follows the new order, after whoever was last on duty', () => {
  it('next-handoff, d c b a: from Mon 19 Jan the member after b in the new order (a), then d, c, b, a', () => {
    const from = rolloutFrom(base, 'ops', 'next-handoff', NOW);
    expect(from).toBe(utc('2026-01-19T12:00'));
    expect(shifts(input(from, { members: m('d c b a') }), '2026-02-17T00:00')).toEqual(['01-05 a', '01-12 b', '01-19 a', '01-26 d', '02-02 c', '02-09 b', '02-16 a']);
  });

  it('next-cycle, d c b a: from Mon 2 Feb (the round a b c d is over), after d: c, b, a, d', () => {
    const from = rolloutFrom(base, 'ops', 'next-cycle', NOW);
    expect(from).toBe(utc('2026-02-02T12:00'));
    expect(shifts(input(from, { members: m('d c b a') }), '2026-02-24T00:00')).toEqual(['01-05 a', '01-12 b', '01-19 c', '01-26 d', '02-02 c', '02-09 b', '02-16 a', '02-23 d']);
  });

  it('now, d c b a: b keeps the rest of his week, then a, d, c, b', () => {
    expect(shifts(input(NOW, { members: m('d c b a') }), '2026-02-10T00:00')).toEqual(['01-05 a', '01-12 b', '01-14 b', '01-19 a', '01-26 d', '02-02 c', '02-09 b']);
  });

  it('a reorder with erin added (d c e b a): the new order after b, e in her place: a, d, c, e, b', () => {
    expect(shifts(input(utc('2026-01-19T12:00'), { members: m('d c e b a') }), '2026-02-17T00:00')).toEqual(['01-05 a', '01-12 b', '01-19 a', '01-26 d', '02-02 c', '02-09 e', '02-16 b']);
  });

  it('onDuty 2 ({a,b} then {c,d}), reorder d c b a: after c, the later of c and d in the new order: {b,a}, {d,c}', () => {
    const two = rotation({ id: 'ops', onDuty: 2 });
    expect(shifts(input(utc('2026-01-19T12:00'), { members: m('d c b a') }, two), '2026-02-03T00:00')).toEqual(['01-05 a+b', '01-12 c+d', '01-19 b+a', '01-26 d+c', '02-02 b+a']);
  });

  it('adding alone (e in front) is no reorder: the running queue goes on, c d a, then e', () => {
    expect(shifts(input(utc('2026-01-19T12:00'), { members: m('e a b c d') }), '2026-02-17T00:00')).toEqual(['01-05 a', '01-12 b', '01-19 c', '01-26 d', '02-02 a', '02-09 b', '02-16 e']);
  });

  it('removing alone (b) is no reorder: c d a c', () => {
    expect(shifts(input(utc('2026-01-19T12:00'), { members: m('a c d') }), '2026-02-10T00:00')).toEqual(['01-05 a', '01-12 b', '01-19 c', '01-26 d', '02-02 a', '02-09 c']);
  });
});

describe('RotationQueue.isReorder: only the members in both rosters count', () => {
  it.each([
    ['a b c d', 'd c b a', true],
    ['a b c d', 'a b c d e', false],
    ['a b c d', 'e a b c d', false],
    ['a b c d', 'a c d', false],
    ['a b c d', 'b a c d', true],
    ['a b c d', 'e c d', false],
    ['a b c d', 'c e a', true],
  ])('%s → %s: %s', (before, after, expected) => {
    expect(RotationQueue.isReorder(m(before), m(after))).toBe(expected);
  });
});
