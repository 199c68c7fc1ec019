import { describe, expect, it } from 'vitest';
import { day, when } from '../../app/usecases/format.js';

const now = Date.parse('2026-12-01T09:00:00Z');

// Literal expectations: the year appears exactly when the instant's local year is not now's local year.
describe('when shows the year when it is not the current one', () => {
  it.each([
    ['2026-12-20T11:00:00Z', 'Europe/Berlin', 'Sun 20 Dec 12:00 GMT+1'],
    ['2036-12-20T11:00:00Z', 'Europe/Berlin', 'Sat 20 Dec 2036 12:00 GMT+1'],
    ['2027-01-04T08:00:00Z', 'Europe/Berlin', 'Mon 4 Jan 2027 09:00 GMT+1'],
    // 31 Dec 23:30 UTC is already 2027 in Berlin: the local year counts.
    ['2026-12-31T23:30:00Z', 'Europe/Berlin', 'Fri 1 Jan 2027 00:30 GMT+1'],
    ['2026-12-31T23:30:00Z', 'America/New_York', 'Thu 31 Dec 18:30 EST'],
    ['2025-06-01T12:00:00Z', 'UTC', 'Sun 1 Jun 2025 12:00 UTC'],
  ])('%s in %s → %s', (iso, zone, expected) => {
    expect(when(Date.parse(iso), zone, now)).toBe(expected);
  });

  it('leaves the year out without a now (tables that show it elsewhere)', () => {
    expect(when(Date.parse('2036-12-20T11:00:00Z'), 'Europe/Berlin')).toBe('Sat 20 Dec 12:00 GMT+1');
  });

  it('formats whole days the same way', () => {
    expect(day(Date.parse('2036-12-20T11:00:00Z'), 'Europe/Berlin', now)).toBe('Sat 20 Dec 2036');
    expect(day(Date.parse('2026-12-20T11:00:00Z'), 'Europe/Berlin', now)).toBe('Sun 20 Dec');
  });
});
