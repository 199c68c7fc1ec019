import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionInvoke, installActivity, teamsMessage, TEAM_1 } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, type BotWorld } from './botHarness.js';
import { CHECKS_FILE, cardTexts, channelTexts, checkCards, formUpdates, SAT_0830 } from './checkWorld.js';

// Two on duty at once (onDuty: 2): Alice and Bob share every day, so both get the evening form.
const PAIR_FILE = CHECKS_FILE.replace('    members: [alice@contoso.com, bob@contoso.com]', '    onDuty: 2\n    members: [alice@contoso.com, bob@contoso.com]');

describe.each(ENGINES)('an evening check with two on duty (%s)', (engine) => {
  let w: BotWorld;
  const from = (who: 'alice' | 'bob') => ({ id: PEOPLE[who].id, name: PEOPLE[who].name, aadObjectId: PEOPLE[who].aadObjectId });
  const click = async (who: 'alice' | 'bob', data: Record<string, unknown>) => {
    const mark = w.h.mark();
    const res = await w.h.post(actionInvoke(w.connector.url, { verb: 'check.evening.submit', data, from: from(who), conversation: { id: `a:chat-${who}`, conversationType: 'personal' } }));
    return { value: (res.body as { value: unknown }).value, sent: w.h.since(mark) };
  };

  beforeAll(async () => {
    w = await startBot(engine, Object.values(PEOPLE), { file: PAIR_FILE, now: SAT_0830 });
    await w.h.post(installActivity(w.connector.url, { team: TEAM_1, channel: '19:ops@thread.tacv2' }));
    for (const who of ['alice', 'bob'] as const) {
      await w.h.post(teamsMessage({ serviceUrl: w.connector.url, text: 'my shifts', from: from(who), conversation: { id: `a:chat-${who}`, conversationType: 'personal' } }));
    }
  });
  afterAll(() => stopBot(w));

  it('each gets the form; the first answer is posted and the other form says so in place; the second answer is refused', async () => {
    const at = Date.parse('2026-03-28T16:30:00Z');
    w.h.clock.now = at;
    let mark = w.h.mark();
    await w.h.rota.handoffs.tick(at);
    expect(checkCards(w.h.since(mark), 'Evening check').map((c) => c.to).sort()).toEqual(['a:chat-alice', 'a:chat-bob']);

    w.h.clock.now = at + 5 * 60_000;
    const first = await click('alice', { key: 'check:evening:ops:2026-03-28', status: 'Both of us: all quiet.' });
    expect(channelTexts(first.sent)).toEqual(['Evening check — Op of the Week, Sat 28 Mar, by Alice Archer: Both of us: all quiet.']);
    const bobsCopy = formUpdates(first.sent);
    expect(bobsCopy.map((c) => cardTexts(c)[1])).toEqual([expect.stringMatching(/^✅ Posted to the channel by Alice Archer at Sat 28 Mar 17:35 GMT\+1\./)]);
    expect(first.sent.filter((r) => r.method === 'PUT').map((r) => decodeURIComponent(r.path.split('/')[3]!))).toEqual(['a:chat-bob']);

    const second = await click('bob', { key: 'check:evening:ops:2026-03-28', status: 'Me too' });
    expect(second.value).toBe('The evening check of Op of the Week was already answered by Alice Archer at Sat 28 Mar 17:35 GMT+1; nothing changed.');
    expect(channelTexts(second.sent)).toEqual([]);

    mark = w.h.mark();
    await w.h.rota.handoffs.tick(at + 60 * 60_000);
    expect(channelTexts(w.h.since(mark))).toEqual([]);
  });
});
