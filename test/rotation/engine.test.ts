import { describe, expect, it } from 'vitest';
import { fairness } from '../../rotation/fairness.js';
import { parseRotationFile } from '../../rotation/file.js';
import { materialise } from '../../rotation/materialise.js';
import { nextShifts } from '../../rotation/nextShifts.js';
import { onDutyAt } from '../../rotation/onDutyAt.js';
import { scheduleFromFile } from '../../rotation/scheduleFromFile.js';
import type { ScheduleInput } from '../../rotation/schedule.js';
import { segmentsBetween } from '../../rotation/segmentsBetween.js';
import { nextHandoffAfter } from '../../rotation/shiftBoundaries.js';
import { DAY, HOUR, history, iso, rotation, schedule, utc } from './helpers.js';

const who = (s: ScheduleInput, from: string, to: string, id?: string) =>
  segmentsBetween(s, utc(from), utc(to))
    .filter((g) => id === undefined || g.rotation === id)
    .map((g) => g.members.join('+'));

describe('queue', () => {
  it('is plain round-robin without time off', () => {
    const s = schedule([rotation({ id: 'w' })]);
    expect(who(s, '2026-01-05T12:00', '2026-02-16T12:00')).toEqual(['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', 'a@x.com', 'b@x.com']);
  });

  it('has no shift before the start date', () => {
    const s = schedule([rotation({ id: 'w' })]);
    expect(onDutyAt(s, utc('2026-01-05T11:59'))).toEqual([]);
    expect(onDutyAt(s, utc('2026-01-05T12:00'))[0]?.members).toEqual(['a@x.com']);
  });

  it('takes onDuty members per shift', () => {
    const s = schedule([rotation({ id: 'w', onDuty: 2, members: ['a@x.com', 'b@x.com', 'c@x.com'] })]);
    expect(who(s, '2026-01-05T12:00', '2026-01-26T12:00')).toEqual(['a@x.com+b@x.com', 'c@x.com+a@x.com', 'b@x.com+c@x.com']);
  });

  it('skips a member on time off, who keeps their place at the front', () => {
    const s = schedule([rotation({ id: 'w' })], { timeOff: [{ member: 'b@x.com', from: utc('2026-01-13T00:00'), to: utc('2026-01-14T00:00') }] });
    // b is away during week 2, so c takes it; b takes week 3, then the order continues.
    expect(who(s, '2026-01-05T12:00', '2026-02-16T12:00')).toEqual(['a@x.com', 'c@x.com', 'b@x.com', 'd@x.com', 'a@x.com', 'c@x.com']);
  });

  it('counts time off that overlaps any part of the shift, but not one that ends at its start', () => {
    const touching = schedule([rotation({ id: 'w' })], { timeOff: [{ member: 'a@x.com', from: utc('2026-01-01'), to: utc('2026-01-05T12:00') }] });
    expect(who(touching, '2026-01-05T12:00', '2026-01-05T13:00')).toEqual(['a@x.com']);
    const overlapping = schedule([rotation({ id: 'w' })], { timeOff: [{ member: 'a@x.com', from: utc('2026-01-12T11:00'), to: utc('2026-01-12T13:00') }] });
    expect(who(overlapping, '2026-01-05T12:00', '2026-01-05T13:00')).toEqual(['b@x.com']);
  });

  it('applies time off for one rotation only to that rotation', () => {
    const s = schedule([rotation({ id: 'p' }), rotation({ id: 'q' })], {
      timeOff: [{ member: 'a@x.com', from: utc('2026-01-05'), to: utc('2026-01-06'), rotation: 'q' }],
    });
    expect(who(s, '2026-01-05T12:00', '2026-01-05T13:00')).toEqual(['a@x.com', 'b@x.com']);
  });

  it('fills the shift in queue order and flags a conflict when nobody is available', () => {
    const away = ['a@x.com', 'b@x.com'].map((member) => ({ member, from: utc('2026-01-05'), to: utc('2026-01-19T12:00') }));
    const s = schedule([rotation({ id: 'w', members: ['a@x.com', 'b@x.com'] })], { timeOff: away });
    const [first, second, third] = segmentsBetween(s, utc('2026-01-05T12:00'), utc('2026-01-26T12:00'));
    expect([first?.members, first?.conflict]).toEqual([['a@x.com'], true]);
    expect([second?.members, second?.conflict]).toEqual([['b@x.com'], true]);
    expect([third?.members, third?.conflict]).toEqual([['a@x.com'], false]);
  });
});

describe('avoid (rest rule)', () => {
  it('skips a member who was on duty in the avoided rotation within the given time', () => {
    const night = rotation({ id: 'night', every: '1d', handoff: '08:00', hours: '20:00-08:00', members: ['a@x.com', 'b@x.com'], start: '2026-01-05' });
    const day = rotation({ id: 'day', every: '1d', handoff: '09:00', members: ['a@x.com', 'b@x.com', 'c@x.com'], start: '2026-01-06', avoid: [{ rotation: 'night', within: '12h' }] });
    const s = schedule([day, night]); // listed out of dependency order on purpose
    // Night of the 5th: a (ends 08:00 on the 6th) → day shift on the 6th at 09:00 must skip a.
    expect(who(s, '2026-01-06T09:00', '2026-01-06T10:00', 'day')).toEqual(['b@x.com']);
    // Night of the 6th is b (until 08:00 on the 7th); a, rested and still at the front, takes the 7th.
    expect(who(s, '2026-01-07T09:00', '2026-01-07T10:00', 'day')).toEqual(['a@x.com']);
  });

  it('throws on an avoid cycle (validation refuses those files)', () => {
    const s = schedule([
      rotation({ id: 'p', avoid: [{ rotation: 'q', within: '1h' }] }),
      rotation({ id: 'q', avoid: [{ rotation: 'p', within: '1h' }] }),
    ]);
    expect(() => segmentsBetween(s, 0, utc('2026-02-01'))).toThrow(/cycle/);
  });
});

describe('day-based rotations', () => {
  it('hands off only on `days`, so Friday runs to Monday', () => {
    const s = schedule([rotation({ id: 'd', every: '1d', handoff: '09:00', days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] })]);
    const segs = segmentsBetween(s, utc('2026-01-09T09:00'), utc('2026-01-12T10:00'));
    expect(segs.map((g) => [iso(g.start), iso(g.end)])).toEqual([
      ['2026-01-09T09:00:00.000Z', '2026-01-12T09:00:00.000Z'],
      ['2026-01-12T09:00:00.000Z', '2026-01-13T09:00:00.000Z'],
    ]);
  });

  it('has no handoff on a holiday: the previous shift runs on', () => {
    const s = schedule([rotation({ id: 'd', every: '1d', handoff: '09:00', holidays: ['2026-01-07'] })]);
    const segs = segmentsBetween(s, utc('2026-01-06T09:00'), utc('2026-01-08T10:00'));
    expect(segs.map((g) => [iso(g.start), (g.end - g.start) / HOUR, g.members[0]])).toEqual([
      ['2026-01-06T09:00:00.000Z', 48, 'b@x.com'],
      ['2026-01-08T09:00:00.000Z', 24, 'c@x.com'],
    ]);
  });

  it('every 3d steps three local days', () => {
    const s = schedule([rotation({ id: 'd', every: '3d', handoff: '09:00', timezone: 'Europe/Berlin' })]);
    const segs = segmentsBetween(s, utc('2026-01-05T08:00'), utc('2026-01-12'));
    expect(segs.map((g) => iso(g.start))).toEqual(['2026-01-05T08:00:00.000Z', '2026-01-08T08:00:00.000Z', '2026-01-11T08:00:00.000Z']);
  });

  it('every 2w keeps the same person for two weeks', () => {
    const s = schedule([rotation({ id: 'w', every: '2w' })]);
    expect(segmentsBetween(s, utc('2026-01-05T12:00'), utc('2026-02-02T12:00')).map((g) => [(g.end - g.start) / DAY, g.members[0]])).toEqual([
      [14, 'a@x.com'],
      [14, 'b@x.com'],
    ]);
  });
});

describe('hours windows', () => {
  it('has segments only inside the window; the queue still turns per shift', () => {
    const s = schedule([rotation({ id: 'o', every: '1d', handoff: '00:00', hours: '09:00-17:00' })]);
    expect(onDutyAt(s, utc('2026-01-05T08:59'))).toEqual([]);
    expect(onDutyAt(s, utc('2026-01-05T09:00'))[0]?.members).toEqual(['a@x.com']);
    expect(onDutyAt(s, utc('2026-01-05T17:00'))).toEqual([]);
    expect(onDutyAt(s, utc('2026-01-06T12:00'))[0]?.members).toEqual(['b@x.com']);
  });

  it('splits a window that a handoff crosses, without merging the two shifts', () => {
    const s = schedule([rotation({ id: 'n', every: '1d', handoff: '00:00', hours: '20:00-08:00' })]);
    const segs = segmentsBetween(s, utc('2026-01-05T20:00'), utc('2026-01-06T08:00'));
    expect(segs.map((g) => [iso(g.start), iso(g.end), g.members[0]])).toEqual([
      ['2026-01-05T20:00:00.000Z', '2026-01-06T00:00:00.000Z', 'a@x.com'],
      ['2026-01-06T00:00:00.000Z', '2026-01-06T08:00:00.000Z', 'b@x.com'],
    ]);
  });
});

describe('overrides', () => {
  const base = rotation({ id: 'w' });
  it('`replaces` swaps one member for the interval and cuts the shift', () => {
    const s = schedule([base], {
      overrides: [{ rotation: 'w', from: utc('2026-01-06T00:00'), to: utc('2026-01-07T00:00'), member: 'z@x.com', replaces: 'a@x.com' }],
    });
    const segs = segmentsBetween(s, utc('2026-01-05T12:00'), utc('2026-01-12T12:00'));
    expect(segs.map((g) => [iso(g.start), g.members[0], g.source, iso(g.shiftStart)])).toEqual([
      ['2026-01-05T12:00:00.000Z', 'a@x.com', 'rotation', '2026-01-05T12:00:00.000Z'],
      ['2026-01-06T00:00:00.000Z', 'z@x.com', 'override', '2026-01-05T12:00:00.000Z'],
      ['2026-01-07T00:00:00.000Z', 'a@x.com', 'rotation', '2026-01-05T12:00:00.000Z'],
    ]);
  });

  it('is split at a handoff it spans and does not move the queue', () => {
    const s = schedule([base], { overrides: [{ rotation: 'w', from: utc('2026-01-10'), to: utc('2026-01-14'), member: 'z@x.com' }] });
    const segs = segmentsBetween(s, utc('2026-01-05T12:00'), utc('2026-01-26T12:00'));
    expect(segs.map((g) => [iso(g.start), g.members.join('+'), g.source])).toEqual([
      ['2026-01-05T12:00:00.000Z', 'a@x.com', 'rotation'],
      ['2026-01-10T00:00:00.000Z', 'z@x.com', 'override'],
      ['2026-01-12T12:00:00.000Z', 'z@x.com', 'override'],
      ['2026-01-14T00:00:00.000Z', 'b@x.com', 'rotation'],
      ['2026-01-19T12:00:00.000Z', 'c@x.com', 'rotation'],
    ]);
  });

  it('a swap is two overrides', () => {
    const s = schedule([base], {
      overrides: [
        { rotation: 'w', from: utc('2026-01-05T12:00'), to: utc('2026-01-12T12:00'), member: 'b@x.com', replaces: 'a@x.com' },
        { rotation: 'w', from: utc('2026-01-12T12:00'), to: utc('2026-01-19T12:00'), member: 'a@x.com', replaces: 'b@x.com' },
      ],
    });
    expect(who(s, '2026-01-05T12:00', '2026-01-26T12:00')).toEqual(['b@x.com', 'a@x.com', 'c@x.com']);
  });

  it('an override replacing the unavailable member clears the conflict in its segment', () => {
    const s = schedule([rotation({ id: 'w', members: ['a@x.com'] })], {
      timeOff: [{ member: 'a@x.com', from: utc('2026-01-05'), to: utc('2026-01-08') }],
      overrides: [{ rotation: 'w', from: utc('2026-01-05T12:00'), to: utc('2026-01-08T00:00'), member: 'z@x.com', replaces: 'a@x.com' }],
    });
    const segs = segmentsBetween(s, utc('2026-01-05T12:00'), utc('2026-01-12T12:00'));
    expect(segs.map((g) => [g.members[0], g.conflict])).toEqual([
      ['z@x.com', false],
      ['a@x.com', true],
    ]);
  });
});

describe('versions (history is immutable)', () => {
  it('a roster change takes effect at the next handoff; remaining members keep their order, new ones join at the back', () => {
    const v1 = rotation({ id: 'w' });
    const now = utc('2026-01-14T10:00'); // during b's shift
    const from = nextHandoffAfter(history(v1), now);
    expect(iso(from)).toBe('2026-01-19T12:00:00.000Z');
    const v2 = rotation({ id: 'w', members: ['a@x.com', 'c@x.com', 'd@x.com', 'e@x.com'] }); // b removed, e added (no reorder)
    const s: ScheduleInput = { timezone: 'UTC', rotations: [{ id: 'w', versions: [{ from: -Infinity, rotation: v1 }, { from, rotation: v2 }] }], overrides: [], timeOff: [] };
    // Queue after a, b: [c, d, a, b] → without b, e at the back: [c, d, a, e].
    expect(who(s, '2026-01-05T12:00', '2026-02-23T12:00')).toEqual(['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', 'a@x.com', 'e@x.com', 'c@x.com']);
  });

  it('a change of handoff at `from` mid-shift: b keeps the rest of his shift up to the new cadence\'s first handoff, then the queue goes on', () => {
    const v1 = rotation({ id: 'w' });
    const v2 = rotation({ id: 'w', every: '1d', handoff: '09:00', start: '2026-01-05' });
    const from = utc('2026-01-14T00:00');
    const s: ScheduleInput = { timezone: 'UTC', rotations: [{ id: 'w', versions: [{ from: -Infinity, rotation: v1 }, { from, rotation: v2 }] }], overrides: [], timeOff: [] };
    const segs = segmentsBetween(s, utc('2026-01-12T12:00'), utc('2026-01-15T10:00'));
    expect(segs.map((g) => [iso(g.start), iso(g.end), g.members[0]])).toEqual([
      ['2026-01-12T12:00:00.000Z', '2026-01-14T00:00:00.000Z', 'b@x.com'],
      ['2026-01-14T00:00:00.000Z', '2026-01-14T09:00:00.000Z', 'b@x.com'],
      ['2026-01-14T09:00:00.000Z', '2026-01-15T09:00:00.000Z', 'c@x.com'],
      ['2026-01-15T09:00:00.000Z', '2026-01-16T09:00:00.000Z', 'd@x.com'],
    ]);
  });
});

describe('queries', () => {
  const s = schedule([rotation({ id: 'w' }), rotation({ id: 'd', every: '1d', handoff: '09:00' })]);

  it('segmentsBetween sorts by rotation then start and returns whole segments', () => {
    const segs = segmentsBetween(s, utc('2026-01-06T10:00'), utc('2026-01-06T11:00'));
    expect(segs.map((g) => [g.rotation, iso(g.start)])).toEqual([
      ['d', '2026-01-06T09:00:00.000Z'],
      ['w', '2026-01-05T12:00:00.000Z'],
    ]);
  });

  it('onDutyAt filters by rotation', () => {
    expect(onDutyAt(s, utc('2026-01-06T10:00'), 'w').map((g) => g.members)).toEqual([['a@x.com']]);
  });

  it('nextShifts lists upcoming shifts, optionally for one member', () => {
    const mine = nextShifts(s, 'w', utc('2026-01-06'), { member: 'C@x.com', count: 2 });
    expect(mine.map((x) => iso(x.start))).toEqual(['2026-01-19T12:00:00.000Z', '2026-02-16T12:00:00.000Z']);
  });

  it('materialise answers at() like onDutyAt', () => {
    const m = materialise(s, utc('2026-01-01'), utc('2026-03-01'));
    for (const t of [utc('2026-01-05T11:00'), utc('2026-01-05T12:00'), utc('2026-02-10T08:59'), utc('2026-02-10T09:00')]) {
      expect(m.at(t)).toEqual(onDutyAt(s, t));
      expect(m.rotation('w')?.at(t)).toEqual(onDutyAt(s, t, 'w')[0]);
    }
  });
});

describe('fairness', () => {
  it('counts shifts, hours, weekend hours, holiday hours and capacity share', () => {
    const s = schedule([rotation({ id: 'w', members: ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', 'e@x.com'] })]);
    const [w] = fairness(s, utc('2026-01-05T12:00'), utc('2026-02-09T12:00'), { holidays: ['2026-01-06'] });
    expect(w?.onDutyRatio).toBeCloseTo(0.2);
    const a = w?.members.find((m) => m.member === 'a@x.com');
    expect(a).toEqual({ member: 'a@x.com', shifts: 1, onDutyHours: 168, weekendHours: 48, holidayHours: 24, share: 168 / (35 * 24), availableHours: 35 * 24, capacityShare: 0.2 });
    expect(w?.members.every((m) => m.shifts === 1 && m.onDutyHours === 168)).toBe(true);
  });

  it('measures weekends in the rotation zone', () => {
    const s = schedule([rotation({ id: 'w', timezone: 'Pacific/Auckland', handoff: 'Mon 00:00', members: ['a@x.com'] })]);
    const [w] = fairness(s, utc('2026-01-04T11:00'), utc('2026-01-11T11:00'));
    expect(w?.members[0]?.weekendHours).toBe(48);
  });
});

describe('scheduleFromFile', () => {
  it('resolves local times in the rotation zone; date-only time off includes its last day', () => {
    const r = parseRotationFile(`timezone: America/New_York
rotations:
  - { id: ops, timezone: Europe/Berlin, start: 2026-01-05, every: 1w, handoff: "Mon 12:00", members: [a@x.com, b@x.com] }
overrides:
  - { rotation: ops, from: "2026-03-02T12:00", to: "2026-03-04T12:00Z", member: b@x.com }
timeOff:
  - { member: a@x.com, from: 2026-03-09, to: 2026-03-13 }
  - { member: a@x.com, from: "2026-03-20T08:00", to: "2026-03-20T09:00", rotation: ops }
`);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const s = scheduleFromFile(r.value);
    expect(s.overrides.map((o) => [iso(o.from), iso(o.to)])).toEqual([['2026-03-02T11:00:00.000Z', '2026-03-04T12:00:00.000Z']]);
    expect(s.timeOff.map((t) => [iso(t.from), iso(t.to)])).toEqual([
      ['2026-03-09T04:00:00.000Z', '2026-03-14T04:00:00.000Z'], // New York midnights (EDT from March 8)
      ['2026-03-20T07:00:00.000Z', '2026-03-20T08:00:00.000Z'], // Berlin, exclusive end
    ]);
  });
});

describe('handoff search', () => {
  it('finds the next allowed day past several holidays on the only handoff weekday', () => {
    const s = schedule([rotation({ id: 'd', every: '1d', handoff: '09:00', days: ['Mon'], holidays: ['2026-01-12', '2026-01-19'] })]);
    const segs = segmentsBetween(s, utc('2026-01-05T09:00'), utc('2026-01-27'));
    expect(segs.map((g) => [iso(g.start), iso(g.end)])).toEqual([['2026-01-05T09:00:00.000Z', '2026-01-26T09:00:00.000Z'], ['2026-01-26T09:00:00.000Z', '2026-02-02T09:00:00.000Z']]);
  });
});

describe('nextHandoffAfter', () => {
  const h = history(rotation({ id: 'w' }));
  it.each([
    ['before the first shift', '2026-01-01T00:00', '2026-01-05T12:00:00.000Z'],
    ['exactly at a handoff (that shift has started)', '2026-01-05T12:00', '2026-01-12T12:00:00.000Z'],
    ['mid-shift', '2026-01-08T00:00', '2026-01-12T12:00:00.000Z'],
  ])('%s', (_name, now, expected) => {
    expect(iso(nextHandoffAfter(h, utc(now)))).toBe(expected);
  });

  it('a first version that takes effect after its start date begins with a shift at `from`', () => {
    const s: ScheduleInput = { timezone: 'UTC', rotations: [{ id: 'w', versions: [{ from: utc('2026-02-04T10:00'), rotation: rotation({ id: 'w' }) }] }], overrides: [], timeOff: [] };
    const segs = segmentsBetween(s, 0, utc('2026-02-10'));
    expect(segs.map((g) => [iso(g.start), iso(g.end), g.members[0]])).toEqual([['2026-02-04T10:00:00.000Z', '2026-02-09T12:00:00.000Z', 'a@x.com'], ['2026-02-09T12:00:00.000Z', '2026-02-16T12:00:00.000Z', 'b@x.com']]);
  });
});
