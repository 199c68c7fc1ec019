import { describe, expect, it } from 'vitest';
import { nextLocalMidnight, parseChatRange, parseChatTime } from '../../app/usecases/dates.js';

// Wednesday 4 March 2026, 10:00 in Berlin.
const NOW = Date.parse('2026-03-04T09:00:00Z');

describe('parseChatTime: dates as people type them, in the rotation zone', () => {
  it.each([
    ['2026-03-10', 'Europe/Berlin', '2026-03-09T23:00:00.000Z', true],
    ['2026-03-10 09:00', 'Europe/Berlin', '2026-03-10T08:00:00.000Z', false],
    ['2026-03-10T09:00', 'America/New_York', '2026-03-10T13:00:00.000Z', false],
    ['next Tuesday', 'Europe/Berlin', '2026-03-09T23:00:00.000Z', true],
    ['tomorrow 9am', 'Europe/Berlin', '2026-03-05T08:00:00.000Z', false],
    // A part of the day sets the hour where no time is given (chrono alone reads "tonight" as midnight).
    ['tonight', 'Europe/Berlin', '2026-03-04T21:00:00.000Z', false],
    ['friday morning', 'Europe/Berlin', '2026-03-06T08:00:00.000Z', false],
    ['2026-03-29 02:30', 'Europe/Berlin', '2026-03-29T01:30:00.000Z', false], // inside the spring-forward gap: moved forward
  ])('%j in %s → %s', (text, zone, iso, dateOnly) => {
    const r = parseChatTime(text, zone, NOW);
    expect(r).toMatchObject({ ok: true, value: { dateOnly } });
    expect(r.ok && new Date(r.value.instant).toISOString()).toBe(iso);
  });

  it.each(['nxt tuesday', 'soonish', 'tuesday-ish', ''])('refuses %j with a specific message', (text) => {
    expect(parseChatTime(text, 'UTC', NOW)).toEqual({ ok: false, error: `I could not read '${text}' as a date; try 2026-03-10 or 'next Tuesday'` });
  });
});

describe('parseChatRange', () => {
  it('a date alone as the end covers that whole day', () => {
    const r = parseChatRange('2026-03-09 to 2026-03-13', 'UTC', NOW);
    expect(r.ok && [r.value.from.instant, r.value.to.instant].map((t) => new Date(t).toISOString())).toEqual(['2026-03-09T00:00:00.000Z', '2026-03-14T00:00:00.000Z']);
  });
  it.each([
    // One date alone is that whole local day, 23 h on the spring-forward Sunday.
    ['2026-03-09', 'UTC', '2026-03-09T00:00:00.000Z', '2026-03-10T00:00:00.000Z'],
    ['tomorrow', 'Europe/Berlin', '2026-03-04T23:00:00.000Z', '2026-03-05T23:00:00.000Z'],
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
    // "tomorrow" as an end is read like any date alone: the whole day.
    ['today to tomorrow', 'Europe/Berlin', '2026-03-03T23:00:00.000Z', '2026-03-05T23:00:00.000Z'],
    ['2026-03-09 09:00 to tomorrow', 'UTC', '2026-03-09T09:00:00.000Z', '2026-03-11T00:00:00.000Z'],
  ])('%j in %s is [%s, %s)', (text, zone, from, to) => {
    const r = parseChatRange(text, zone, NOW);
    expect(r.ok && [r.value.from.instant, r.value.to.instant].map((t) => new Date(t).toISOString())).toEqual([from, to]);
  });
  it.each([
    ['from 2026-03-09 09:00 until 2026-03-09 17:00', true],
    ['2026-03-09 2026-03-10', true],
    ['2026-03-09 - 2026-03-10', true],
  ])('%j', (text, ok) => expect(parseChatRange(text, 'UTC', NOW).ok).toBe(ok));
  it.each([
    ['2026-03-09 10:00', "I need an end as well as '2026-03-09 10:00', for example '2026-03-09 10:00 to 17:00' or '2026-03-09 10:00 to next Friday'"],
    ['2026-03-13 to 2026-03-09', "'2026-03-09' is not after '2026-03-13': the end must come after the start"],
    ['nxt tuesday to friday', "I could not read 'nxt tuesday' as a date; try 2026-03-10 or 'next Tuesday'"],
  ])('%j → %s', (text, message) => expect(parseChatRange(text, 'UTC', NOW)).toEqual({ ok: false, error: message }));
});

describe('nextLocalMidnight: a whole local day, 23 or 25 hours across DST (Europe/Berlin)', () => {
  it.each([
    { day: 'an ordinary day', start: '2026-03-04T00:00:00+01:00', expected: '2026-03-05T00:00:00+01:00', hours: 24 },
    { day: 'spring forward (29 Mar 2026)', start: '2026-03-29T00:00:00+01:00', expected: '2026-03-30T00:00:00+02:00', hours: 23 },
    { day: 'fall back (25 Oct 2026)', start: '2026-10-25T00:00:00+02:00', expected: '2026-10-26T00:00:00+01:00', hours: 25 },
  ])('$day', ({ start, expected, hours }) => {
    const end = nextLocalMidnight(Date.parse(start), 'Europe/Berlin');
    expect(end).toBe(Date.parse(expected));
    expect((end - Date.parse(start)) / 3_600_000).toBe(hours);
  });
});
