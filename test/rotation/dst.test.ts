import { describe, expect, it } from 'vitest';
import { ZoneClock } from '../../rotation/zoneClock.js';
import { parseLocalDate } from '../../rotation/localDate.js';
import { segmentsBetween } from '../../rotation/segmentsBetween.js';
import { HOUR, iso, rotation, schedule, utc } from './helpers.js';

const at = (zone: string, date: string, time: string) => {
  const [h, m] = time.split(':').map(Number);
  return iso(ZoneClock.of(zone).at(parseLocalDate(date) ?? NaN, (h ?? 0) * 60 + (m ?? 0)));
};

describe('local wall-clock time → instant (RFC 5545 §3.3.5)', () => {
  it.each([
    // zone, local date, local time, expected UTC, why
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z', 'gap: moved forward by the hour → 03:30 CEST'],
    ['Europe/Berlin', '2026-03-29', '03:00', '2026-03-29T01:00:00.000Z', 'first valid time after the gap'],
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z', 'overlap: first occurrence (CEST)'],
    ['Europe/Berlin', '2026-10-25', '03:00', '2026-10-25T02:00:00.000Z', 'after the overlap: CET'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z', 'gap → 03:30 EDT'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z', 'overlap: first occurrence (EDT)'],
    ['Australia/Sydney', '2026-10-04', '02:30', '2026-10-03T16:30:00.000Z', 'southern spring gap → 03:30 AEDT'],
    ['Australia/Sydney', '2026-04-05', '02:30', '2026-04-04T15:30:00.000Z', 'southern autumn overlap: first (AEDT)'],
    ['Asia/Kolkata', '2026-03-29', '02:30', '2026-03-28T21:00:00.000Z', 'no DST, +05:30'],
    ['Pacific/Chatham', '2026-09-27', '02:50', '2026-09-26T14:05:00.000Z', 'gap 02:45→03:45 (+12:45→+13:45): 03:50'],
    ['Pacific/Chatham', '2026-04-05', '03:00', '2026-04-04T13:15:00.000Z', 'overlap 02:45–03:45: first occurrence (+13:45)'],
    ['Pacific/Chatham', '2026-04-05', '04:00', '2026-04-04T15:15:00.000Z', 'after the overlap (+12:45)'],
  ])('%s %s %s → %s (%s)', (zone, date, time, expected) => {
    expect(at(zone, date, time)).toBe(expected);
  });
});

describe('weekly shifts across DST changes', () => {
  const lengths = (zone: string, handoff: string, start: string, from: string, to: string) =>
    segmentsBetween(schedule([rotation({ id: 'w', timezone: zone, handoff, start })]), utc(from), utc(to)).map((s) => [
      iso(s.start),
      (s.end - s.start) / HOUR,
    ]);

  it.each([
    ['Europe/Berlin', 'Mon 12:00', '2026-03-23', '2026-03-23T11:00', '2026-03-31', [['2026-03-23T11:00:00.000Z', 167], ['2026-03-30T10:00:00.000Z', 168]]],
    ['Europe/Berlin', 'Mon 12:00', '2026-10-19', '2026-10-19T10:00', '2026-10-27', [['2026-10-19T10:00:00.000Z', 169], ['2026-10-26T11:00:00.000Z', 168]]],
    ['America/New_York', 'Mon 09:00', '2026-03-02', '2026-03-02T14:00', '2026-03-10', [['2026-03-02T14:00:00.000Z', 167], ['2026-03-09T13:00:00.000Z', 168]]],
    ['America/New_York', 'Mon 09:00', '2026-10-26', '2026-10-26T13:00', '2026-11-03', [['2026-10-26T13:00:00.000Z', 169], ['2026-11-02T14:00:00.000Z', 168]]],
    ['Australia/Sydney', 'Mon 09:00', '2026-09-28', '2026-09-27T23:00', '2026-10-06', [['2026-09-27T23:00:00.000Z', 167], ['2026-10-04T22:00:00.000Z', 168]]],
    ['Australia/Sydney', 'Mon 09:00', '2026-03-30', '2026-03-29T22:00', '2026-04-07', [['2026-03-29T22:00:00.000Z', 169], ['2026-04-05T23:00:00.000Z', 168]]],
    ['Asia/Kolkata', 'Mon 09:00', '2026-03-23', '2026-03-23T03:30', '2026-03-31', [['2026-03-23T03:30:00.000Z', 168], ['2026-03-30T03:30:00.000Z', 168]]],
    ['Pacific/Chatham', 'Mon 09:00', '2026-09-21', '2026-09-20T20:15', '2026-09-29', [['2026-09-20T20:15:00.000Z', 167], ['2026-09-27T19:15:00.000Z', 168]]],
  ])('%s %s from %s', (zone, handoff, start, from, to, expected) => {
    expect(lengths(zone, handoff, start, from, to).slice(0, 2)).toEqual(expected);
  });
});

describe('daily handoffs in the gap and the overlap', () => {
  const handoffs = (zone: string, time: string, from: string, to: string) =>
    segmentsBetween(schedule([rotation({ id: 'd', timezone: zone, every: '1d', handoff: time, start: '2026-01-01' })]), utc(from), utc(to)).map(
      (s) => [iso(s.start), (s.end - s.start) / HOUR],
    );

  it('Berlin 02:30: the gap day hands off at 03:30 CEST; shifts of 24, 23, 24 h', () => {
    expect(handoffs('Europe/Berlin', '02:30', '2026-03-28T02:00', '2026-03-30T02:00')).toEqual([
      ['2026-03-28T01:30:00.000Z', 24], // Sat 02:30 CET → Sun 03:30 CEST (the gap pushes the handoff on)
      ['2026-03-29T01:30:00.000Z', 23], // Sun 03:30 CEST → Mon 02:30 CEST
      ['2026-03-30T00:30:00.000Z', 24],
    ]);
  });

  it('Berlin 02:30: the overlap day hands off at the first 02:30 (CEST); shifts of 24, 25 h', () => {
    expect(handoffs('Europe/Berlin', '02:30', '2026-10-24T01:00', '2026-10-25T02:00')).toEqual([
      ['2026-10-24T00:30:00.000Z', 24],
      ['2026-10-25T00:30:00.000Z', 25],
    ]);
  });

  it('New York 02:00 on the spring-forward day is 03:00 EDT', () => {
    expect(handoffs('America/New_York', '02:00', '2026-03-07T08:00', '2026-03-08T08:00')).toEqual([
      ['2026-03-07T07:00:00.000Z', 24],
      ['2026-03-08T07:00:00.000Z', 23],
    ]);
  });

  it('Chatham 03:00 at fall-back is the first 03:00 (+13:45), and that day is 25 h', () => {
    expect(handoffs('Pacific/Chatham', '03:00', '2026-04-03T13:15', '2026-04-04T13:16')).toEqual([
      ['2026-04-03T13:15:00.000Z', 24],
      ['2026-04-04T13:15:00.000Z', 25],
    ]);
  });

  it('Kolkata keeps 24 h shifts all year', () => {
    const all = handoffs('Asia/Kolkata', '09:00', '2026-01-01T03:30', '2026-12-31');
    expect(new Set(all.map(([, h]) => h))).toEqual(new Set([24]));
  });
});

describe('hours windows across midnight and DST', () => {
  it('a 20:00-08:00 window on the Berlin spring-forward night lasts 11 h', () => {
    const s = schedule([rotation({ id: 'n', timezone: 'Europe/Berlin', every: '1d', handoff: '08:00', hours: '20:00-08:00', start: '2026-03-01' })]);
    const segs = segmentsBetween(s, utc('2026-03-28T12:00'), utc('2026-03-30T12:00'));
    expect(segs.map((g) => [iso(g.start), iso(g.end)])).toEqual([
      ['2026-03-28T19:00:00.000Z', '2026-03-29T06:00:00.000Z'],
      ['2026-03-29T18:00:00.000Z', '2026-03-30T06:00:00.000Z'],
    ]);
  });

  it('a 20:00-08:00 window on the Berlin fall-back night lasts 13 h', () => {
    const s = schedule([rotation({ id: 'n', timezone: 'Europe/Berlin', every: '1d', handoff: '08:00', hours: '20:00-08:00', start: '2026-10-01' })]);
    const [seg] = segmentsBetween(s, utc('2026-10-24T12:00'), utc('2026-10-25T12:00'));
    expect(seg && (seg.end - seg.start) / HOUR).toBe(13);
  });
});

describe('hours window edge pushed across the next window by a DST gap', () => {
  it('joins the overlapping windows instead of producing overlapping segments (Pacific/Chatham)', () => {
    const def = { id: 'r', timezone: 'Pacific/Chatham', start: '2027-05-30', every: '1d', handoff: '00:00', onDuty: 1, members: ['g@x.com'], hours: '03:45-02:46' };
    const segs = segmentsBetween({ timezone: 'UTC', rotations: [{ id: 'r', versions: [{ from: -Infinity, rotation: def }] }], overrides: [], timeOff: [] }, Date.UTC(2027, 8, 25), Date.UTC(2027, 8, 27));
    for (let i = 1; i < segs.length; i++) expect(segs[i]!.start).toBeGreaterThanOrEqual(segs[i - 1]!.end);
    // 26 Sept 2027 02:45 +12:45 jumps to 03:45 +13:45; "02:46" becomes 03:46, after that day's 03:45 start.
    const gapDay = segs.find((s) => s.start === Date.parse('2027-09-25T11:15:00Z'))!;
    expect(gapDay.end).toBe(Date.parse('2027-09-26T10:15:00Z'));
  });
});
