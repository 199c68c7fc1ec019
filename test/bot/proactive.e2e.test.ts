import { afterEach, describe, expect, it } from 'vitest';
import { undeliveredReminders } from '../../app/jobs/reminderStatus.js';
import { createStores } from '../../db/stores.js';
import { TEAM_1, installActivity } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, type BotWorld } from './botHarness.js';

// Dave takes Op of the Week on Mon 23 Mar 12:00 Berlin (11:00Z); Sunday 12:00Z is 23 h before, in the 1d lead.
// He never wrote to Rota; the Graph sync resolved his Entra object id (the members table's cache).
const SUNDAY = Date.parse('2026-03-22T12:00:00Z');
const KEY = `remind:ops:${Date.parse('2026-03-23T11:00:00Z')}:dave@contoso.com:1440m`;
const REMINDER = 'Heads-up: your **Op of the Week** shift starts Mon 23 Mar 12:00 GMT+1. Say "remind off" to stop these.';

describe.each(ENGINES)('a reminder to someone who never wrote to Rota (%s)', (engine) => {
  let w: BotWorld;
  afterEach(() => stopBot(w));

  async function world(daveInstalled: boolean) {
    w = await startBot(engine, [...Object.values(PEOPLE).filter((p) => p.email !== 'dave@contoso.com'), { ...PEOPLE.dave, installed: daveInstalled }]);
    expect((await w.h.post(installActivity(w.connector.url, { team: TEAM_1, channel: '19:ops@thread.tacv2' }))).status).toBe(200);
    await createStores(w.t.db).syncState.cacheIdentity('dave@contoso.com', { objectId: 'aad-dave', displayName: 'Dave Dunn' }, 0);
  }
  const opened = (mark: number) => w.h.since(mark).filter((r) => r.method === 'POST' && r.path === '/v3/conversations');

  it('opens a 1:1 chat by his Entra object id and the tenant, and sends it there', async () => {
    await world(true);
    w.h.clock.now = SUNDAY;
    const mark = w.h.mark();
    await w.h.rota.handoffs.tick(SUNDAY);
    const [create] = opened(mark);
    expect(create!.body).toMatchObject({ isGroup: false, members: [{ id: 'aad-dave' }], tenantId: 'tenant-1', channelData: { tenant: { id: 'tenant-1' } } });
    const sent = w.h.since(mark).filter((r) => r.body.text === REMINDER);
    expect(sent.map((r) => r.path)).toEqual([expect.stringMatching(/^\/v3\/conversations\/a%3Anew-chat-\d+\/activities$/)]);
    expect(await w.t.db('bot_posts').where({ key: KEY }).pluck('state')).toEqual(['posted']);
    expect(await w.t.db('conversation_refs').where({ user_email: 'dave@contoso.com' }).pluck('kind')).toEqual(['personal']);
  });

  it('not installed for him (403): recorded and listed by rota status, tried again later, sent once installed', async () => {
    await world(false);
    w.h.clock.now = SUNDAY;
    let mark = w.h.mark();
    await w.h.rota.handoffs.tick(SUNDAY);
    expect(opened(mark)).toHaveLength(1); // a 403 is not retried: Teams does not list it
    expect(w.h.since(mark).some((r) => r.body.text === REMINDER)).toBe(false);
    expect(await w.t.db('bot_posts').where({ key: KEY }).pluck('state')).toEqual(['undelivered']);
    const status = (await undeliveredReminders(createStores(w.t.db).posts, SUNDAY)).filter((r) => r.person === 'dave@contoso.com');
    expect(status).toEqual([expect.objectContaining({ person: 'dave@contoso.com', pending: true, reason: expect.stringMatching(/^Rota is not installed for dave@contoso\.com in Teams/) })]);

    w.connector.installApp('aad-dave'); // what the sync's proactive installation does
    w.h.clock.now = SUNDAY + 15 * 60_000;
    mark = w.h.mark();
    await w.h.rota.handoffs.tick(w.h.clock.now);
    expect(w.h.since(mark).filter((r) => r.body.text === REMINDER)).toHaveLength(1);
    expect(await w.t.db('bot_posts').where({ key: KEY }).pluck('state')).toEqual(['posted']);
  });

  // 502 and 504 take the same path (connectorRetry.test.ts); botframework-connector's HTTP layer also retries 5xx itself.
  it('a 412 on the way is sent again after the back-off Teams asks for (recorded, no real waiting)', async () => {
    await world(true);
    w.h.clock.now = SUNDAY;
    w.connector.failNext(2, 412);
    const mark = w.h.mark();
    await w.h.rota.handoffs.tick(SUNDAY);
    expect(opened(mark)).toHaveLength(3);
    expect(w.h.sleeps).toEqual([1000, 2000]);
    expect(await w.t.db('bot_posts').where({ key: KEY }).pluck('state')).toEqual(['posted']);
  });
});
