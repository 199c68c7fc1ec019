import { afterEach, describe, expect, it } from 'vitest';
import { KnexSyncStateStore } from '../../db/sync/KnexSyncStateStore.js';
import { teamsMessage } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { startBot, stopBot, type BotWorld } from './botHarness.js';

/** The file names people by address; none of these is the Teams email of carol, and bob's is his UPN. */
const FILE = `timezone: Europe/Berlin
rotations:
  - id: ops
    name: Op of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [alice@contoso.com, bob.baker@contoso.com, carol@contoso.com]
`;

// Wednesday 4 March 2026: week 8 since 5 January, so carol (8 mod 3 = 2) has Op of the Week.
const ALICE = { id: '29:alice', name: 'Alice Archer', aadObjectId: 'aad-alice', email: 'alice@contoso.com' };
/** carol@contoso.com is one of her proxy addresses; Teams gives her mail and UPN, neither of which the file uses. */
const CAROL = { id: '29:carol', name: 'Carol Cook', aadObjectId: 'aad-carol', email: 'carol.cook@contoso.com', userPrincipalName: 'ccook@contoso.onmicrosoft.com' };
/** The file names bob by his UPN; his Teams email is his mail. */
const BOB = { id: '29:bob', name: 'Bob Baker', aadObjectId: 'aad-bob', email: 'bob@contoso.com', userPrincipalName: 'bob.baker@contoso.com' };

describe.each(ENGINES)('a chat account matched to the rotation file on %s', (engine) => {
  let w: BotWorld;
  afterEach(() => stopBot(w));

  const say = async (who: typeof ALICE, text: string) => {
    const mark = w.h.mark();
    const res = await w.h.post(teamsMessage({ serviceUrl: w.connector.url, text, from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId }, conversation: { id: `a:chat-${who.id}`, conversationType: 'personal' } }));
    expect(res.status).toBe(200);
    return w.h.since(mark);
  };
  const lastText = (sent: Array<{ body: Record<string, unknown> }>) => sent.at(-1)!.body.text as string;

  it('by aadObjectId once the sync has resolved the address, even when Teams knows her by another mail and UPN', async () => {
    w = await startBot(engine, [ALICE, CAROL, BOB], { file: FILE });
    // Before a sync, nothing ties carol.cook@ / ccook@ to carol@contoso.com.
    expect(lastText(await say(CAROL, 'my shifts'))).toBe('You have no shifts in the next 4 weeks. Say "my shifts 8 weeks" to look further.');
    // The Graph sync resolved carol@contoso.com (a proxy address) to her object id.
    await KnexSyncStateStore.create(w.t.db).cacheIdentity('carol@contoso.com', { objectId: 'aad-carol', displayName: 'Carol Cook', upn: 'ccook@contoso.onmicrosoft.com', mail: 'carol.cook@contoso.com' }, 1);
    const mark = w.h.mark();
    expect(lastText(await say(CAROL, 'my shifts'))).toMatch(/^Your shifts in the next 4 weeks \(Carol Cook\):\n- \*\*Op of the Week\*\*: Mon 2 Mar 12:00 GMT\+1 – Mon 9 Mar 12:00 GMT\+1 \(now\)/);
    expect(w.h.since(mark).filter((r) => r.method === 'GET')).toEqual([]); // the object id placed her: no Connector look-up
    expect(await w.t.db('people').whereNotNull('aad_object_id').select('email', 'aad_object_id', 'teams_id')).toEqual([
      { email: 'carol@contoso.com', aad_object_id: 'aad-carol', teams_id: '29:carol' },
    ]);
    // Asked by someone else, the person on duty is @mentioned by her Teams id.
    const who = await say(ALICE, 'who ops');
    expect(lastText(who)).toMatch(/^\*\*Op of the Week\*\*: <at>Carol Cook<\/at> since /);
    expect(who.at(-1)!.body.entities).toEqual([{ type: 'mention', text: '<at>Carol Cook</at>', mentioned: { id: '29:carol', name: 'Carol Cook' } }]);
  });

  it('by UPN without a sync, when the file names the UPN and Teams gives a different email', async () => {
    w = await startBot(engine, [ALICE, CAROL, BOB], { file: FILE });
    const sent = await say(BOB, 'my shifts');
    expect(sent.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(['/v3/conversations/a%3Achat-29%3Abob/members/29%3Abob']);
    expect(lastText(sent)).toMatch(/^Your shifts in the next 4 weeks \(Bob Baker\):\n- \*\*Op of the Week\*\*: Mon 16 Mar 12:00 GMT\+1 – Mon 23 Mar 12:00 GMT\+1$/); // weeks 8, 9, 10: carol, alice, bob
    expect(await w.t.db('people').where({ aad_object_id: 'aad-bob' }).pluck('email')).toEqual(['bob.baker@contoso.com']);
  });
});
