import Holidays from 'date-holidays';
import { civilDate, parseLocalDate } from './localDate.js';
import type { FileHolidays } from './rotationFileSchema.js';
import { ZoneClock } from './zoneClock.js';

/**
 * A rotation's holidays as local calendar days (epoch days, rotation/localDate.ts): the dates the file lists and,
 * with `{ country, region }`, that country's public holidays from date-holidays (a maintained holiday library).
 * Only date-holidays' type `public` counts (a day off by law, substitute days included, e.g. US Independence Day
 * observed on Fri 3 Jul 2026); `bank` (DE Christmas Eve afternoon), `school`, `optional` and `observance` (Mother's
 * Day, Rosenmontag) do not. The handoffs (compiledRotation.ts) and `stats`' holiday hours (fairness.ts) both ask here.
 */
export interface HolidayDays {
  has(day: number): boolean;
  /**
   * An upper bound on the holidays in a run of handoff candidates that all fall on holidays: bounds the handoff
   * cursor's search (handoffCursor.ts). A listed date is one; a country's holidays come in runs of days (the
   * longest, Lunar New Year or Eid, well under two weeks), so a year of days is a safe bound for a country.
   */
  readonly bound: number;
}

const NO_HOLIDAYS: HolidayDays = { has: () => false, bound: 0 };

/** The days of `holidays` as the file writes it; undefined (no holidays) is none. */
export function holidayDays(holidays: FileHolidays | undefined): HolidayDays {
  if (holidays === undefined) return NO_HOLIDAYS;
  const listed = new Set((Array.isArray(holidays) ? holidays : (holidays.dates ?? [])).map((d) => parseLocalDate(d) ?? NaN));
  const country = Array.isArray(holidays) ? undefined : publicHolidays(holidays.country, holidays.region);
  if (!country) return { has: (day) => listed.has(day), bound: listed.size };
  return { has: (day) => listed.has(day) || country.has(day), bound: listed.size + 366 };
}

/** date-holidays' countries (ISO 3166-1 alpha-2) and a country's regions (its ISO 3166-2 subdivisions, "BY"). */
export function holidayCountries(): string[] {
  return Object.keys(library().getCountries()).sort();
}

export function holidayRegions(country: string): string[] {
  return Object.keys(library().getStates(country) ?? {}).sort();
}

let shared: Holidays | undefined;
const library = (): Holidays => (shared ??= new Holidays());

/** One calendar per country and region, each year computed once, when first asked (a year costs milliseconds). */
const calendars = new Map<string, PublicHolidays>();

function publicHolidays(country: string, region: string | undefined): PublicHolidays {
  const key = `${country}-${region ?? ''}`;
  let calendar = calendars.get(key);
  if (!calendar) calendars.set(key, (calendar = new PublicHolidays(country, region)));
  return calendar;
}

class PublicHolidays {
  private readonly years = new Map<number, ReadonlySet<number>>();
  private readonly source: Holidays;
  /** The zone date-holidays computes the country's instants in (its first zone, date-holidays-parser Holidays.init). */
  private readonly clock: ZoneClock;

  constructor(country: string, region: string | undefined) {
    this.source = region === undefined ? new Holidays(country) : new Holidays(country, region);
    this.clock = ZoneClock.of(this.source.getTimezones()[0] ?? 'UTC');
  }

  /** A holiday of several days (Eid al-Fitr, three) may start in December and run into the next year. */
  has(day: number): boolean {
    const { year } = civilDate(day);
    return this.year(year).has(day) || this.year(year - 1).has(day);
  }

  private year(year: number): ReadonlySet<number> {
    let days = this.years.get(year);
    if (days) return days;
    const set = new Set<number>();
    for (const h of this.source.getHolidays(year)) {
      if (h.type !== 'public') continue;
      // A local day is a holiday when the holiday covers its local noon ([start, end) in the country's zone): an
      // Islamic holiday runs from 18:00 the evening before to 12:00 after its last day (TR's Ramazan Bayramı 2026,
      // `1 Shawwal PT90H`: Thu 19 Mar 18:00 → Mon 23 Mar 12:00, so 20–22 March), neither end day counts.
      const start = h.start.getTime();
      const end = h.end.getTime();
      const last = this.clock.localDay(end);
      for (let d = this.clock.localDay(start); d <= last; d++) {
        const noon = this.clock.at(d, 12 * 60);
        if (noon >= start && noon < end) set.add(d);
      }
    }
    this.years.set(year, (days = set));
    return days;
  }
}
