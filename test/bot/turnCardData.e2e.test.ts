import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.js';
import { startBot, stopBot, type BotWorld } from './botHarness.js';
import { click, refusal } from './itemKit.js';

// Cards whose data does not parse (an old card, a forged click): the answer names the field and what was expected,
// says what to do with the card, and nothing is written.
const OUT_OF_DATE = 'Nothing changed: this card is out of date.';

describe.each(ENGINES)('a card whose data does not parse (%s)', (engine) => {
  let w: BotWorld;
  beforeAll(async () => {
    w = await startBot(engine);
  });
  afterAll(() => stopBot(w));

  it.each([
    ['a forged snooze of 30 minutes', 'duty.snooze', { key: 'duty:ops:backups:2026-03-04', minutes: 30 }, `I could not read that card (minutes: expected 15 or 60). ${OUT_OF_DATE}`],
    ['a snooze that is not a number', 'duty.snooze', { key: 'duty:ops:backups:2026-03-04', minutes: 'soon' }, `I could not read that card (minutes: expected a number). ${OUT_OF_DATE}`],
    ['a take-over card without its request', 'item.take.accept', {}, `I could not read that card (requestId: missing). ${OUT_OF_DATE}`],
    ['a handoff card with an empty key', 'handoff.ack', { key: '' }, `I could not read that card (key: empty). ${OUT_OF_DATE}`],
    ['an evening check with a status that is not text', 'check.evening.submit', { key: 'check:evening:ops:2026-03-04', status: 5 }, `I could not read that card (status: expected text). ${OUT_OF_DATE}`],
    [
      'an old time-off card: what to ask again with',
      'timeoff.confirm',
      { from: 'Monday', to: 1772614800000 },
      'I could not read that card (from: expected a number; fromDateOnly: missing; toDateOnly: missing). Nothing changed: ask again with "time off" for a new card.',
    ],
  ])('%s', async (_case, verb, data, answer) => {
    const before = await w.t.db('audit_log').count({ n: '*' }).first();
    const { body } = await click(w, 'alice', verb, data);
    expect(refusal(body)).toBe(answer);
    expect(await w.t.db('audit_log').count({ n: '*' }).first()).toEqual(before);
  });
});
