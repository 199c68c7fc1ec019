import { describe, expect, it } from 'vitest';
import { computeSchedule } from '../../rotation/computeSchedule.js';
import { isHandoff, type RotationDef, type ScheduleInput, type TimeOff } from '../../rotation/schedule.js';
import { rotation, utc } from './helpers.js';

// ops: weekly, Mon 12:00 UTC from Mon 5 Jan 2026, a b c d: a 5 Jan, b 12 Jan (on duty at the edit, Wed 14 Jan 09:00)…
// A version from Wed 14 Jan 09:00 is an `effective: now` edit made then. Every expected list below is worked out by
// hand from the queue rules (README, "How the schedule is computed"), not by the engine.
const OPS = rotation({ id: 'ops' });
const NOW = '2026-01-14T09:00';
const edited = (next: Partial<RotationDef>, base: RotationDef = OPS, timeOff: TimeOff[] = []): ScheduleInput => ({
  timezone: 'UTC',
  rotations: [{ id: 'ops', versions: [{ from: -Infinity, rotation: base }, { from: utc(NOW), rotation: { ...base, ...next } }] }],
  overrides: [],
  timeOff,
});
const shifts = (input: ScheduleInput, until: string) =>
  computeSchedule(input, utc(until))
    .rotations.get('ops')!
    .shifts.filter((s) => s.start < utc(until))
    .map((s) => `${new Date(s.start).toISOString().slice(5, 16)} ${s.members.map((m) => m[0]).join('+')}`);

describe('effective: now keeps the running shift with whoever is on it and still a member', () => {
  it('e added at the back: b keeps the rest of his week; the queue goes on as before, e after b', () => {
    expect(shifts(edited({ members: ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', 'e@x.com'] }), '2026-02-24T00:00')).toEqual([
      '01-05T12:00 a',
      '01-12T12:00 b',
      '01-14T09:00 b',
      '01-19T12:00 c',
      '01-26T12:00 d',
      '02-02T12:00 a',
      '02-09T12:00 b',
      '02-16T12:00 e',
      '02-23T12:00 c',
    ]);
  });

  it('b removed: the rest of his week goes at once to the front of the queue (c), then d, a, c', () => {
    expect(shifts(edited({ members: ['a@x.com', 'c@x.com', 'd@x.com'] }), '2026-02-10T00:00')).toEqual([
      '01-05T12:00 a',
      '01-12T12:00 b',
      '01-14T09:00 c',
      '01-19T12:00 d',
      '01-26T12:00 a',
      '02-02T12:00 c',
      '02-09T12:00 d',
    ]);
  });

  it('a reorder does not take the pager from b; from the next handoff the new order d c b a goes on after b: a, d, c, b', () => {
    // b keeps the rest of his week; the queue follows the new order from the member after b in it (a): a d c b.
    expect(shifts(edited({ members: ['d@x.com', 'c@x.com', 'b@x.com', 'a@x.com'] }), '2026-02-10T00:00')).toEqual([
      '01-05T12:00 a',
      '01-12T12:00 b',
      '01-14T09:00 b',
      '01-19T12:00 a',
      '01-26T12:00 d',
      '02-02T12:00 c',
      '02-09T12:00 b',
    ]);
  });

  it('onDuty 2, d removed from {c, d}: c stays, a (front of the queue) takes d\'s place; then {b, c}, {a, b}', () => {
    const two = rotation({ id: 'ops', onDuty: 2 });
    // a b c d → {a,b} 5 Jan, {c,d} 12 Jan; queue a b → (d removed) a b c; c kept, a taken → b c a.
    expect(shifts(edited({ members: ['a@x.com', 'b@x.com', 'c@x.com'] }, two), '2026-01-27T00:00')).toEqual([
      '01-05T12:00 a+b',
      '01-12T12:00 c+d',
      '01-14T09:00 c+a',
      '01-19T12:00 b+c',
      '01-26T12:00 a+b',
    ]);
  });

  it('b away from Thu 15 Jan (entered Tue 13 Jan, after his shift began, so his week stayed his): replaced at once by c', () => {
    const away = [{ member: 'b@x.com', from: utc('2026-01-15T00:00'), to: utc('2026-01-17T00:00'), recordedAt: utc('2026-01-13T00:00') }];
    expect(shifts(edited({ members: ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', 'e@x.com'] }, OPS, away), '2026-02-10T00:00')).toEqual([
      '01-05T12:00 a',
      '01-12T12:00 b',
      '01-14T09:00 c',
      '01-19T12:00 d',
      '01-26T12:00 a',
      '02-02T12:00 b',
      '02-09T12:00 e',
    ]);
  });

  it('balance: hours credits the kept member the rest of the shift: b has 45 h + 123 h = 168 h, so a week like everyone', () => {
    // a b c, d added at now. Hours before 2 Feb: a 168, b 45 (12 Jan 12:00 – 14 Jan 09:00) + 123 (to 19 Jan 12:00),
    // c 168 (19 Jan), d joins level with the least loaded (c: 0 at the edit) and has 168 (26 Jan). On 2 Feb all tie at
    // 168, so queue order: a b c d. Without the credit b would have 45 h and take 2 Feb.
    const balanced = rotation({ id: 'ops', balance: 'hours', members: ['a@x.com', 'b@x.com', 'c@x.com'] });
    expect(shifts(edited({ members: ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com'] }, balanced), '2026-02-10T00:00')).toEqual([
      '01-05T12:00 a',
      '01-12T12:00 b',
      '01-14T09:00 b',
      '01-19T12:00 c',
      '01-26T12:00 d',
      '02-02T12:00 a',
      '02-09T12:00 b',
    ]);
  });

  it('a version that starts at a handoff (next-handoff, a new handoff time) resumes nothing: the queue takes its turn', () => {
    // From Mon 19 Jan 12:00 with handoff Mon 13:00: 19 Jan 12:00 – 13:00 is a shift of its own (c), then d 13:00.
    const later: ScheduleInput = { ...edited({}), rotations: [{ id: 'ops', versions: [{ from: -Infinity, rotation: OPS }, { from: utc('2026-01-19T12:00'), rotation: rotation({ id: 'ops', handoff: 'Mon 13:00' }) }] }] };
    expect(shifts(later, '2026-01-27T00:00')).toEqual(['01-05T12:00 a', '01-12T12:00 b', '01-19T12:00 c', '01-19T13:00 d', '01-26T13:00 a']);
  });
});

describe('the rest of a running shift says whether it is a handoff', () => {
  const marks = (input: ScheduleInput) =>
    computeSchedule(input, utc('2026-01-27T00:00'))
      .rotations.get('ops')!
      .shifts.filter((s) => s.start < utc('2026-01-27T00:00'))
      .map((s) => `${new Date(s.start).toISOString().slice(5, 16)} ${s.members.map((m) => m[0]).join('+')} ${s.resumes ?? '-'} ${isHandoff(s)}`);

  it('e added: b keeps it, unchanged, no handoff; every other start is one', () => {
    expect(marks(edited({ members: ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', 'e@x.com'] }))).toEqual([
      '01-05T12:00 a - true',
      '01-12T12:00 b - true',
      '01-14T09:00 b unchanged false',
      '01-19T12:00 c - true',
      '01-26T12:00 d - true',
    ]);
  });

  it('b removed: c takes it at once, changed, a handoff (from b)', () => {
    expect(marks(edited({ members: ['a@x.com', 'c@x.com', 'd@x.com'] }))).toEqual([
      '01-05T12:00 a - true',
      '01-12T12:00 b - true',
      '01-14T09:00 c changed true',
      '01-19T12:00 d - true',
      '01-26T12:00 a - true',
    ]);
  });

  it('onDuty 2, d removed from {c, d}: c stays and a comes in, changed', () => {
    const two = rotation({ id: 'ops', onDuty: 2 });
    expect(marks(edited({ members: ['a@x.com', 'b@x.com', 'c@x.com'] }, two))[2]).toBe('01-14T09:00 c+a changed true');
  });
});
