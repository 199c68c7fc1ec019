import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProblems, cardsIn } from '../helpers/cardCheck.js';
import { ENGINES } from '../helpers/databases.js';
import type { RecordedRequest } from '../helpers/connectorStandIn.js';
import { stopBot, type BotWorld } from './botHarness.js';
import { people } from './dutyWorld.js';
import { bobsWeek, HANDOFF } from './loadWorld.js';

type Card = { body: Array<{ text?: string }> };

// Bob's week as loadWorld.ts describes it; the handoff to Carol at Mon 23 Mar 09:00 Berlin, posted 30 s after it.
describe.each(ENGINES)('the handoff card\'s duty record (%s)', (engine) => {
  let w: BotWorld;
  let atHandoff: RecordedRequest[];
  const p = people(() => w);
  beforeAll(async () => {
    ({ w, atHandoff } = await bobsWeek(engine));
  }, 120_000);
  afterAll(() => stopBot(w));

  it('shows the outgoing shift\'s duties: missed (for whom), skipped with the reason, done (by whom), in that order', () => {
    const posts = atHandoff.filter((r) => r.method === 'POST' && r.path === '/v3/conversations');
    expect(posts).toHaveLength(1);
    const [card] = cardsIn(posts[0]!.body.activity as Record<string, unknown>) as Card[];
    expect(cardProblems(card)).toEqual([]);
    const texts = card!.body.map((b) => b.text);
    const at = texts.findIndex((t) => t?.startsWith('**Duties this shift**'));
    expect(texts.slice(at, at + 2)).toEqual([
      '**Duties this shift** (since Mon 16 Mar 09:00 GMT+1): 2 missed, 1 skipped, 3 done',
      [
        '❌ Missed: Check overnight alerts (Thu 19 Mar 09:15 GMT+1), for Bob Baker',
        '❌ Missed: Check the night backup (Sun 22 Mar 10:00 GMT+1), never sent: Rota was down',
        '⏭ Skipped: Check overnight alerts (Tue 17 Mar 09:15 GMT+1) by Bob Baker: alerting was down for maintenance',
        '✅ Done: Check overnight alerts (Mon 16 Mar 09:15 GMT+1) by Bob Baker',
        '✅ Done: Check overnight alerts (Wed 18 Mar 09:15 GMT+1) by Erin Ende',
        '✅ Done: Check overnight alerts (Fri 20 Mar 09:15 GMT+1) by Bob Baker',
      ].join('\n'),
    ]);
    // Beside the items passing to Carol, which the items work put there.
    expect(texts).toContain('**Open items passing to <at>Carol Cook</at>**');
  });

  it('"I\'ve got it" updates the card in place, the duty record still on it', async () => {
    w.h.clock.now = HANDOFF + 5 * 60_000;
    const acked = await p.click('carol', 'handoff.ack', { key: `handoff:ops:${HANDOFF}` });
    expect(acked.texts).toContain('**Duties this shift** (since Mon 16 Mar 09:00 GMT+1): 2 missed, 1 skipped, 3 done');
    expect(acked.texts.find((t) => t.startsWith('✅ Acknowledged by'))).toBe('✅ Acknowledged by <at>Carol Cook</at> at Mon 23 Mar 09:05 GMT+1');
  });
});
