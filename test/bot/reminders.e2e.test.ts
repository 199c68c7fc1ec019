import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsMessage } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, WEDNESDAY, type BotWorld } from './botHarness.js';

// In the harness file Carol takes Op of the Week on Mon 16 Mar 12:00 Berlin (11:00Z); Sunday 12:00Z is 23 h before.
const SUNDAY = Date.parse('2026-03-15T12:00:00Z');
const CAROL_KEY = `remind:ops:${Date.parse('2026-03-16T11:00:00Z')}:carol@contoso.com:1440m`;
const CAROL_REMINDER = 'Heads-up: your **Op of the Week** shift starts Mon 16 Mar 12:00 GMT+1. Say "remind off" to stop these.';

describe.each(ENGINES)('remind in chat, and reminders Rota could not deliver (%s)', (engine) => {
  let w: BotWorld;
  const say = async (who: keyof typeof PEOPLE, text: string) => {
    const mark = w.h.mark();
    const p = PEOPLE[who];
    const res = await w.h.post(teamsMessage({ serviceUrl: w.connector.url, text, from: { id: p.id, name: p.name, aadObjectId: p.aadObjectId }, conversation: { id: `a:chat-${who}`, conversationType: 'personal' } }));
    expect(res.status).toBe(200);
    return w.h.since(mark).filter((r) => typeof r.body.text === 'string').map((r) => r.body.text as string);
  };

  beforeAll(async () => {
    w = await startBot(engine);
  });
  afterAll(() => stopBot(w));

  it('remind shows the setting; remind 1d 2h sets two leads; bad input names what was expected; off and on', async () => {
    expect(await say('alice', 'remind')).toEqual(['Reminders are **on**: 1d before each of your on-duty stretches. Say "remind 2h", "remind 1d 2h" or "remind off".']);
    expect(await say('alice', 'remind 3x')).toEqual(["I could not read '3x' as a lead time: expected a lead time like 2h, 30m or 1d, up to 7d."]);
    expect(await say('alice', 'remind me 1d 2h')).toEqual(['Reminders are on: I will message you 1d and 2h before each of your on-duty stretches.']);
    expect(await say('alice', 'reminders')).toEqual(['Reminders are **on**: 1d and 2h before each of your on-duty stretches. Say "remind 2h", "remind 1d 2h" or "remind off".']);
    expect(await say('alice', 'remind off')).toEqual(['Reminders are off. Say "remind on" to get them again.']);
    expect(await say('alice', 'remind')).toEqual(['Reminders are **off**. Say "remind on" (24 h ahead) or "remind 2h" to choose the lead time.']);
    expect(await say('alice', 'remind on')).toEqual(['Reminders are on: I will message you 1d before each of your on-duty stretches.']);
    const audit = await w.t.db('audit_log').where('action', 'like', 'reminders.%').orderBy('id').pluck('action');
    expect(audit).toEqual(['reminders.on', 'reminders.off', 'reminders.on']);
  });

  it('a reminder for someone Rota cannot reach is recorded, then sent in their chat when they first write', async () => {
    w.h.clock.now = SUNDAY;
    await w.h.rota.handoffs.tick(SUNDAY);
    expect(await w.t.db('bot_posts').where({ key: CAROL_KEY }).pluck('state')).toEqual(['undelivered']);

    w.h.clock.now = SUNDAY + 3_600_000;
    const replies = await say('carol', 'my shifts');
    expect(replies[0]).toBe(CAROL_REMINDER);
    expect(replies[1]).toMatch(/^Your shifts in the next 4 weeks \(Carol Cook\):/);
    expect(await w.t.db('bot_posts').where({ key: CAROL_KEY }).pluck('state')).toEqual(['posted']);

    const mark = w.h.mark();
    await w.h.rota.handoffs.tick(w.h.clock.now);
    expect(await say('carol', 'my shifts')).toHaveLength(1);
    expect(w.h.since(mark).filter((r) => r.body.text === CAROL_REMINDER)).toEqual([]);
    w.h.clock.now = WEDNESDAY;
  });
});
