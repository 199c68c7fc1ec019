import { describe, expect, it } from 'vitest';
import { splitRotation } from '../../app/usecases/context.js';
import { readStatsRequest } from '../../app/usecases/statsView.js';
import { readQuestion, workingTime } from '../../app/usecases/question.js';
import { snap } from './chatSnapshot.js';

/** Tuesday 1 December 2026, 10:00 in Berlin (CET, UTC+1). */
const NOW = Date.parse('2026-12-01T09:00:00Z');

/** [rotation id or '-', the instant as UTC ISO or '-', dateOnly] */
type Read = [string, string, boolean?];
const read = (text: string): Read | string => {
  const q = readQuestion(snap(), text, NOW);
  if (!q.ok) return q.error;
  const id = q.value.rotation?.id ?? '-';
  return q.value.at ? [id, new Date(q.value.at.instant).toISOString(), q.value.at.dateOnly] : [id, '-'];
};

describe('readQuestion: "[rotation] [time]" either way round', () => {
  it.each<[string, Read]>([
    ['', ['-', '-']],
    ['ops', ['ops', '-']],
    ['the op of the week', ['ops', '-']],
    ['ops tomorrow', ['ops', '2026-12-01T23:00:00.000Z', true]],
    ['tomorrow ops', ['ops', '2026-12-01T23:00:00.000Z', true]],
    ['tomorrow for ops', ['ops', '2026-12-01T23:00:00.000Z', true]],
    ['mro next monday', ['mro', '2026-12-06T23:00:00.000Z', true]],
    ['24 dec', ['-', '2026-12-23T23:00:00.000Z', true]],
    ['on 24 dec', ['-', '2026-12-23T23:00:00.000Z', true]],
    // "night" is a rotation here, though chrono would read it as a date
    ['night', ['night', '-']],
    ['night at 23:00', ['night', '2026-12-01T22:00:00.000Z', false]],
    ['night on call at 23:00', ['night', '2026-12-01T22:00:00.000Z', false]],
    ['interrupt on 24 dec 14:00', ['mro', '2026-12-24T13:00:00.000Z', false]],
    ['at 23:00', ['-', '2026-12-01T22:00:00.000Z', false]],
    ['ops now', ['ops', '-']],
    ['right now', ['-', '-']],
    ['today', ['-', '2026-11-30T23:00:00.000Z', true]],
    // a part of the day sets the hour (chrono gives a date alone for these)
    ['tonight', ['-', '2026-12-01T21:00:00.000Z', false]],
    ['night tonight', ['night', '2026-12-01T21:00:00.000Z', false]],
    ['ops friday night', ['ops', '2026-12-04T21:00:00.000Z', false]],
    ['tomorrow morning', ['-', '2026-12-02T08:00:00.000Z', false]],
    ['tomorrow evening', ['-', '2026-12-02T19:00:00.000Z', false]],
    // a named rotation's own zone: 09:00 in Tokyo is 00:00 UTC
    ['apac 24 dec 09:00', ['apac', '2026-12-24T00:00:00.000Z', false]],
  ])('%j → %j', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it.each([
    ['mor tomorrow', 'I know no rotation "mor". Rotations here: ops (Op of the Week), mro (MRO / Interrupt), dev (Dev of the Week), night (Night on call), apac (APAC ops).'],
    ['mro nxt tuesday', "I could not read 'nxt tuesday' as a date; try 2026-03-10 or 'next Tuesday'"],
    ['week', '"week" could be ops (Op of the Week) or dev (Dev of the Week): which one? Rotations here: ops (Op of the Week), mro (MRO / Interrupt), dev (Dev of the Week), night (Night on call), apac (APAC ops).'],
    ['bestest', 'I know no rotation "bestest". Rotations here: ops (Op of the Week), mro (MRO / Interrupt), dev (Dev of the Week), night (Night on call), apac (APAC ops). A time can follow: "who ops tomorrow", "who is on call on 24 Dec 09:00".'],
  ])('%j is refused with what did not read: %s', (text, message) => {
    expect(read(text)).toBe(message);
  });
});

describe('workingTime: a date alone stands for 09:00 local that day, today for now', () => {
  it.each([
    // winter (CET) and summer (CEST): 09:00 local is 08:00 and 07:00 UTC
    ['2026-12-01T23:00:00.000Z', true, '2026-12-02T08:00:00.000Z'],
    ['2026-06-30T22:00:00.000Z', true, '2026-07-01T07:00:00.000Z'],
    // the day DST starts (Sun 29 Mar 2026): midnight is CET, 09:00 is CEST
    ['2026-03-28T23:00:00.000Z', true, '2026-03-29T07:00:00.000Z'],
    ['2026-12-01T22:00:00.000Z', false, '2026-12-01T22:00:00.000Z'],
    // today means now (Tue 1 Dec 10:00)
    ['2026-11-30T23:00:00.000Z', true, '2026-12-01T09:00:00.000Z'],
  ])('%s (dateOnly %s) → %s', (instant, dateOnly, expected) => {
    expect(new Date(workingTime({ instant: Date.parse(instant), dateOnly, text: '' }, 'Europe/Berlin', NOW)).toISOString()).toBe(expected);
  });
});

describe('splitRotation: a rotation by whole id or name at either end of a change\'s arguments', () => {
  it.each([
    ['next with bob ops', 'ops', 'next with bob'],
    ['ops next with bob', 'ops', 'next with bob'],
    ['next with bob op of the week', 'ops', 'next with bob'],
    ['2026-12-10 to 2026-12-12 the night on call', 'night', '2026-12-10 to 2026-12-12'],
    ['2026-12-10 to 2026-12-12 MRO / Interrupt', 'mro', '2026-12-10 to 2026-12-12'],
    // words and prefixes are dates here, not rotations
    ['next week', '-', 'next week'],
    ['tomorrow to friday op', '-', 'tomorrow to friday op'],
    ['2026-12-10 to 2026-12-12 interrupt', '-', '2026-12-10 to 2026-12-12 interrupt'],
  ])('%j → %s, %j', (args, id, rest) => {
    const split = splitRotation(snap(), args);
    expect([split.rotation?.id ?? '-', split.rest]).toEqual([id, rest]);
  });
});

describe('readStatsRequest: "[rotation] [next|last] [N weeks]" in any order', () => {
  it.each([
    ['', '-', 4, false],
    ['ops', 'ops', 4, false],
    ['8 weeks', '-', 8, false],
    ['ops 8 weeks', 'ops', 8, false],
    ['8w for the op of the week', 'ops', 8, false],
    ['last 6 weeks mro', 'mro', 6, false],
    ['next 2 weeks', '-', 2, true],
    ['coming 1 week for night', 'night', 1, true],
    ['next', '-', 4, true],
    ['interrupt next', 'mro', 4, true],
  ])('%j → %s, %d weeks, coming %s', (args, id, weeks, coming) => {
    const r = readStatsRequest(snap(), args);
    expect(r.ok ? [r.value.rotation?.id ?? '-', r.value.weeks, r.value.coming] : r.error).toEqual([id, weeks, coming]);
  });

  it.each([
    ['0 weeks', 'weeks: expected 1 to 52, got 0 ("stats 8 weeks")'],
    ['53 weeks', 'weeks: expected 1 to 52, got 53 ("stats 8 weeks")'],
    ['opps', 'I know no rotation "opps". Rotations here: ops (Op of the Week), mro (MRO / Interrupt), dev (Dev of the Week), night (Night on call), apac (APAC ops).'],
  ])('%j is refused: %s', (args, message) => {
    const r = readStatsRequest(snap(), args);
    expect(r.ok ? r.value : r.error).toBe(message);
  });
});
