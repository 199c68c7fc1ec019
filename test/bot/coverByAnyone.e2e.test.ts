import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionInvoke, teamsMessage, type ConnectorStandIn } from '../helpers/connectorStandIn.js';
import { ENGINES, type TestDatabase } from '../helpers/databases.js';
import { installInTeam, PEOPLE, startBot, stopBot, type Harness } from './botHarness.js';

type Who = keyof typeof PEOPLE;
const from = (who: Who) => ({ id: PEOPLE[who].id, name: PEOPLE[who].name, aadObjectId: PEOPLE[who].aadObjectId });
const personal = (who: Who) => ({ id: `a:chat-${who}`, conversationType: 'personal' as const });

/** Anyone may cover a shift (as in PagerDuty and Grafana OnCall): someone in no rotation is accepted with a warning. */
describe.each(ENGINES)('chat covers by someone in no rotation on %s', (engine) => {
  let t: TestDatabase;
  let connector: ConnectorStandIn;
  let h: Harness;
  const say = async (who: Who, text: string, mentions: Who[] = []) => {
    const mark = h.mark();
    const res = await h.post(teamsMessage({ serviceUrl: connector.url, text, from: from(who), conversation: personal(who), mentions: mentions.map((m) => ({ id: PEOPLE[m].id, name: PEOPLE[m].name })) }));
    expect(res.status).toBe(200);
    return h.since(mark).filter((r) => typeof r.body.text === 'string').at(-1)!.body.text;
  };

  beforeAll(async () => {
    ({ t, connector, h } = await startBot(engine));
    await installInTeam(h, connector); // people mentioned in a 1:1 chat are looked up through the team
  });
  afterAll(() => stopBot({ t, connector, h }));

  it('by address: written, and the answer warns that they are in no rotation', async () => {
    expect(await say('alice', 'cover guest@fabrikam.com 2026-03-05 09:00 to 2026-03-05 17:00')).toBe(
      'Done: guest@fabrikam.com covers **Op of the Week**:\n- Thu 5 Mar 09:00 GMT+1 – Thu 5 Mar 17:00 GMT+1 instead of <at>Alice Archer</at>\n\n⚠ guest@fabrikam.com is in no rotation; the cover stands (check the address).',
    );
    expect(await t.db('overrides').where({ member: 'guest@fabrikam.com' }).pluck('replaces')).toEqual(['alice@contoso.com']);
  });

  it('by @mention of a team member in no rotation: written, with the same warning', async () => {
    expect(await say('alice', 'cover <at>Erin Ende</at> 2026-03-06 09:00 to 2026-03-06 12:00', ['erin'])).toBe(
      'Done: <at>Erin Ende</at> covers **Op of the Week**:\n- Fri 6 Mar 09:00 GMT+1 – Fri 6 Mar 12:00 GMT+1 instead of <at>Alice Archer</at>\n\n⚠ erin@contoso.com is in no rotation; the cover stands (check the address).',
    );
  });

  it('a member of a rotation gets no warning', async () => {
    expect(await say('alice', 'cover <at>Bob Baker</at> 2026-03-06 13:00 to 2026-03-06 14:00', ['bob'])).toBe(
      'Done: <at>Bob Baker</at> covers **Op of the Week**:\n- Fri 6 Mar 13:00 GMT+1 – Fri 6 Mar 14:00 GMT+1 instead of <at>Alice Archer</at>',
    );
  });

  it('a malformed address sent back from a card is refused, naming what is expected, and nothing is written', async () => {
    const before = await t.db('overrides').count({ n: '*' }).first();
    const data = { member: 'guest@fabrikam', rotationId: 'ops', from: Date.parse('2026-03-07T08:00:00Z'), to: Date.parse('2026-03-07T16:00:00Z') };
    const res = await h.post(actionInvoke(connector.url, { verb: 'cover.confirm', data, from: from('alice'), conversation: personal('alice') }));
    expect(JSON.stringify(res.body)).toContain(
      'The person who covers must be @mentioned or named by address: \\"guest@fabrikam\\" is not one (expected an e-mail address or UPN such as alice@contoso.com).',
    );
    expect(await t.db('overrides').count({ n: '*' }).first()).toEqual(before);
  });
});
