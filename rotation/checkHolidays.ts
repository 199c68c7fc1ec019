import { holidayCountries, holidayRegions } from './holidays.js';
import type { FileRotation } from './rotationFileSchema.js';

type Report = (path: PropertyKey[], message: string) => void;

/** "DE, FR, GB … (207 in all)": a few of the codes the holiday library knows, to pick from. */
function someOf(codes: string[], preferred: string[]): string {
  const shown = [...preferred.filter((c) => codes.includes(c)), ...codes.filter((c) => !preferred.includes(c))].slice(0, 12);
  return `${shown.join(', ')}${codes.length > shown.length ? ` … (${codes.length} in all)` : ''}`;
}

const COMMON_COUNTRIES = ['DE', 'FR', 'GB', 'US', 'NL', 'AT', 'CH', 'IE', 'IN', 'PL', 'ES', 'IT'];

/**
 * `holidays: { country, region }` names a country and region date-holidays knows (rotation/holidays.ts): an unknown
 * code would silently mean no holidays at all. Holidays are allowed on weekly rotations too: there they count in
 * `stats`' holiday hours and move no handoff (a day-based rotation moves a handoff off a holiday, handoffCursor.ts).
 */
export function checkHolidays(r: FileRotation, at: PropertyKey[], err: Report): void {
  const h = r.holidays;
  if (h === undefined || Array.isArray(h)) return;
  const countries = holidayCountries();
  if (!countries.includes(h.country)) {
    err([...at, 'holidays', 'country'], `unknown country "${h.country}" (expected an ISO 3166-1 code the holiday library knows, such as ${someOf(countries, COMMON_COUNTRIES)})`);
    return;
  }
  if (h.region === undefined) return;
  const regions = holidayRegions(h.country);
  if (regions.length === 0) err([...at, 'holidays', 'region'], `${h.country} has no regions in the holiday library: leave region out`);
  else if (!regions.includes(h.region)) err([...at, 'holidays', 'region'], `unknown region "${h.region}" of ${h.country} (expected one of ${someOf(regions, [])})`);
}
