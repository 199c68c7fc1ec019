import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnexSyncStateStore } from '../../db/sync/KnexSyncStateStore.js';
import { TEAM_1, installActivity, teamsMessage, type ConnectorStandIn } from '../helpers/connectorStandIn.js';
import { cardsIn } from '../helpers/cardCheck.js';
import { ENGINES, type TestDatabase } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, WEDNESDAY, type Harness } from './botHarness.js';

const OPS_CHANNEL = '19:ops@thread.tacv2';

/**
 * People who never wrote to Rota are still notified: the Graph sync resolved their Entra object ids (cached on their
 * member rows, as recordSync does), and Teams accepts an object id in `mentioned.id`.
 */
describe.each(ENGINES)('mentions of people who never wrote to Rota on %s', (engine) => {
  let t: TestDatabase;
  let connector: ConnectorStandIn;
  let h: Harness;

  beforeAll(async () => {
    ({ t, connector, h } = await startBot(engine));
    const synced = KnexSyncStateStore.create(t.db);
    await synced.cacheIdentity('alice@contoso.com', { objectId: 'oid-alice', displayName: 'Alice Archer' }, 0);
    await synced.cacheIdentity('bob@contoso.com', { objectId: 'oid-bob', displayName: 'Bob Baker' }, 0);
  });
  afterAll(() => stopBot({ t, connector, h }));

  it('the handoff card mentions the outgoing and the incoming person by name and object id', async () => {
    expect((await h.post(installActivity(connector.url, { team: TEAM_1, channel: OPS_CHANNEL }))).status).toBe(200);
    h.clock.now = Date.parse('2026-03-09T11:00:30Z'); // Mon 9 Mar 12:00:30 Berlin: Alice hands over to Bob
    const mark = h.mark();
    await h.rota.handoffs.tick(h.clock.now);
    h.clock.now = WEDNESDAY;
    const posts = h.since(mark).filter((r) => r.method === 'POST' && r.path === '/v3/conversations');
    expect(posts).toHaveLength(1);
    const [card] = cardsIn(posts[0]!.body.activity as Record<string, unknown>) as Array<{ msteams: { entities: unknown[] } }>;
    expect(JSON.stringify(card)).toContain('<at>Alice Archer</at> → <at>Bob Baker</at> at Mon 9 Mar 12:00 GMT+1');
    expect(card!.msteams.entities).toEqual([
      { type: 'mention', text: '<at>Alice Archer</at>', mentioned: { id: 'oid-alice', name: 'Alice Archer' } },
      { type: 'mention', text: '<at>Bob Baker</at>', mentioned: { id: 'oid-bob', name: 'Bob Baker' } },
    ]);
  });

  it('"who" in a personal chat, asked by someone else, @mentions the person on duty', async () => {
    const dave = PEOPLE.dave;
    const mark = h.mark();
    const res = await h.post(
      teamsMessage({ serviceUrl: connector.url, text: 'who ops', from: { id: dave.id, name: dave.name, aadObjectId: dave.aadObjectId }, conversation: { id: 'a:chat-dave', conversationType: 'personal' } }),
    );
    expect(res.status).toBe(200);
    const [answer] = h.since(mark).filter((r) => typeof r.body.text === 'string');
    expect(answer!.body.text).toBe(
      '**Op of the Week**: <at>Alice Archer</at> since Mon 2 Mar 12:00 GMT+1 until Mon 9 Mar 12:00 GMT+1; next: <at>Bob Baker</at> from Mon 9 Mar 12:00 GMT+1; escalation (Dev of the Week): frank@contoso.com',
    );
    expect(answer!.body.entities).toEqual([
      { type: 'mention', text: '<at>Alice Archer</at>', mentioned: { id: 'oid-alice', name: 'Alice Archer' } },
      { type: 'mention', text: '<at>Bob Baker</at>', mentioned: { id: 'oid-bob', name: 'Bob Baker' } },
    ]);
  });

  it('someone in no rotation who covers is mentioned too, once the sync resolved them', async () => {
    await KnexSyncStateStore.create(t.db).cacheIdentity('guest@fabrikam.com', { objectId: 'oid-guest', displayName: 'Gita Guest' }, 0);
    const alice = { id: PEOPLE.alice.id, name: PEOPLE.alice.name, aadObjectId: PEOPLE.alice.aadObjectId };
    const chat = { id: 'a:chat-alice', conversationType: 'personal' as const };
    await h.post(teamsMessage({ serviceUrl: connector.url, text: 'cover guest@fabrikam.com 2026-03-04 11:00 to 2026-03-04 17:00', from: alice, conversation: chat }));
    h.clock.now = Date.parse('2026-03-04T12:00:00Z'); // Wed 13:00 Berlin: Gita covers 11:00–17:00
    const mark = h.mark();
    await h.post(teamsMessage({ serviceUrl: connector.url, text: 'who ops', from: alice, conversation: chat }));
    h.clock.now = WEDNESDAY;
    const [answer] = h.since(mark).filter((r) => typeof r.body.text === 'string');
    expect(answer!.body.text).toBe(
      '**Op of the Week**: <at>Gita Guest</at> since Wed 4 Mar 11:00 GMT+1 until Wed 4 Mar 17:00 GMT+1; next: <at>Alice Archer</at> from Wed 4 Mar 17:00 GMT+1; escalation (Dev of the Week): frank@contoso.com',
    );
    expect(answer!.body.entities).toContainEqual({ type: 'mention', text: '<at>Gita Guest</at>', mentioned: { id: 'oid-guest', name: 'Gita Guest' } });
  });
});
