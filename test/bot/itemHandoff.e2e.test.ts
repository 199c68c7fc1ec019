import { afterEach, describe, expect, it } from 'vitest';
import { TEAM_1, installActivity, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { cardsIn } from '../helpers/cardCheck.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, type BotWorld } from './botHarness.js';
import { ask, cardJson, click, OPS_CHANNEL, refusal } from './itemKit.js';

// Mon 9 Mar 12:00 Berlin: Alice hands Op of the Week to Bob. Her items pass to him; what Carol took over stays hers.
const HANDOFF = Date.parse('2026-03-09T11:00:00Z');
const KEY = `handoff:ops:${HANDOFF}`;
const threadPosts = (rs: RecordedRequest[]) => rs.filter((r) => r.method === 'POST' && r.path === '/v3/conversations');

describe.each(ENGINES)('open items at the handoff (%s)', (engine) => {
  let w: BotWorld;
  afterEach(() => stopBot(w));

  async function world() {
    w = await startBot(engine, Object.values(PEOPLE));
    w.connector.addChannel(TEAM_1.groupId, OPS_CHANNEL.id, 'standard');
    expect((await w.h.post(installActivity(w.connector.url, { team: TEAM_1, channel: OPS_CHANNEL.id }))).status).toBe(200);
    await ask(w, 'alice', 'item add Nightly backup failed');
    await ask(w, 'alice', 'item add Disk 90% on db-2');
    await ask(w, 'alice', 'item add Flaky login test');
    await ask(w, 'alice', 'item assign 3 <at>Carol Cook</at>', { mentions: ['carol'] });
    await ask(w, 'alice', 'item done 2');
    expect(await ask(w, 'bob', 'my shifts')).toMatch(/^Your shifts/); // Bob has written to Rota: he is @mentioned
  }

  async function tick() {
    w.h.clock.now = HANDOFF + 30_000;
    const mark = w.h.mark();
    await w.h.rota.handoffs.tick(w.h.clock.now);
    return w.h.since(mark);
  }

  const holders = async () => w.t.db('items').orderBy('n').select('n', 'holder', 'awaiting_key');

  it('passes the outgoing person\'s open items to the incoming one once, shows them on the card, and the ack accepts them', async () => {
    await world();
    const [post] = threadPosts(await tick());
    const [card] = cardsIn(post!.body.activity as Record<string, unknown>);
    const texts = (card as { body: Array<{ text?: string }> }).body.map((b) => b.text);
    expect(texts).toContain('**Open items passing to <at>Bob Baker</at>**');
    expect(texts).toContain('- #1 Nightly backup failed');
    expect(await holders()).toEqual([
      { n: 1, holder: 'bob@contoso.com', awaiting_key: KEY },
      { n: 2, holder: 'alice@contoso.com', awaiting_key: null },
      { n: 3, holder: 'carol@contoso.com', awaiting_key: null },
    ]);
    expect(await ask(w, 'bob', 'items')).toBe(
      'Open items (2):\n- **#1** (ops) Nightly backup failed — <at>Bob Baker</at>, since Wed 4 Mar 10:00 GMT+1, awaiting acceptance\n- **#3** (ops) Flaky login test — <at>Carol Cook</at>, since Wed 4 Mar 10:00 GMT+1',
    );

    // A second tick (a restart, another replica) passes nothing again.
    expect(threadPosts(await tick())).toEqual([]);
    expect(await w.t.db('item_events').where({ kind: 'passed' }).select('item_n', 'actor', 'from_holder', 'to_holder', 'handoff_key', 'at')).toEqual([
      { item_n: 1, actor: 'rota', from_holder: 'alice@contoso.com', to_holder: 'bob@contoso.com', handoff_key: KEY, at: HANDOFF + 30_000 },
    ]);

    // Carol is not the incoming person: her "I've got it" changes nothing.
    expect(refusal((await click(w, 'carol', 'handoff.ack', { key: KEY })).body)).toBe('Only Bob Baker can acknowledge this handoff.');
    expect((await holders())[0]).toEqual({ n: 1, holder: 'bob@contoso.com', awaiting_key: KEY });

    w.h.clock.now = HANDOFF + 60_000;
    const acked = await click(w, 'bob', 'handoff.ack', { key: KEY });
    expect(cardJson(acked.body)).toContain('Acknowledged by <at>Bob Baker</at>');
    expect((await holders())[0]).toEqual({ n: 1, holder: 'bob@contoso.com', awaiting_key: null });
    expect(await w.t.db('item_events').where({ item_n: 1 }).orderBy('id').pluck('kind')).toEqual(['opened', 'passed', 'accepted']);
    expect(await ask(w, 'bob', 'item 1')).toBe(
      '**#1** in **Op of the Week**: Nightly backup failed\n\nHeld by <at>Bob Baker</at>.\n\nHistory:' +
        '\n- Wed 4 Mar 10:00 GMT+1: opened by <at>Alice Archer</at>, held by <at>Alice Archer</at>' +
        '\n- Mon 9 Mar 12:00 GMT+1: passed at the handoff from <at>Alice Archer</at> to <at>Bob Baker</at>' +
        '\n- Mon 9 Mar 12:01 GMT+1: accepted by <at>Bob Baker</at>',
    );
  });
});
