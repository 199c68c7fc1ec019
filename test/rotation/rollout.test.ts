import { describe, expect, it } from 'vitest';
import { rolloutFrom, rolloutMode } from '../../rotation/rollout.js';
import type { ScheduleInput } from '../../rotation/schedule.js';
import { iso, rotation, schedule, utc } from './helpers.js';

// ops: weekly, Mon 12:00 UTC from Mon 5 Jan 2026, a b c d. Shifts by hand: a 5 Jan, b 12 Jan, c 19 Jan, d 26 Jan,
// a 2 Feb…; rounds [5 Jan, 2 Feb), [2 Feb, 2 Mar), …
const OPS = rotation({ id: 'ops' });
const ops = (extra: Partial<ScheduleInput> = {}) => schedule([OPS], extra);
const at = (input: ScheduleInput, mode: 'now' | 'next-handoff' | 'next-cycle', now: string) => iso(rolloutFrom(input, 'ops', mode, utc(now)));

describe('rolloutFrom, literal cases worked out by hand', () => {
  it.each([
    ['mid-week', '2026-01-14T09:00', '2026-01-14T09:00:00.000Z', '2026-01-19T12:00:00.000Z', '2026-02-02T12:00:00.000Z'],
    ['in the last shift of a round', '2026-01-27T00:00', '2026-01-27T00:00:00.000Z', '2026-02-02T12:00:00.000Z', '2026-02-02T12:00:00.000Z'],
    ['exactly at a round boundary (a new round begins)', '2026-02-02T12:00', '2026-02-02T12:00:00.000Z', '2026-02-09T12:00:00.000Z', '2026-03-02T12:00:00.000Z'],
    ['before the first shift', '2026-01-01T00:00', '2026-01-01T00:00:00.000Z', '2026-01-05T12:00:00.000Z', '2026-01-05T12:00:00.000Z'],
  ])('%s: now, next-handoff, next-cycle', (_what, now, atNow, nextHandoff, nextCycle) => {
    expect(at(ops(), 'now', now)).toBe(atNow);
    expect(at(ops(), 'next-handoff', now)).toBe(nextHandoff);
    expect(at(ops(), 'next-cycle', now)).toBe(nextCycle);
  });

  it('time off stretches a round: b away three weeks, so a has a second turn (b was the only one waiting) and the round ends after b\'s', () => {
    // a 5 Jan; b away → c 12 Jan; → d 19 Jan; b still away → a 26 Jan; b 2 Feb: everyone has had a turn by 9 Feb.
    const input = ops({ timeOff: [{ member: 'b@x.com', from: utc('2026-01-12T00:00'), to: utc('2026-02-02T00:00') }] });
    expect(at(input, 'next-cycle', '2026-01-14T09:00')).toBe('2026-02-09T12:00:00.000Z');
    expect(at(input, 'next-handoff', '2026-01-14T09:00')).toBe('2026-01-19T12:00:00.000Z');
  });

  it('onDuty 2 of three: {a,b} {c,a} is a round, then {b,c} {a,b}', () => {
    const input = schedule([rotation({ id: 'ops', onDuty: 2, members: ['a@x.com', 'b@x.com', 'c@x.com'] })]);
    expect(at(input, 'next-cycle', '2026-01-06T00:00')).toBe('2026-01-19T12:00:00.000Z');
    expect(at(input, 'next-cycle', '2026-01-20T00:00')).toBe('2026-02-02T12:00:00.000Z');
  });

  it('a version recorded for later (an edit not yet in effect) does not cut the round: the edit made now supersedes it', () => {
    const later = { from: utc('2026-01-26T12:00'), rotation: rotation({ id: 'ops', members: ['a@x.com', 'b@x.com'] }) };
    const input: ScheduleInput = { ...ops(), rotations: [{ id: 'ops', versions: [{ from: -Infinity, rotation: OPS }, later] }] };
    expect(at(input, 'next-cycle', '2026-01-14T09:00')).toBe('2026-02-02T12:00:00.000Z');
    expect(at(input, 'next-handoff', '2026-01-14T09:00')).toBe('2026-01-19T12:00:00.000Z');
  });

  it('a pending version that moved the handoff and stays (it starts first): the round end is put on its grid', () => {
    // Pending from Mon 19 Jan 12:00 with handoff Mon 13:00: its shifts 19 Jan 12:00 – 13:00, then Mon 13:00 weekly.
    // The round of the version in force ends Mon 2 Feb 12:00, inside the 26 Jan 13:00 – 2 Feb 13:00 shift of the
    // pending version, so the edit starts at that shift's end, Mon 2 Feb 13:00.
    const later = { from: utc('2026-01-19T12:00'), rotation: rotation({ id: 'ops', handoff: 'Mon 13:00' }) };
    const input: ScheduleInput = { ...ops(), rotations: [{ id: 'ops', versions: [{ from: -Infinity, rotation: OPS }, later] }] };
    expect(at(input, 'next-cycle', '2026-01-14T09:00')).toBe('2026-02-02T13:00:00.000Z');
  });

  it('counts rounds from the version in force: a version from 14 Jan (mid-shift) starts its rounds there', () => {
    // v1 from Wed 14 Jan 09:00 with a b c (d removed, `now`): b keeps the rest of his week (14 Jan), then the queue
    // goes on: c 19 Jan, a 26 Jan → everyone of v1 has been on duty by 2 Feb.
    const v1 = rotation({ id: 'ops', members: ['a@x.com', 'b@x.com', 'c@x.com'] });
    const input: ScheduleInput = { ...ops(), rotations: [{ id: 'ops', versions: [{ from: -Infinity, rotation: OPS }, { from: utc('2026-01-14T09:00'), rotation: v1 }] }] };
    expect(at(input, 'next-cycle', '2026-01-15T00:00')).toBe('2026-02-02T12:00:00.000Z');
  });

  it('no round end within a year (someone away that long): the next handoff', () => {
    const input = ops({ timeOff: [{ member: 'd@x.com', from: utc('2026-01-01T00:00'), to: utc('2028-01-01T00:00') }] });
    expect(at(input, 'next-cycle', '2026-01-14T09:00')).toBe('2026-01-19T12:00:00.000Z');
  });

  it('a rotation the schedule does not hold yet takes effect at now', () => {
    expect(iso(rolloutFrom(ops(), 'payments', 'next-cycle', utc('2026-01-14T09:00')))).toBe('2026-01-14T09:00:00.000Z');
  });
});

describe('rolloutFrom across zones and DST (daily 09:00 local, a b c from Fri 27 Mar 2026; Berlin goes to CEST on Sun 29 Mar)', () => {
  const daily = (timezone: string) => schedule([rotation({ id: 'ops', timezone, every: '1d', handoff: '09:00', start: '2026-03-27', members: ['a@x.com', 'b@x.com', 'c@x.com'] })]);
  it.each([
    // zone, now (UTC), next-handoff (UTC), next-cycle (UTC): a 27 Mar, b 28 Mar, c 29 Mar → the round ends 30 Mar 09:00 local
    ['Europe/Berlin', '2026-03-28T09:00', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z'],
    ['Europe/Berlin', '2026-03-27T07:30', '2026-03-27T08:00:00.000Z', '2026-03-27T08:00:00.000Z'],
    ['America/New_York', '2026-03-28T14:00', '2026-03-29T13:00:00.000Z', '2026-03-30T13:00:00.000Z'],
    ['Asia/Kolkata', '2026-03-28T04:00', '2026-03-29T03:30:00.000Z', '2026-03-30T03:30:00.000Z'],
  ])('%s at %s', (zone, now, nextHandoff, nextCycle) => {
    expect(at(daily(zone), 'next-handoff', now)).toBe(nextHandoff);
    expect(at(daily(zone), 'next-cycle', now)).toBe(nextCycle);
  });
});

describe('rolloutMode: the mode an edit rolls out with', () => {
  const was = { members: ['a', 'b', 'c'] };
  it.each([
    ['members added', ['a', 'b', 'c', 'd'], 'next-cycle', 'next-cycle'],
    ['a member removed', ['a', 'c'], 'now', 'now'],
    ['members reordered', ['c', 'b', 'a'], 'next-cycle', 'next-cycle'],
    ['members changed, no effective', ['a', 'b'], undefined, 'next-handoff'],
    ['members unchanged (another field changed)', ['a', 'b', 'c'], 'now', 'next-handoff'],
  ] as const)('%s', (_what, members, effective, expected) => {
    expect(rolloutMode(was, { members: [...members], ...(effective ? { effective } : {}) })).toBe(expected);
  });
  it('a rotation with no version in force yet: next-handoff', () => {
    expect(rolloutMode(undefined, { members: ['a'], effective: 'now' })).toBe('next-handoff');
  });
});
