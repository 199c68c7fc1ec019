import { describe, expect, it } from 'vitest';
import { changedStretches } from '../../rotation/changedStretches.js';
import { iso, rotation, schedule, utc } from './helpers.js';

// ops: a, b, c, d weekly from Mon 5 Jan 2026 12:00 UTC; Mon 2 Mar is a's week again (8 weeks = two cycles).
const ops = rotation({ id: 'ops' });
const base = schedule([ops]);
const cover = { rotation: 'ops', from: utc('2026-03-04T09:00'), to: utc('2026-03-04T17:00'), member: 'x@x.com', replaces: 'a@x.com' };
const rows = (s: ReturnType<typeof changedStretches>) => s.map((c) => [c.rotation, iso(c.start), iso(c.end), c.before.join(), c.after.join()]);

describe('changedStretches', () => {
  it('is empty when nothing differs', () => {
    expect(changedStretches(base, base, utc('2026-03-01T00:00'), utc('2026-04-01T00:00'))).toEqual([]);
  });

  it('finds a removed cover although the merged segment is one piece after', () => {
    const before = schedule([ops], { overrides: [cover] });
    expect(rows(changedStretches(before, base, utc('2026-03-01T00:00'), utc('2026-04-01T00:00')))).toEqual([
      ['ops', '2026-03-04T09:00:00.000Z', '2026-03-04T17:00:00.000Z', 'x@x.com', 'a@x.com'],
    ]);
  });

  it('clips to the window: a cover in progress at `from` counts from `from` only', () => {
    const before = schedule([ops], { overrides: [cover] });
    expect(rows(changedStretches(before, base, utc('2026-03-04T13:00'), utc('2026-03-10T00:00')))).toEqual([
      ['ops', '2026-03-04T13:00:00.000Z', '2026-03-04T17:00:00.000Z', 'x@x.com', 'a@x.com'],
    ]);
  });

  it('lists each shift that moved when time off shifts the queue, and joins nothing across different people', () => {
    // b is off 9–13 Mar: c takes 9–16 and b, keeping his place in the queue, takes 16–23 (plain: b, then c).
    const off = schedule([ops], { timeOff: [{ member: 'b@x.com', from: utc('2026-03-09T00:00'), to: utc('2026-03-14T00:00') }] });
    expect(rows(changedStretches(off, base, utc('2026-03-05T00:00'), utc('2026-03-23T12:00')))).toEqual([
      ['ops', '2026-03-09T12:00:00.000Z', '2026-03-16T12:00:00.000Z', 'c@x.com', 'b@x.com'],
      ['ops', '2026-03-16T12:00:00.000Z', '2026-03-23T12:00:00.000Z', 'b@x.com', 'c@x.com'],
    ]);
  });
});
