import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { checkOccurrences, dutyId, dutyOccurrences, localDayBounds, parseDutyTime, type Duty, type DutyRotation } from '../../rotation/duties.js';

const utc = (s: string) => Date.parse(s);
const iso = (ms: number) => new Date(ms).toISOString();
const rotation = (timezone: string, duties: Duty[], checks: Partial<DutyRotation> = {}): DutyRotation => ({ id: 'ops', timezone, duties, ...checks });
/** [date, UTC instant] of each occurrence: what the tables below state by hand. */
const when = (r: DutyRotation, from: string, to: string) => dutyOccurrences(r, utc(from), utc(to)).map((o) => [o.date, iso(o.at)]);

describe('parseDutyTime', () => {
  // Bit n is ISO weekday n: Mon = 2, Tue = 4, … Sun = 128; every day = 254.
  it.each<[string, { dayMask: number; minutes: number } | undefined]>([
    ['09:15', { dayMask: 254, minutes: 555 }],
    ['Mon-Fri 09:15', { dayMask: 2 + 4 + 8 + 16 + 32, minutes: 555 }],
    ['Thu 18:00', { dayMask: 16, minutes: 1080 }],
    ['Fri-Mon 08:00', { dayMask: 32 + 64 + 128 + 2, minutes: 480 }],
    ['Sun-Sat 00:00', { dayMask: 254, minutes: 0 }],
    ['Mon,Wed 23:59', { dayMask: 2 + 8, minutes: 1439 }],
    ['Mon-Wed,Sat 09:15', { dayMask: 2 + 4 + 8 + 64, minutes: 555 }],
    ['Sat-Sat 12:00', { dayMask: 64, minutes: 720 }],
    ['  Mon-Fri   09:15  ', { dayMask: 62, minutes: 555 }],
    ['9:15', undefined],
    ['24:00', undefined],
    ['Mon-Fri', undefined],
    ['mon 09:15', undefined],
    ['Monday 09:15', undefined],
    ['Mon-Wed-Fri 09:15', undefined],
    ['Mon,,Wed 09:15', undefined],
    ['Mon- 09:15', undefined],
    ['Mon Fri 09:15', undefined],
    ['', undefined],
  ])('%j → %j', (text, expected) => {
    expect(parseDutyTime(text)).toEqual(expected);
  });
});

describe('dutyOccurrences: local times in the rotation\'s zone, with the handoff DST rules', () => {
  it.each<[string, string, string, string, string, Array<[string, string]>]>([
    // zone, at, window from, window to (UTC), why → [local date, UTC instant], all by hand
    ['Europe/Berlin', '09:15', '2026-01-05T00:00Z', '2026-01-06T00:00Z', 'winter, CET +1', [['2026-01-05', '2026-01-05T08:15:00.000Z']]],
    ['Europe/Berlin', '09:15', '2026-07-06T00:00Z', '2026-07-07T00:00Z', 'summer, CEST +2', [['2026-07-06', '2026-07-06T07:15:00.000Z']]],
    ['Europe/Berlin', '02:30', '2026-03-28T23:00Z', '2026-03-29T22:00Z', 'spring-forward gap: 02:30 moves to 03:30 CEST', [['2026-03-29', '2026-03-29T01:30:00.000Z']]],
    ['Europe/Berlin', '02:30', '2026-10-24T22:00Z', '2026-10-25T23:00Z', 'fall-back overlap: once, the first (CEST)', [['2026-10-25', '2026-10-25T00:30:00.000Z']]],
    ['Europe/Berlin', '02:30', '2026-03-28T00:00Z', '2026-03-31T00:00Z', 'the days around the gap keep 02:30', [
      ['2026-03-28', '2026-03-28T01:30:00.000Z'], ['2026-03-29', '2026-03-29T01:30:00.000Z'], ['2026-03-30', '2026-03-30T00:30:00.000Z'],
    ]],
    ['America/New_York', '09:15', '2026-01-05T00:00Z', '2026-01-06T00:00Z', 'winter, EST −5', [['2026-01-05', '2026-01-05T14:15:00.000Z']]],
    ['America/New_York', '02:30', '2026-03-08T05:00Z', '2026-03-09T04:00Z', 'spring-forward gap: 03:30 EDT', [['2026-03-08', '2026-03-08T07:30:00.000Z']]],
    ['America/New_York', '01:30', '2026-11-01T04:00Z', '2026-11-02T05:00Z', 'fall-back overlap: once, the first (EDT)', [['2026-11-01', '2026-11-01T05:30:00.000Z']]],
    ['Australia/Sydney', '09:15', '2026-01-04T13:00Z', '2026-01-05T13:00Z', 'southern summer, AEDT +11: the day before in UTC', [['2026-01-05', '2026-01-04T22:15:00.000Z']]],
    ['Australia/Sydney', '02:30', '2026-10-03T14:00Z', '2026-10-04T13:00Z', 'southern spring gap (October): 03:30 AEDT', [['2026-10-04', '2026-10-03T16:30:00.000Z']]],
    ['Australia/Sydney', '02:30', '2026-04-04T13:00Z', '2026-04-05T14:00Z', 'southern autumn overlap (April): once, the first (AEDT)', [['2026-04-05', '2026-04-04T15:30:00.000Z']]],
    ['Asia/Kolkata', '09:15', '2026-03-28T18:30Z', '2026-03-29T18:30Z', 'no DST, +05:30', [['2026-03-29', '2026-03-29T03:45:00.000Z']]],
    ['Asia/Kolkata', '00:10', '2026-03-28T18:30Z', '2026-03-29T18:30Z', 'just after local midnight: the UTC day before', [['2026-03-29', '2026-03-28T18:40:00.000Z']]],
    ['Asia/Kolkata', '02:30', '2026-10-23T18:30Z', '2026-10-26T18:30Z', 'no DST: Europe\'s change day is a day like any', [
      ['2026-10-24', '2026-10-23T21:00:00.000Z'], ['2026-10-25', '2026-10-24T21:00:00.000Z'], ['2026-10-26', '2026-10-25T21:00:00.000Z'],
    ]],
  ])('%s %s in [%s, %s): %s', (zone, at, from, to, _why, expected) => {
    expect(when(rotation(zone, [{ at, task: 'Check' }]), from, to)).toEqual(expected);
  });

  // Berlin, Mon 5 Jan 2026 00:00 CET → Mon 12 Jan 2026 00:00 CET: one local week.
  const WEEK: [string, string] = ['2026-01-04T23:00Z', '2026-01-11T23:00Z'];
  it.each<[string, string[]]>([
    ['Mon-Fri 09:15', ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09']],
    ['Fri-Mon 08:00', ['2026-01-05', '2026-01-09', '2026-01-10', '2026-01-11']],
    ['Mon,Wed 09:15', ['2026-01-05', '2026-01-07']],
    ['Mon-Wed,Sat 09:15', ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-10']],
    ['Sun 23:59', ['2026-01-11']],
    ['Thu 18:00', ['2026-01-08']],
  ])('%s falls on %j in a week', (at, dates) => {
    expect(when(rotation('Europe/Berlin', [{ at, task: 'Check' }]), ...WEEK).map(([date]) => date)).toEqual(dates);
  });

  it('names each occurrence for good and keeps the duty\'s task, link and post', () => {
    const r = rotation('Europe/Berlin', [
      { at: 'Mon-Fri 09:15', task: 'Check the backups', link: 'https://runbooks.contoso.com/backups' },
      { at: 'Thu 18:00', task: 'Push the release candidate', post: 'channel' },
    ]);
    expect(dutyOccurrences(r, utc('2026-01-08T08:00Z'), utc('2026-01-08T18:00Z'))).toEqual([
      { key: 'duty:ops:c5983636:2026-01-08', rotation: 'ops', dutyId: 'c5983636', date: '2026-01-08', at: utc('2026-01-08T08:15Z'), task: 'Check the backups', link: 'https://runbooks.contoso.com/backups', post: 'personal' },
      { key: 'duty:ops:2ddc8148:2026-01-08', rotation: 'ops', dutyId: '2ddc8148', date: '2026-01-08', at: utc('2026-01-08T17:00Z'), task: 'Push the release candidate', post: 'channel' },
    ]);
  });

  it('is empty for an empty or backward window, and without duties', () => {
    const r = rotation('Europe/Berlin', [{ at: '09:15', task: 'Check' }]);
    expect(dutyOccurrences(r, utc('2026-01-05T08:15Z'), utc('2026-01-05T08:15Z'))).toEqual([]);
    expect(dutyOccurrences(r, utc('2026-01-06T00:00Z'), utc('2026-01-05T00:00Z'))).toEqual([]);
    expect(dutyOccurrences({ id: 'ops', timezone: 'Europe/Berlin' }, utc('2026-01-05T00:00Z'), utc('2026-01-12T00:00Z'))).toEqual([]);
  });

  it('refuses a time that was not validated, naming the rotation and the time', () => {
    expect(() => dutyOccurrences(rotation('UTC', [{ at: '9:15', task: 'Check' }]), 0, 1)).toThrow('rotation "ops": duty time "9:15" is not valid: validate the file first');
  });
});

describe('dutyId', () => {
  // FNV-1a (32 bits) of `at`, U+0000, `task`, computed outside Rota (Python) for these texts.
  it.each([
    [{ at: 'Mon-Fri 09:15', task: 'Check the backups' }, 'c5983636'],
    [{ at: 'Thu 18:00', task: 'Push the release candidate' }, '2ddc8148'],
    [{ at: ' Mon-Fri 09:15 ', task: ' Check the backups ' }, 'c5983636'],
  ])('%j → %s', (duty, id) => {
    expect(dutyId(duty)).toBe(id);
  });

  it('is stable when other duties are reordered, inserted or edited; its own time or task makes it another duty', () => {
    const backups = { at: 'Mon-Fri 09:15', task: 'Check the backups' };
    const ids = (duties: Duty[]) => dutyOccurrences(rotation('Europe/Berlin', duties), utc('2026-01-05T00:00Z'), utc('2026-01-06T00:00Z')).map((o) => `${o.task}=${o.dutyId}`);
    expect(ids([backups, { at: '10:00', task: 'Read the alerts' }])).toEqual(['Check the backups=c5983636', 'Read the alerts=' + dutyId({ at: '10:00', task: 'Read the alerts' })]);
    expect(ids([{ at: '10:00', task: 'Read the alerts (edited)' }, { at: '07:00', task: 'New' }, backups])).toContain('Check the backups=c5983636');
    expect(dutyId({ ...backups, at: 'Mon-Fri 09:30' })).not.toBe('c5983636');
    expect(dutyId({ ...backups, task: 'Check the backups!' })).not.toBe('c5983636');
  });
});

describe('checkOccurrences', () => {
  const r = rotation('Europe/Berlin', [], { morningCheck: '09:00', eveningCheck: 'Mon-Fri 17:30' });
  // Fri 9 Jan 2026 00:00 CET → Mon 12 Jan 2026 00:00 CET
  const from = utc('2026-01-08T23:00Z');
  const to = utc('2026-01-11T23:00Z');

  it('gives the morning check every day it names, at its local time, keyed by kind, rotation and date', () => {
    expect(checkOccurrences(r, 'morning', from, to)).toEqual(
      ['2026-01-09', '2026-01-10', '2026-01-11'].map((date) => ({ key: `check:morning:ops:${date}`, rotation: 'ops', kind: 'morning', date, at: utc(`${date}T08:00Z`) })),
    );
  });

  it('gives a weekday evening check on weekdays only', () => {
    expect(checkOccurrences(r, 'evening', from, to)).toEqual([{ key: 'check:evening:ops:2026-01-09', rotation: 'ops', kind: 'evening', date: '2026-01-09', at: utc('2026-01-09T16:30Z') }]);
  });

  it('keeps the DST rules: a check in the gap moves forward, in the overlap it comes once', () => {
    const night = rotation('America/New_York', [], { morningCheck: '02:30', eveningCheck: '01:30' });
    expect(checkOccurrences(night, 'morning', utc('2026-03-08T05:00Z'), utc('2026-03-09T04:00Z')).map((c) => iso(c.at))).toEqual(['2026-03-08T07:30:00.000Z']);
    expect(checkOccurrences(night, 'evening', utc('2026-11-01T04:00Z'), utc('2026-11-02T05:00Z')).map((c) => iso(c.at))).toEqual(['2026-11-01T05:30:00.000Z']);
  });

  it('is empty for a rotation without that check', () => {
    expect(checkOccurrences(rotation('Europe/Berlin', []), 'morning', from, to)).toEqual([]);
  });
});

describe('localDayBounds', () => {
  const day = (date: string) => Date.parse(`${date}T00:00Z`) / 86_400_000;
  it.each([
    ['Europe/Berlin', '2026-01-05', '2026-01-04T23:00:00.000Z', '2026-01-05T23:00:00.000Z'],
    ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    ['Europe/Berlin', '2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'],
    ['Australia/Sydney', '2026-04-05', '2026-04-04T13:00:00.000Z', '2026-04-05T14:00:00.000Z'],
    ['Asia/Kolkata', '2026-03-29', '2026-03-28T18:30:00.000Z', '2026-03-29T18:30:00.000Z'],
  ])('%s %s is [%s, %s)', (zone, date, start, end) => {
    const b = localDayBounds(zone, day(date));
    expect([iso(b.start), iso(b.end)]).toEqual([start, end]);
  });
});

describe('dutyOccurrences: properties', () => {
  const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'];
  /** Times biased to 01:00–03:59, where the gaps and overlaps are. */
  const minutes = fc.oneof(fc.integer({ min: 60, max: 239 }), fc.integer({ min: 0, max: 1439 }));
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const dutyTime = fc.record({ days: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }), minutes });
  const duties = fc.uniqueArray(dutyTime, { minLength: 1, maxLength: 4, selector: (d) => `${d.days.join()} ${d.minutes}` }).map((ts) =>
    ts.map((t, i): Duty => ({ at: `${t.days.map((d) => DAYS[d - 1]).join(',')} ${hhmm(t.minutes)}`, task: `Task ${i}` })),
  );
  const instant = fc.integer({ min: utc('2025-01-01T00:00Z'), max: utc('2027-12-31T00:00Z') });
  const DAY = 86_400_000;
  const world = fc.record({ zone: fc.constantFrom(...ZONES), duties, from: instant, length: fc.integer({ min: 0, max: 20 * DAY }), cut: fc.double({ min: 0, max: 1, noNaN: true }) });

  it('every occurrence is in [from, to), sorted, at most one per duty and local day, on a day its duty names, at its time (later only in a gap)', () => {
    fc.assert(
      fc.property(world, ({ zone, duties, from, length }) => {
        const to = from + length;
        const out = dutyOccurrences(rotation(zone, duties), from, to);
        expect(out.every((o) => o.at >= from && o.at < to)).toBe(true);
        expect(out.map((o) => o.at)).toEqual([...out.map((o) => o.at)].sort((a, b) => a - b));
        expect(new Set(out.map((o) => `${o.dutyId} ${o.date}`)).size).toBe(out.length);
        for (const o of out) {
          const duty = duties.find((d) => dutyId(d) === o.dutyId)!;
          const [days, time] = duty.at.split(' ');
          const local = DateTime.fromMillis(o.at, { zone });
          const wanted = DateTime.fromISO(`${o.date}T${time}`, { zone: 'UTC' });
          expect(days!.split(',')).toContain(DAYS[wanted.weekday - 1]);
          expect(local.toISODate()).toBe(o.date);
          const late = local.hour * 60 + local.minute - (wanted.hour * 60 + wanted.minute);
          // Luxon's own wall clock: the duty's time, or (spring-forward) the same instant read after the gap.
          expect(late === 0 || (late > 0 && late <= 60 && local.offset !== local.minus({ hours: 3 }).offset)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('splitting the window [a, c) at b gives the same occurrences as [a, b) then [b, c)', () => {
    fc.assert(
      fc.property(world, ({ zone, duties, from, length, cut }) => {
        const r = rotation(zone, duties);
        const b = from + Math.floor(length * cut);
        expect([...dutyOccurrences(r, from, b), ...dutyOccurrences(r, b, from + length)]).toEqual(dutyOccurrences(r, from, from + length));
      }),
      { numRuns: 300 },
    );
  });

  it('a local week (luxon\'s midnights) holds each duty once per weekday it names', () => {
    fc.assert(
      fc.property(world, ({ zone, duties, from }) => {
        const monday = DateTime.fromMillis(from, { zone }).startOf('week');
        const out = dutyOccurrences(rotation(zone, duties), monday.toMillis(), monday.plus({ weeks: 1 }).toMillis());
        for (const duty of duties) expect(out.filter((o) => o.dutyId === dutyId(duty)).length).toBe(duty.at.split(' ')[0]!.split(',').length);
      }),
      { numRuns: 300 },
    );
  });
});
