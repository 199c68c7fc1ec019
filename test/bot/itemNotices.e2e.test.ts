import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.js';
import { startBot, stopBot, type BotWorld } from './botHarness.js';
import { ask, say } from './itemKit.js';

// Wednesday 4 March 2026, 10:00 Berlin: Alice has Op of the Week (alice, bob, carol, dave). Bob never writes to
// Rota and the sync has not resolved him: Rota knows no chat with him and no id to open one with.
describe.each(ENGINES)('item assign tells the new holder; an undeliverable take-over request is closed (%s)', (engine) => {
  let w: BotWorld;
  beforeAll(async () => {
    w = await startBot(engine);
  });
  afterAll(() => stopBot(w));
  const notices = async () => (await w.t.db('bot_posts').where({ kind: 'item-notice' }).orderBy('created_at').select('state', 'detail')).map((r) => [r.state, JSON.parse(r.detail as string)]);

  it('the new holder is told in their personal chat, and the outcome is recorded', async () => {
    await ask(w, 'alice', 'item add Nightly backup failed');
    expect(await ask(w, 'carol', 'my shifts')).toMatch(/^Your shifts/);
    const sent = await say(w, 'alice', 'item assign 1 <at>Carol Cook</at>', { mentions: ['carol'] });
    const toCarol = sent.filter((r) => r.method === 'POST' && r.path === '/v3/conversations/a%3Achat-carol/activities').map((r) => r.body.text);
    expect(toCarol).toEqual(['Alice Archer passed **#1** (Op of the Week) to you: Nightly backup failed\n\nIt is yours until you close it ("item done 1") or pass it on ("item assign 1 @person").']);
    expect(sent.filter((r) => r.method === 'POST' && typeof r.body.text === 'string').at(-1)!.body.text).toBe(
      "**#1** is now held by <at>Carol Cook</at> (it was <at>Alice Archer</at>'s): Nightly backup failed",
    );
    expect(await notices()).toEqual([['posted', { n: 1, to: 'carol@contoso.com', by: 'alice@contoso.com' }]]);
  });

  it('someone Rota cannot reach: the answer says so, and the undelivered notice keeps the reason', async () => {
    expect(await ask(w, 'carol', 'item assign 1 bob@contoso.com')).toBe(
      "**#1** is now held by bob@contoso.com (it was <at>Carol Cook</at>'s): Nightly backup failed\n\n" +
        'I could not tell bob@contoso.com in a personal chat (Rota has no personal chat with them yet, and no id to open one with); let them know yourself.',
    );
    const [, last] = (await w.t.db('bot_posts').where({ kind: 'item-notice' }).orderBy('created_at').select('state', 'detail')).map((r) => [r.state, JSON.parse(r.detail as string)]);
    expect(last).toEqual(['undelivered', { n: 1, to: 'bob@contoso.com', by: 'carol@contoso.com', reason: 'Rota has no personal chat with them yet, and no id to open one with' }]);
  });

  it('a take-over card that cannot reach the holder: the request is closed with the reason and the requester told', async () => {
    expect(await ask(w, 'dave', 'item take 1')).toBe(
      'I cannot reach bob@contoso.com in a personal chat (Rota has no personal chat with them yet, and no id to open one with), so I closed the request. Ask them to pass it to you: "item assign 1 @you".',
    );
    expect(await w.t.db('item_requests').select('state', 'requester', 'holder')).toEqual([{ state: 'undelivered', requester: 'dave@contoso.com', holder: 'bob@contoso.com' }]);
    const audit = await w.t.db('audit_log').where({ action: 'item.takeover.undelivered' }).select('actor', 'detail');
    expect(audit.map((a) => [a.actor, JSON.parse(a.detail as string).reason])).toEqual([['dave@contoso.com', 'Rota has no personal chat with them yet, and no id to open one with']]);
    expect(await w.t.db('items').where({ n: 1 }).pluck('holder')).toEqual(['bob@contoso.com']);
  });
});
