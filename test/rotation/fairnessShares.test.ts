import { describe, expect, it } from 'vitest';
import { fairness, roundedPercents } from '../../rotation/index.js';
import { rotation, schedule, utc } from './helpers.js';

describe('fairness shares', () => {
  it('share is of the on-duty hours, so a night-only rotation adds up to 1 as well', () => {
    const s = schedule([rotation({ id: 'n', every: '1d', handoff: '08:00', hours: '20:00-08:00', members: ['a@x.com', 'b@x.com', 'c@x.com'] })]);
    const [n] = fairness(s, utc('2026-01-05T08:00'), utc('2026-01-11T08:00'));
    // Six nights of 12 h, two each: a Mon, b Tue, c Wed, a Thu, b Fri, c Sat.
    expect(n?.members.map((m) => [m.member, m.onDutyHours, m.share])).toEqual([
      ['a@x.com', 24, 1 / 3],
      ['b@x.com', 24, 1 / 3],
      ['c@x.com', 24, 1 / 3],
    ]);
  });

  it('share of capacity is each member’s part of the available hours; overlapping time off counts once', () => {
    const s = schedule([rotation({ id: 'w' })], {
      timeOff: [
        { member: 'b@x.com', from: utc('2026-01-12'), to: utc('2026-01-16') },
        { member: 'b@x.com', from: utc('2026-01-14'), to: utc('2026-01-19') },
        { member: 'c@x.com', from: utc('2026-01-12'), to: utc('2026-01-19'), rotation: 'other' },
      ],
    });
    const [w] = fairness(s, utc('2026-01-05T12:00'), utc('2026-02-02T12:00'));
    // 4 weeks = 672 h each; b is away 7 days (168 h) of it; c's time off is for another rotation.
    expect(w?.members.map((m) => [m.member, m.availableHours])).toEqual([
      ['a@x.com', 672],
      ['b@x.com', 504],
      ['c@x.com', 672],
      ['d@x.com', 672],
    ]);
    expect(w?.members.map((m) => m.capacityShare)).toEqual([672 / 2520, 504 / 2520, 672 / 2520, 672 / 2520]);
  });
});

describe('roundedPercents (largest remainder)', () => {
  it.each([
    [[1, 1, 1], 1, [33.4, 33.3, 33.3]],
    [[264, 268, 272, 276], 1, [24.4, 24.8, 25.2, 25.6]],
    [[2, 1], 0, [67, 33]],
    [[1, 1, 1, 1, 1], 1, [20, 20, 20, 20, 20]],
    [[0, 0], 1, [0, 0]],
    [[5, 0], 1, [100, 0]],
  ])('%j with %i decimals → %j', (values, decimals, expected) => {
    expect(roundedPercents(values, decimals)).toEqual(expected);
  });
});
