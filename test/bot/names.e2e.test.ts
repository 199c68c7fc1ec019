import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAM_1, teamsMessage, type ConnectorStandIn, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { ENGINES, type TestDatabase } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, type Harness } from './botHarness.js';

const OPS_CHANNEL = { id: '19:ops@thread.tacv2', conversationType: 'channel' as const };
/** Carol's UPN is not the roster's address: Teams does not find her by it (the UPN is the key, not the mail). */
const MEMBERS = Object.values(PEOPLE).map((p) => (p.email === 'carol@contoso.com' ? { ...p, userPrincipalName: 'carol.cook@contoso.onmicrosoft.com' } : p));

const answer = (sent: RecordedRequest[]) => sent.filter((r) => r.method === 'POST').at(-1)!.body.text;

describe.each(ENGINES)('names and mentions from Teams on %s', (engine) => {
  let t: TestDatabase;
  let connector: ConnectorStandIn;
  let h: Harness;
  const say = async (text: string, o: { from?: { id: string; name: string; aadObjectId: string }; channel?: boolean } = {}) => {
    const mark = h.mark();
    const who = o.from ?? { id: PEOPLE.erin.id, name: PEOPLE.erin.name, aadObjectId: PEOPLE.erin.aadObjectId };
    const res = await h.post(
      teamsMessage({ serviceUrl: connector.url, text, from: who, conversation: o.channel ? OPS_CHANNEL : { id: `a:chat-${who.id}`, conversationType: 'personal' }, ...(o.channel ? { team: TEAM_1 } : {}) }),
    );
    expect(res.status).toBe(200);
    return h.since(mark);
  };

  beforeAll(async () => ({ t, connector, h } = await startBot(engine, MEMBERS)));
  afterAll(() => stopBot({ t, connector, h }));

  it('in a team, people Rota never met are named and mentioned; an address that is not their UPN stays plain', async () => {
    const sent = await say('<at>Rota</at> next ops', { channel: true });
    expect(answer(sent)).toBe(
      '**Op of the Week**\n- Mon 9 Mar 12:00 GMT+1 – Mon 16 Mar 12:00 GMT+1: <at>Bob Baker</at>\n- Mon 16 Mar 12:00 GMT+1 – Mon 23 Mar 12:00 GMT+1: carol@contoso.com\n- Mon 23 Mar 12:00 GMT+1 – Mon 30 Mar 12:00 GMT+2: <at>Dave Dunn</at>',
    );
    expect(await t.db('people').orderBy('email').pluck('email')).toEqual(['bob@contoso.com', 'dave@contoso.com']);
    // Known now: the next answer asks Teams nothing.
    expect((await say('<at>Rota</at> next ops', { channel: true })).filter((r) => r.method === 'GET' && !r.path.includes('carol'))).toEqual([]);
  });

  it('outside a team nobody is looked up by address', async () => {
    await t.db('people').del();
    const sent = await say('next ops');
    expect(sent.filter((r) => r.method === 'GET' && r.path.includes('%40'))).toEqual([]);
    expect(answer(sent)).toContain(': bob@contoso.com\n');
  });

  it('a renamed person is shown by the name Teams sends now', async () => {
    const bob = { id: PEOPLE.bob.id, name: 'Bob Baker', aadObjectId: PEOPLE.bob.aadObjectId };
    await say('my shifts', { from: bob });
    await say('my shifts', { from: { ...bob, name: 'Robert Baker' } });
    expect(answer(await say('next ops'))).toContain(': <at>Robert Baker</at>\n');
  });
});
