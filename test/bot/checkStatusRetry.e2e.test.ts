import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionInvoke, installActivity, teamsMessage, TEAM_1 } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, type BotWorld } from './botHarness.js';
import { CHECKS_FILE, cardTexts, channelTexts, checkCards, formUpdates, SAT_0830 } from './checkWorld.js';

// Op of the Week in Amsterdam (checkWorld.ts): Bob has Sat 28 Mar 2026 (CET), Alice Sun 29 Mar (CEST from 03:00).
const Z = (iso: string) => Date.parse(iso);

describe.each(ENGINES)('an evening status Teams refused to post (%s)', (engine) => {
  let w: BotWorld;
  const from = (who: 'alice' | 'bob') => ({ id: PEOPLE[who].id, name: PEOPLE[who].name, aadObjectId: PEOPLE[who].aadObjectId });
  const submit = async (who: 'alice' | 'bob', key: string, status: string, at: number) => {
    w.h.clock.now = at;
    const mark = w.h.mark();
    const res = await w.h.post(actionInvoke(w.connector.url, { verb: 'check.evening.submit', data: { key, status }, from: from(who), conversation: { id: `a:chat-${who}`, conversationType: 'personal' } }));
    return { card: (res.body as { value: unknown }).value as { body: Array<{ text?: string }>; actions?: Array<{ title: string }> }, sent: w.h.since(mark) };
  };
  const tick = async (at: number) => {
    w.h.clock.now = at;
    const mark = w.h.mark();
    await w.h.rota.handoffs.tick(at);
    return w.h.since(mark);
  };

  beforeAll(async () => {
    w = await startBot(engine, Object.values(PEOPLE), { file: CHECKS_FILE, now: SAT_0830 });
    await w.h.post(installActivity(w.connector.url, { team: TEAM_1, channel: '19:ops@thread.tacv2' }));
    for (const who of ['alice', 'bob'] as const) {
      await w.h.post(teamsMessage({ serviceUrl: w.connector.url, text: 'my shifts', from: from(who), conversation: { id: `a:chat-${who}`, conversationType: 'personal' } }));
    }
  });
  afterAll(() => stopBot(w));

  it('is posted again by the minute tick 15 minutes later, and the form then reads posted', async () => {
    expect(checkCards(await tick(Z('2026-03-28T16:30:00Z')), 'Evening check').map((c) => c.to)).toEqual(['a:chat-bob']);
    w.connector.failNext(1, 403);
    const refused = await submit('bob', 'check:evening:ops:2026-03-28', 'All quiet.', Z('2026-03-28T16:35:00Z'));
    expect(cardTexts(refused.card)[1]).toBe('⚠ Answered by Bob Baker at Sat 28 Mar 17:35 GMT+1, but not posted to the channel: posting failed: stand-in answers 403 on demand. Rota tries again every 15 minutes today, or post it again now.');
    expect(refused.card.actions?.map((a) => a.title)).toEqual(['Post to the channel again']);

    expect(channelTexts(await tick(Z('2026-03-28T16:49:00Z')))).toEqual([]);
    const retried = await tick(Z('2026-03-28T16:50:00Z'));
    expect(channelTexts(retried)).toEqual(['Evening check — Op of the Week, Sat 28 Mar, by Bob Baker: All quiet.']);
    expect(formUpdates(retried).map((c) => cardTexts(c)[1])).toEqual([expect.stringMatching(/^✅ Posted to the channel by Bob Baker at Sat 28 Mar 17:35 GMT\+1\. \[Open the post\]/)]);
    expect(channelTexts(await tick(Z('2026-03-28T17:05:00Z')))).toEqual([]);
  });

  it('its answerer posts it again at once (changed): posted once, and a further submit is refused as answered', async () => {
    expect(checkCards(await tick(Z('2026-03-29T15:30:00Z')), 'Evening check').map((c) => c.to)).toEqual(['a:chat-alice']);
    w.connector.failNext(1, 403);
    await submit('alice', 'check:evening:ops:2026-03-29', 'All fine.', Z('2026-03-29T15:40:00Z'));
    const again = await submit('alice', 'check:evening:ops:2026-03-29', 'All fine. Disk on db-2 cleaned up.', Z('2026-03-29T15:41:00Z'));
    expect(channelTexts(again.sent)).toEqual(['Evening check — Op of the Week, Sun 29 Mar, by Alice Archer: All fine. Disk on db-2 cleaned up.']);
    expect(cardTexts(again.card).slice(1)).toEqual([expect.stringMatching(/^✅ Posted to the channel by Alice Archer at Sun 29 Mar 17:40 GMT\+2\./), 'All fine. Disk on db-2 cleaned up.']);
    const third = await submit('alice', 'check:evening:ops:2026-03-29', 'Once more', Z('2026-03-29T15:42:00Z'));
    expect(third.card).toBe('The evening check of Op of the Week was already answered by Alice Archer at Sun 29 Mar 17:40 GMT+2; nothing changed.');
    expect(channelTexts(await tick(Z('2026-03-29T16:00:00Z')))).toEqual([]);
  });
});
