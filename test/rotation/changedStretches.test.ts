import { describe, expect, it } from 'vitest';
import { changedStretches } from '../../rotation/changedStretches.js';
import type { Override } from '../../rotation/schedule.js';
import { rotation, schedule, utc } from './helpers.js';

// Daily 09:00 UTC from Mon 5 Jan: a, b, c, d → a has Mon 5, b Tue 6, c Wed 7, d Thu 8, a Fri 9 (no `days` set).
const mro = rotation({ id: 'mro', every: '1d', handoff: '09:00' });
const base = schedule([mro]);
const withOverride = (o: Override) => ({ ...base, overrides: [o] });

describe('changedStretches: which stretches a change handed over, clipped to the range', () => {
  it('an override replacing one person touches only the stretch where that person was on duty', () => {
    // "cover @e 6 Jan 00:00 to 8 Jan 00:00" replacing c: only c's shift (Wed 7 Jan 09:00 → 8 Jan 09:00) is touched, clipped at 8 Jan 00:00.
    const o = { rotation: 'mro', from: utc('2026-01-06T00:00'), to: utc('2026-01-08T00:00'), member: 'e@x.com', replaces: 'c@x.com' };
    const r = changedStretches(base, withOverride(o), 'mro', o.from, o.to);
    expect(r.changed).toEqual([{ rotation: 'mro', start: utc('2026-01-07T09:00'), end: utc('2026-01-08T00:00'), before: ['c@x.com'], after: ['e@x.com'] }]);
    expect(r.unchanged.map((s) => [s.start, s.end, s.before])).toEqual([
      [utc('2026-01-06T00:00'), utc('2026-01-06T09:00'), ['a@x.com']],
      [utc('2026-01-06T09:00'), utc('2026-01-07T09:00'), ['b@x.com']],
    ]);
  });

  it('a cover of everyone (no replaces) changes each stretch from its own person', () => {
    const o = { rotation: 'mro', from: utc('2026-01-05T21:00'), to: utc('2026-01-06T12:00'), member: 'e@x.com' };
    const r = changedStretches(base, withOverride(o), 'mro', o.from, o.to);
    expect(r.changed.map((s) => [s.start, s.end, s.before, s.after])).toEqual([
      [utc('2026-01-05T21:00'), utc('2026-01-06T09:00'), ['a@x.com'], ['e@x.com']],
      [utc('2026-01-06T09:00'), utc('2026-01-06T12:00'), ['b@x.com'], ['e@x.com']],
    ]);
    expect(r.unchanged).toEqual([]);
  });

  it('leaves out time nobody is on duty (an hours window)', () => {
    const night = rotation({ id: 'night', every: '1d', handoff: '08:00', hours: '20:00-08:00' });
    const o = { rotation: 'night', from: utc('2026-01-05T00:00'), to: utc('2026-01-07T00:00'), member: 'e@x.com' };
    const r = changedStretches(schedule([night]), { ...schedule([night]), overrides: [o] }, 'night', o.from, o.to);
    // Before 5 Jan 08:00 the first shift has not begun; then nights 5→6 (20:00-08:00) and 6 Jan 20:00 → midnight.
    expect(r.changed.map((s) => [s.start, s.end])).toEqual([
      [utc('2026-01-05T20:00'), utc('2026-01-06T08:00')],
      [utc('2026-01-06T20:00'), utc('2026-01-07T00:00')],
    ]);
  });

  it('nothing changed when the replaced person is not on duty in the range', () => {
    const o = { rotation: 'mro', from: utc('2026-01-06T10:00'), to: utc('2026-01-06T12:00'), member: 'e@x.com', replaces: 'd@x.com' };
    const r = changedStretches(base, withOverride(o), 'mro', o.from, o.to);
    expect(r.changed).toEqual([]);
    expect(r.unchanged.map((s) => s.before)).toEqual([['b@x.com']]);
  });
});
