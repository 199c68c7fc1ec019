import { afterEach, describe, expect, it } from 'vitest';
import { installActivity, teamsMessage } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, type BotWorld } from './botHarness.js';

type Who = keyof typeof PEOPLE;
const from = (who: Who) => ({ id: PEOPLE[who].id, name: PEOPLE[who].name, aadObjectId: PEOPLE[who].aadObjectId });
const personal = (who: Who) => ({ id: `a:chat-${who}`, conversationType: 'personal' as const });

/** `take` through the real bot: Wednesday 4 March 2026, 10:00 Berlin, Alice has Op of the Week until Mon 9 Mar 12:00. */
describe.each(ENGINES)('take in Teams tells the relieved person (%s)', (engine) => {
  let world: BotWorld;
  afterEach(() => stopBot(world));
  const say = async (who: Who, text: string) => {
    const mark = world.h.mark();
    const res = await world.h.post(teamsMessage({ serviceUrl: world.connector.url, text, from: from(who), conversation: personal(who) }));
    expect(res.status).toBe(200);
    return world.h.since(mark);
  };
  /** The texts posted to one chat, as the Bot Connector got them. */
  const replyOf = (sent: Awaited<ReturnType<typeof say>>, chat: string) =>
    sent.filter((r) => r.method === 'POST' && r.path.startsWith(`/v3/conversations/${encodeURIComponent(chat)}/activities`)).map((r) => r.body.text).filter((t) => typeof t === 'string');

  it('the relieved person gets a personal message; the taker is told so', async () => {
    world = await startBot(engine);
    // Alice installed Rota in her personal scope: Teams sent the install event, so Rota has her chat.
    const installed = await world.h.post({ ...installActivity(world.connector.url, { from: from('alice') }), type: 'installationUpdate', action: 'add', membersAdded: undefined, conversation: { id: 'a:chat-alice', conversationType: 'personal', tenantId: 'tenant-1' } });
    expect(installed.status).toBe(200);
    const sent = await say('bob', 'take ops');
    const toBob = replyOf(sent, 'a:chat-bob');
    expect(toBob.at(-1)).toBe('Done: you have the **Op of the Week** pager from now until Mon 9 Mar 12:00 GMT+1, relieving <at>Alice Archer</at>. I told <at>Alice Archer</at>. To give it back: cancel my cover.');
    expect(replyOf(sent, 'a:chat-alice')).toEqual(['<at>Bob Baker</at> took the **Op of the Week** pager from you, from now until Mon 9 Mar 12:00 GMT+1. You are off duty until then.']);
    expect(await world.t.db('bot_posts').where({ kind: 'take-notice' }).pluck('state')).toEqual(['posted']);
  });

  it('"could not tell them" when the relieved person has no chat with Rota; the take stands and the reason is recorded', async () => {
    world = await startBot(engine); // Alice never wrote to Rota and it is not installed for her
    const sent = await say('bob', 'take ops');
    expect(replyOf(sent, 'a:chat-bob').at(-1)).toBe(
      'Done: you have the **Op of the Week** pager from now until Mon 9 Mar 12:00 GMT+1, relieving alice@contoso.com. I could not tell alice@contoso.com (Rota has no personal chat with them yet); please let them know. To give it back: cancel my cover.',
    );
    expect(await world.t.db('overrides').pluck('member')).toEqual(['bob@contoso.com']);
    expect(await world.t.db('bot_posts').where({ kind: 'take-notice' }).pluck('state')).toEqual(['undelivered']);
  });
});
