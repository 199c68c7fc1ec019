import { afterEach, describe, expect, it } from 'vitest';
import { createStores } from '../../db/stores.js';
import { TEAM_1, installActivity } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, ROTATION_FILE, startBot, stopBot, type BotWorld } from './botHarness.js';
import { cardsIn } from '../helpers/cardCheck.js';
import { ask, lastText, OPS_CHANNEL, say } from './itemKit.js';

// Wednesday 4 March 2026, 10:00 Berlin: Alice has Op of the Week. Dev of the Week here is a night duty (20:00-08:00):
// at 10:00 nobody is on it; Frank has this week's (from Mon 2 Mar), so he is next on duty, tonight at 20:00; Grace
// takes over on Mon 9 Mar 09:00.
const FILE = ROTATION_FILE.replace('    handoff: "Mon 09:00"\n', '    handoff: "Mon 09:00"\n    hours: "20:00-08:00"\n');

describe.each(ENGINES)('an item or escalation while nobody is on duty (%s)', (engine) => {
  let w: BotWorld;
  afterEach(() => stopBot(w));

  async function world(file = FILE) {
    w = await startBot(engine, Object.values(PEOPLE), file);
    w.connector.addChannel(TEAM_1.groupId, OPS_CHANNEL.id, 'standard');
    expect((await w.h.post(installActivity(w.connector.url, { team: TEAM_1, channel: OPS_CHANNEL.id }))).status).toBe(200);
    await createStores(w.t.db).syncState.cacheIdentity('frank@contoso.com', { objectId: 'aad-frank', displayName: 'Frank Fisher' }, 0);
  }

  it('item add: held by the next person on duty, the answer says from when, and it passes at their handoff', async () => {
    await world();
    expect(await ask(w, 'dave', 'item add dev Rotate the API keys')).toBe(
      'Added **#1** to **Dev of the Week**: Rotate the API keys\n\nHeld by <at>Frank Fisher</at>, on duty from Wed 4 Mar 20:00 GMT+1.',
    );
    expect(await w.t.db('items').pluck('holder')).toEqual(['frank@contoso.com']);
    await w.h.rota.handoffs.tick(Date.parse('2026-03-09T08:01:00Z'));
    expect(await w.t.db('items').pluck('holder')).toEqual(['grace@contoso.com']);
  });

  it('escalate to a rotation with nobody on duty now: names the next people on duty and from when', async () => {
    await world();
    const sent = await say(w, 'alice', 'escalate Checkout is down');
    expect(lastText(sent)).toBe(
      'Escalated as **#1** to <at>Frank Fisher</at> (Dev of the Week, on duty from Wed 4 Mar 20:00 GMT+1): posted in Op of the Week\'s channel. You hold it until it is closed ("item done 1").',
    );
    const post = sent.find((r) => r.method === 'POST' && r.path === '/v3/conversations')!;
    const [card] = cardsIn(post.body.activity as Record<string, unknown>) as Array<{ body: Array<{ text: string }> }>;
    expect(card!.body.at(-1)!.text).toBe('<at>Frank Fisher</at> (Dev of the Week, on duty from Wed 4 Mar 20:00 GMT+1): please take a look. Say "item 1" to follow it.');
    expect(await w.t.db('items').select('holder', 'escalated_to')).toEqual([{ holder: 'alice@contoso.com', escalated_to: '["frank@contoso.com"]' }]);
  });

  it('escalate from a rotation with nobody on duty now: held by its next person on duty, not by the admin who wrote', async () => {
    // Dev escalates to ops here and posts to the same channel.
    const devPart = '    members: [frank@contoso.com, grace@contoso.com]\n';
    await world(FILE.replace('    escalation: dev\n', '').replace(devPart, `${devPart}    escalation: ops\n    channel: { team: ${TEAM_1.groupId}, id: "19:ops@thread.tacv2" }\n`));
    expect(await ask(w, 'erin', 'escalate dev Login fails')).toBe(
      'Escalated as **#1** to alice@contoso.com (Op of the Week): posted in Dev of the Week\'s channel. Held by <at>Frank Fisher</at>, on duty from Wed 4 Mar 20:00 GMT+1, until it is closed ("item done 1").',
    );
    expect(await w.t.db('items').pluck('holder')).toEqual(['frank@contoso.com']);
  });
});
