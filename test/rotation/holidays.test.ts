import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fairness } from '../../rotation/fairness.js';
import { holidayDays } from '../../rotation/holidays.js';
import { formatLocalDate, parseLocalDate } from '../../rotation/localDate.js';
import { segmentsBetween } from '../../rotation/segmentsBetween.js';
import { ZoneClock } from '../../rotation/zoneClock.js';
import { HOUR, iso, rotation, schedule, utc } from './helpers.js';

const day = (d: string) => parseLocalDate(d)!;

// Each date worked out by hand from the law and the calendar, not read from the library:
// Easter 2026 is Sun 5 April, so Good Friday is 3 April, Easter Monday 6 April, Ascension (+39) 14 May,
// Whit Monday (+50) 25 May, Corpus Christi (+60) Thu 4 June. 1 Nov 2026 is a Sunday, so the fourth
// Thursday (Thanksgiving) is 26 Nov; 4 July 2026 is a Saturday, so the federal holiday is observed Fri 3 July.
describe('public holidays by country (date-holidays, type public only)', () => {
  it.each([
    ['DE', 'BY', '2026-01-06', true, 'Epiphany (Heilige Drei Könige): Bavaria'],
    ['DE', 'BY', '2026-06-04', true, 'Corpus Christi (Fronleichnam): Bavaria'],
    ['DE', 'BY', '2026-04-03', true, 'Good Friday'],
    ['DE', 'BY', '2026-04-06', true, 'Easter Monday'],
    ['DE', 'BY', '2026-05-14', true, 'Ascension'],
    ['DE', 'BY', '2026-10-03', true, 'German Unity Day'],
    ['DE', 'BY', '2026-11-01', true, "All Saints' Day: Bavaria"],
    ['DE', 'BY', '2026-12-26', true, 'Second Christmas Day'],
    ['DE', 'BY', '2026-12-24', false, 'Christmas Eve: a bank half-day, not public'],
    ['DE', 'BY', '2026-02-16', false, 'Rosenmontag: an observance'],
    ['DE', 'BY', '2026-08-15', false, 'Assumption: public only in Bavaria\'s Catholic municipalities, not the state'],
    ['DE', undefined, '2026-01-06', false, 'Epiphany is no holiday in Germany as a whole'],
    ['DE', undefined, '2026-06-04', false, 'nor Corpus Christi'],
    ['DE', 'BE', '2026-03-08', true, "International Women's Day: Berlin"],
    ['US', undefined, '2026-11-26', true, 'Thanksgiving: the fourth Thursday of November'],
    ['US', undefined, '2026-11-27', false, 'the day after Thanksgiving: an observance'],
    ['US', undefined, '2026-07-03', true, 'Independence Day observed on the Friday'],
    ['US', undefined, '2026-07-04', true, 'Independence Day itself'],
    ['US', undefined, '2026-09-07', true, 'Labor Day: first Monday of September'],
    ['US', undefined, '2026-05-10', false, "Mother's Day: an observance"],
    ['US', undefined, '2026-12-24', false, 'Christmas Eve: optional'],
    ['GB', 'ENG', '2026-08-31', true, 'Summer bank holiday (England): last Monday of August'],
    ['GB', 'SCT', '2026-08-03', true, 'Summer bank holiday (Scotland): first Monday of August'],
    ['GB', 'SCT', '2026-08-31', false, 'not in Scotland'],
    // Ramazan Bayramı 2026 (Eid al-Fitr, 1 Shawwal 1447) is Fri 20 – Sun 22 March and Kurban Bayramı (Eid al-Adha,
    // 10 Dhu al-Hijjah) Wed 27 – Sat 30 May; each starts at 18:00 the evening before and ends at noon after its last day.
    ['TR', undefined, '2026-03-19', false, 'the evening before Ramazan Bayramı (from 18:00) is no holiday day'],
    ['TR', undefined, '2026-03-20', true, 'Ramazan Bayramı, first day'],
    ['TR', undefined, '2026-03-22', true, 'Ramazan Bayramı, third and last day'],
    ['TR', undefined, '2026-03-23', false, 'Mon 23 Mar: the holiday ends at its 12:00, the noon is not covered'],
    ['TR', undefined, '2026-05-26', false, 'the evening before Kurban Bayramı'],
    ['TR', undefined, '2026-05-27', true, 'Kurban Bayramı, first day'],
    ['TR', undefined, '2026-05-30', true, 'Kurban Bayramı, fourth and last day'],
    ['TR', undefined, '2026-05-31', false, 'Sun 31 May: after the last day'],
    ['TR', undefined, '2026-10-29', true, 'Republic Day (Cumhuriyet Bayramı), a whole day'],
  ] as Array<[string, string | undefined, string, boolean, string]>)('%s-%s %s: %s (%s)', (country, region, date, holiday) => {
    expect(holidayDays({ country, ...(region ? { region } : {}) }).has(day(date))).toBe(holiday);
  });

  it('the same calendar answers for every year it is asked about (cached per year)', () => {
    const us = holidayDays({ country: 'US' });
    // Thanksgiving 2027: 1 Nov 2027 is a Monday, so the Thursdays are 4, 11, 18, 25.
    expect([us.has(day('2027-11-25')), us.has(day('2026-11-26')), us.has(day('2027-11-26'))]).toEqual([true, true, false]);
  });

  it('adds the listed dates to the country\'s', () => {
    const h = holidayDays({ country: 'DE', region: 'BY', dates: ['2026-12-24', '2026-12-31'] });
    expect(['2026-12-24', '2026-12-25', '2026-12-31', '2026-12-30'].map((d) => h.has(day(d)))).toEqual([true, true, true, false]);
  });

  it('a plain list of dates is just those dates', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: day('2026-01-01'), max: day('2027-12-31') }), { maxLength: 30 }), fc.integer({ min: day('2026-01-01'), max: day('2027-12-31') }), (days, probe) => {
        const h = holidayDays(days.map(formatLocalDate));
        expect(h.has(probe)).toBe(days.includes(probe));
      }),
    );
  });
});

const handoffs = (def: Parameters<typeof rotation>[0], from: string, to: string) =>
  segmentsBetween(schedule([rotation({ every: '1d', handoff: '09:00', members: ['a@x.com', 'b@x.com', 'c@x.com'], ...def })]), utc(from), utc(to)).map((s) => [
    iso(s.start),
    (s.end - s.start) / HOUR,
  ]);

describe('a daily rotation skips the handoffs that fall on a public holiday, in its zone', () => {
  it('Bavaria at Easter 2026: no handoff on Good Friday (3 Apr) or Easter Monday (6 Apr); Easter Sunday is no public holiday there', () => {
    expect(handoffs({ id: 'd', timezone: 'Europe/Berlin', start: '2026-03-30', holidays: { country: 'DE', region: 'BY' } }, '2026-04-02T07:00', '2026-04-07T08:00')).toEqual([
      ['2026-04-02T07:00:00.000Z', 48], // Thu 09:00 CEST runs through Good Friday to Sat 09:00
      ['2026-04-04T07:00:00.000Z', 24],
      ['2026-04-05T07:00:00.000Z', 48], // Easter Sunday runs through Easter Monday
      ['2026-04-07T07:00:00.000Z', 24],
    ]);
  });

  it('Sydney at Easter 2026, across the end of daylight saving (Sun 5 Apr 03:00 AEDT → 02:00 AEST): Good Friday to Easter Monday are all holidays in NSW', () => {
    expect(handoffs({ id: 'd', timezone: 'Australia/Sydney', start: '2026-03-30', holidays: { country: 'AU', region: 'NSW' } }, '2026-04-01T22:00', '2026-04-07T23:00')).toEqual([
      // Thu 2 Apr 09:00 AEDT (+11) → Tue 7 Apr 09:00 AEST (+10): five days and the hour given back.
      ['2026-04-01T22:00:00.000Z', 121],
      ['2026-04-06T23:00:00.000Z', 24],
    ]);
  });

  it('New York at Thanksgiving: the Wednesday shift runs to Friday 09:00 EST', () => {
    expect(handoffs({ id: 'd', timezone: 'America/New_York', start: '2026-11-23', holidays: { country: 'US' } }, '2026-11-25T14:00', '2026-11-28T14:00')).toEqual([
      ['2026-11-25T14:00:00.000Z', 48],
      ['2026-11-27T14:00:00.000Z', 24],
    ]);
  });

  it('a holiday is a local date: 09:00 on 6 Jan in Berlin is 08:00 UTC, and the day before in Honolulu is no holiday of its own', () => {
    const clock = ZoneClock.of('Europe/Berlin');
    const at = handoffs({ id: 'd', timezone: 'Europe/Berlin', start: '2026-01-01', holidays: { country: 'DE', region: 'BY' } }, '2026-01-05T08:00', '2026-01-08T08:00');
    expect(at).toEqual([['2026-01-05T08:00:00.000Z', 48], ['2026-01-07T08:00:00.000Z', 24]]);
    expect(clock.localDay(utc('2026-01-06T08:00'))).toBe(day('2026-01-06'));
  });

  it('a weekly rotation hands off on a holiday as on any other day (Easter Monday 6 Apr 2026, 12:00 CEST)', () => {
    const s = schedule([rotation({ id: 'w', timezone: 'Europe/Berlin', start: '2026-03-30', holidays: { country: 'DE', region: 'BY' } })]);
    expect(segmentsBetween(s, utc('2026-03-30T10:00'), utc('2026-04-13T10:00')).map((x) => iso(x.start))).toEqual(['2026-03-30T10:00:00.000Z', '2026-04-06T10:00:00.000Z']);
  });
});

describe('stats: holiday hours from the same calendar', () => {
  it('a weekly Bavarian week with Epiphany: 24 holiday hours, 48 at the weekend', () => {
    const s = schedule([rotation({ id: 'w', timezone: 'Europe/Berlin', start: '2026-01-05', members: ['a@x.com', 'b@x.com'], holidays: { country: 'DE', region: 'BY' } })]);
    const [w] = fairness(s, utc('2026-01-05T11:00'), utc('2026-01-12T11:00'));
    expect(w?.members.find((m) => m.member === 'a@x.com')).toMatchObject({ onDutyHours: 168, weekendHours: 48, holidayHours: 24 });
  });

  it('Christmas week in Bavaria: 25 and 26 Dec count (48 h; the 26th, a Saturday, counts as weekend too), the 24th does not', () => {
    const s = schedule([rotation({ id: 'w', timezone: 'Europe/Berlin', start: '2026-12-21', members: ['a@x.com'], holidays: { country: 'DE', region: 'BY' } })]);
    const [w] = fairness(s, utc('2026-12-21T11:00'), utc('2026-12-28T11:00'));
    expect(w?.members[0]).toMatchObject({ onDutyHours: 168, weekendHours: 48, holidayHours: 48 });
  });

  it('a daily rotation\'s holiday hours: the Thanksgiving shift (Wed 09:00 → Fri 09:00 EST) has 24 of them', () => {
    const s = schedule([rotation({ id: 'd', timezone: 'America/New_York', every: '1d', handoff: '09:00', start: '2026-11-23', members: ['a@x.com', 'b@x.com'], holidays: { country: 'US' } })]);
    const [d] = fairness(s, utc('2026-11-25T14:00'), utc('2026-11-27T14:00'));
    // a on Mon 23, b on Tue 24, a again from Wed 25 (to Fri 27, past Thanksgiving): b has no hours in the window.
    expect(d?.members.map((m) => [m.member, m.onDutyHours, m.holidayHours])).toEqual([['a@x.com', 48, 24], ['b@x.com', 0, 0]]);
  });
});

const shifts = (def: Parameters<typeof rotation>[0], from: string, to: string) =>
  segmentsBetween(schedule([rotation({ handoff: '09:00', members: ['a@x.com', 'b@x.com', 'c@x.com'], ...def })]), utc(from), utc(to)).map((s) => [
    iso(s.start),
    (s.end - s.start) / HOUR,
    s.members.join(),
  ]);

describe('a rotation of several days moves a handoff off a holiday to the next day, the later ones keep their dates', () => {
  it('every 7d from Mon 23 Mar 2026 in Bavaria: Easter Monday\'s handoff is on Tue 7 Apr, the next one on Mon 13 Apr', () => {
    // 09:00 CET is 08:00 UTC until Sun 29 Mar, 09:00 CEST 07:00 UTC after; 23 Mar 08:00 → 30 Mar 07:00 is 167 h.
    expect(shifts({ id: 'w7', every: '7d', timezone: 'Europe/Berlin', start: '2026-03-23', holidays: { country: 'DE', region: 'BY' } }, '2026-03-23T08:00', '2026-04-14T07:00')).toEqual([
      ['2026-03-23T08:00:00.000Z', 167, 'a@x.com'],
      ['2026-03-30T07:00:00.000Z', 192, 'b@x.com'], // Mon 30 Mar → Tue 7 Apr: eight days, not fourteen
      ['2026-04-07T07:00:00.000Z', 144, 'c@x.com'], // Tue 7 Apr → Mon 13 Apr, its own date
      ['2026-04-13T07:00:00.000Z', 168, 'a@x.com'],
    ]);
  });

  it('every 2d from Mon 30 Mar 2026 in Bavaria: Good Friday\'s handoff moves to Sat 4 Apr, Sun 5 Apr keeps its own', () => {
    expect(shifts({ id: 'd2', every: '2d', timezone: 'Europe/Berlin', start: '2026-03-30', holidays: { country: 'DE', region: 'BY' } }, '2026-03-30T07:00', '2026-04-09T07:00')).toEqual([
      ['2026-03-30T07:00:00.000Z', 48, 'a@x.com'],
      ['2026-04-01T07:00:00.000Z', 72, 'b@x.com'], // Wed → Sat
      ['2026-04-04T07:00:00.000Z', 24, 'c@x.com'], // Sat → Sun
      ['2026-04-05T07:00:00.000Z', 48, 'a@x.com'],
      ['2026-04-07T07:00:00.000Z', 48, 'b@x.com'],
    ]);
  });

  it('every 2d from Wed 23 Dec 2026: 25 and 26 Dec are both holidays, so the handoff of the 25th reaches the 27th and merges into it', () => {
    // 09:00 CET is 08:00 UTC; Wed 23 → Sun 27 is 96 h.
    expect(shifts({ id: 'x2', every: '2d', timezone: 'Europe/Berlin', start: '2026-12-23', holidays: { country: 'DE', region: 'BY' } }, '2026-12-23T08:00', '2026-12-31T08:00')).toEqual([
      ['2026-12-23T08:00:00.000Z', 96, 'a@x.com'],
      ['2026-12-27T08:00:00.000Z', 48, 'b@x.com'],
      ['2026-12-29T08:00:00.000Z', 48, 'c@x.com'],
    ]);
  });

  it('every 3d with listed holidays (property): each handoff lies on a day that is no holiday, within its own step; every candidate date that is no holiday hands off', () => {
    const start = day('2026-01-05');
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { maxLength: 25 }), (offsets) => {
        const off = new Set(offsets);
        const days = segmentsBetween(
          schedule([rotation({ id: 'p', every: '3d', handoff: '00:00', start: '2026-01-05', holidays: offsets.map((o) => formatLocalDate(start + o)) })]),
          utc('2026-01-05T00:00'),
          utc('2026-03-06T00:00'),
        ).map((s) => Math.round((s.start - utc('2026-01-05T00:00')) / (24 * HOUR)));
        const expected: number[] = [];
        for (let c = 0; c < 60; c += 3) {
          const d = [c, c + 1, c + 2].find((x) => !off.has(x));
          if (d !== undefined) expected.push(d);
        }
        expect(days).toEqual(expected);
      }),
    );
  });
});
