import { ok, fail, type Outcome } from '../../rotation/result.js';

/** Lead times are minutes: what `people.reminder_leads` stores and `remind 1d 2h` means. */
export const DEFAULT_LEADS = [24 * 60];
export const MAX_LEAD = 7 * 24 * 60;
const MAX_LEADS = 5;
const EXPECTED = 'a lead time like 2h, 30m or 1d, up to 7d';
const UNIT: Record<string, number> = { m: 1, h: 60, d: 24 * 60 };
/** Words that may stand around lead times: "remind me 1d and 2h before". */
const FILLER = new Set(['on', 'me', 'and', 'before', 'ahead', 'in', 'advance']);

/** "1d 2h", "90m", "2 hours" → minutes, largest first, without repeats; anything else is named in the refusal. */
export function parseLeads(text: string): Outcome<number[]> {
  const words = text.toLowerCase().replace(/,/g, ' ').replace(/(\d)\s+(?=[a-z])/g, '$1').split(/\s+/).filter((w) => w && !FILLER.has(w));
  if (words.length === 0) return fail(`Which lead time? Expected ${EXPECTED}: remind 2h, or remind 1d 2h for two reminders.`);
  const leads: number[] = [];
  for (const word of words) {
    const minutes = wordMinutes(word);
    if (minutes === undefined) return fail(`I could not read '${word}' as a lead time: expected ${EXPECTED}.`);
    if (minutes < 1) return fail(`'${word}' is no lead time: expected ${EXPECTED}.`);
    if (minutes > MAX_LEAD) return fail(`'${word}' is longer than 7d: expected ${EXPECTED}.`);
    leads.push(minutes);
  }
  const unique = [...new Set(leads)].sort((a, b) => b - a);
  if (unique.length > MAX_LEADS) return fail(`At most ${MAX_LEADS} lead times, please (you gave ${unique.length}).`);
  return ok(unique);
}

/** "2h", "90m", "1h30m", "2hours" → minutes; undefined unless the whole word is made of such pieces. */
function wordMinutes(word: string): number | undefined {
  let total = 0;
  let covered = 0;
  for (const m of word.matchAll(/(\d{1,5})(minutes?|mins?|m|hours?|hrs?|h|days?|d)/g)) {
    if (m.index !== covered) return undefined;
    covered += m[0].length;
    total += Number(m[1]) * UNIT[m[2]![0]!]!;
  }
  return covered > 0 && covered === word.length ? total : undefined;
}

/** 1440 → "1d", 90 → "1h 30m", 2880 + 60 → "2d 1h". */
export function formatLead(minutes: number): string {
  const d = Math.floor(minutes / (24 * 60));
  const h = Math.floor((minutes % (24 * 60)) / 60);
  const m = minutes % 60;
  return [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean).join(' ') || '0m';
}

/** [1440, 120] → "1d and 2h". */
export function formatLeads(leads: readonly number[]): string {
  const parts = leads.map(formatLead);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
}
