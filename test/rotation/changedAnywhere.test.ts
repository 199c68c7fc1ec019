import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedAnywhere } from '../../rotation/changedStretches.js';
import { onDutyAt } from '../../rotation/onDutyAt.js';
import type { ScheduleInput } from '../../rotation/schedule.js';
import { MEMBERS, rotationDef, startInstant } from './arbitraries.js';
import { DAY, HOUR, iso, rotation, schedule, utc } from './helpers.js';

// ops: a, b, c, d weekly from Mon 5 Jan 2026 12:00 UTC; Mon 2 Mar is a's week again (8 weeks = two cycles).
const ops = rotation({ id: 'ops' });
const base = schedule([ops]);
const cover = { rotation: 'ops', from: utc('2026-03-04T09:00'), to: utc('2026-03-04T17:00'), member: 'x@x.com', replaces: 'a@x.com' };
const rows = (s: ReturnType<typeof changedAnywhere>) => s.map((c) => [c.rotation, iso(c.start), iso(c.end), c.before.join(), c.after.join()]);

describe('changedAnywhere (every rotation a cancel moves)', () => {
  it('is empty when nothing differs', () => {
    expect(changedAnywhere(base, base, utc('2026-03-01T00:00'), utc('2026-04-01T00:00'))).toEqual([]);
  });

  it('finds a removed cover although the merged segment is one piece after', () => {
    const before = schedule([ops], { overrides: [cover] });
    expect(rows(changedAnywhere(before, base, utc('2026-03-01T00:00'), utc('2026-04-01T00:00')))).toEqual([
      ['ops', '2026-03-04T09:00:00.000Z', '2026-03-04T17:00:00.000Z', 'x@x.com', 'a@x.com'],
    ]);
  });

  it('clips to the window: a cover in progress at `from` counts from `from` only', () => {
    const before = schedule([ops], { overrides: [cover] });
    expect(rows(changedAnywhere(before, base, utc('2026-03-04T13:00'), utc('2026-03-10T00:00')))).toEqual([
      ['ops', '2026-03-04T13:00:00.000Z', '2026-03-04T17:00:00.000Z', 'x@x.com', 'a@x.com'],
    ]);
  });

  it('lists each shift that moved when time off shifts the queue, and joins nothing across different people', () => {
    // b is off 9–13 Mar: c takes 9–16 and b, keeping his place in the queue, takes 16–23 (plain: b, then c).
    const off = schedule([ops], { timeOff: [{ member: 'b@x.com', from: utc('2026-03-09T00:00'), to: utc('2026-03-14T00:00') }] });
    expect(rows(changedAnywhere(off, base, utc('2026-03-05T00:00'), utc('2026-03-23T12:00')))).toEqual([
      ['ops', '2026-03-09T12:00:00.000Z', '2026-03-16T12:00:00.000Z', 'c@x.com', 'b@x.com'],
      ['ops', '2026-03-16T12:00:00.000Z', '2026-03-23T12:00:00.000Z', 'b@x.com', 'c@x.com'],
    ]);
  });
});

describe('changedStretches: properties', () => {
  const WINDOW = 30 * DAY;
  const at = (s: ScheduleInput, t: number, id: string) => onDutyAt(s, t, id).map((x) => x.members.join()).join('|');

  it('marks exactly the instants where the two schedules put different people on duty (sampled), and nothing twice', () => {
    fc.assert(
      fc.property(
        rotationDef({ hours: true }),
        fc.array(fc.record({ offset: fc.integer({ min: 0, max: WINDOW }), length: fc.integer({ min: HOUR, max: 10 * DAY }), member: fc.constantFrom(...MEMBERS) }), { maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: WINDOW - 1 }), { minLength: 20, maxLength: 20 }),
        (def, covers, samples) => {
          const from = startInstant(def) + 7 * DAY;
          const before = schedule([def]);
          const after = schedule([def], { overrides: covers.map((c) => ({ rotation: def.id, from: from + c.offset, to: from + c.offset + c.length, member: c.member })) });
          const stretches = changedAnywhere(before, after, from, from + WINDOW);
          stretches.forEach((s, i) => {
            expect(s.end).toBeGreaterThan(s.start);
            if (i > 0) expect(s.start).toBeGreaterThanOrEqual(stretches[i - 1]!.end);
          });
          for (const offset of samples) {
            const t = from + offset;
            const differs = at(before, t, def.id) !== at(after, t, def.id);
            expect(stretches.some((s) => s.start <= t && t < s.end)).toBe(differs);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
