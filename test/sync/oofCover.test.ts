import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { oofTimeOffRange, spansCover, spansLeft } from '../../rotation/oofCover.js';

const D = 86_400_000;
const off = (from: number, to: number, rotation?: string) => ({ member: 'Bob@x.com', from: from * D, to: to * D, ...(rotation ? { rotation } : {}) });

describe('oofTimeOffRange: what a Yes records of a 10-day block, given the time off Bob has', () => {
  it.each([
    ['none', [], [0, 10]],
    ['days 0–3 (its start)', [off(0, 3)], [3, 10]],
    ['days 8–12 (its end)', [off(8, 12)], [0, 8]],
    ['both ends', [off(-2, 3), off(8, 12)], [3, 8]],
    ['days 4–5, inside (left overlapped: time off is one range)', [off(4, 5)], [0, 10]],
    ['for one rotation only (it does not cover the others)', [off(0, 10, 'ops')], [0, 10]],
    ['all of it', [off(-1, 4), off(4, 11)], undefined],
  ])('%s → %j', (_, timeOff, expected) => {
    const got = oofTimeOffRange('bob@x.com', { start: 0, end: 10 * D }, timeOff);
    expect(got ? [got.start / D, got.end / D] : undefined).toEqual(expected);
  });
});

describe('spansLeft / spansCover', () => {
  it('literal: [0, 10) less [2, 4) and [3, 6) and [8, 12)', () => {
    expect(spansLeft([{ start: 3, end: 6 }, { start: 8, end: 12 }, { start: 2, end: 4 }], 0, 10)).toEqual([{ start: 0, end: 2 }, { start: 6, end: 8 }]);
    expect(spansCover([{ start: 0, end: 5 }, { start: 5, end: 10 }], 0, 10)).toBe(true);
    expect(spansCover([{ start: 0, end: 5 }, { start: 6, end: 10 }], 0, 10)).toBe(false);
  });

  it('property: every point of [0, 50) is left exactly when no span holds it', () => {
    const span = fc.tuple(fc.integer({ min: -5, max: 55 }), fc.integer({ min: 1, max: 20 })).map(([s, n]) => ({ start: s, end: s + n }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 6 }), (spans) => {
        const left = spansLeft(spans, 0, 50);
        for (let p = 0; p < 50; p++) {
          const held = spans.some((s) => s.start <= p && p < s.end);
          if (held === left.some((l) => l.start <= p && p < l.end)) return false;
        }
        return spansCover(spans, 0, 50) === (left.length === 0);
      }),
    );
  });
});
