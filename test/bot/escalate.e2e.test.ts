import { afterEach, describe, expect, it } from 'vitest';
import { tagKey } from '../../db/sync/SyncStateStore.js';
import { createStores } from '../../db/stores.js';
import { TEAM_1, installActivity, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { cardProblems, cardsIn } from '../helpers/cardCheck.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, ROTATION_FILE, startBot, stopBot, type BotWorld } from './botHarness.js';
import { ask, OPS_CHANNEL, say } from './itemKit.js';

// Wednesday 4 March 2026, 10:00 Berlin: Alice has Op of the Week; Frank is the Dev of the Week (dev's tag: dev-oncall).
const TAG_ID = 'ZGV2LW9uY2FsbA==';
const FILE = ROTATION_FILE.replace('    members: [frank@contoso.com, grace@contoso.com]\n', `    members: [frank@contoso.com, grace@contoso.com]\n    tag: { team: ${TEAM_1.groupId}, name: dev-oncall }\n`);
const threadPosts = (rs: RecordedRequest[]) => rs.filter((r) => r.method === 'POST' && r.path === '/v3/conversations');

describe.each(ENGINES)('escalate (%s)', (engine) => {
  let w: BotWorld;
  afterEach(() => stopBot(w));

  /** Rota in the ops channel (or not installed in the team at all), Frank known to the sync, dev's tag synced. */
  async function world(installed: boolean) {
    w = await startBot(engine, Object.values(PEOPLE), FILE);
    w.connector.addChannel(TEAM_1.groupId, OPS_CHANNEL.id, 'standard');
    w.connector.addTag(TEAM_1.groupId, TAG_ID);
    if (installed) expect((await w.h.post(installActivity(w.connector.url, { team: TEAM_1, channel: OPS_CHANNEL.id }))).status).toBe(200);
    const stores = createStores(w.t.db);
    await stores.syncState.cacheIdentity('frank@contoso.com', { objectId: 'aad-frank', displayName: 'Frank Fisher' }, 0);
    await stores.syncState.saveChannelKind('ops', { team: TEAM_1.groupId, id: OPS_CHANNEL.id }, 'standard', 0);
    await stores.syncState.saveTarget('dev', 'tag', tagKey({ team: TEAM_1.groupId, name: 'dev-oncall' }), { remoteId: TAG_ID, ok: true }, 0);
  }

  it('posts a thread in the rotation\'s channel mentioning the asker, the Dev of the Week and the dev tag, and records an item naming both', async () => {
    await world(true);
    const sent = await say(w, 'alice', 'escalate Checkout API answers 500 since 09:40');
    const [post] = threadPosts(sent);
    const activity = post!.body.activity as { text: string; entities: Array<{ mentioned: { id: string } }> };
    expect(post!.body.channelData).toMatchObject({ channel: { id: OPS_CHANNEL.id } });
    expect(activity.text).toBe('🚨 **Escalation #1** from <at>Alice Archer</at> (Op of the Week): Checkout API answers 500 since 09:40');
    expect(activity.entities.map((e) => e.mentioned.id)).toEqual(['29:alice']);
    const [card] = cardsIn(activity as unknown as Record<string, unknown>) as Array<{ body: Array<{ text: string }>; msteams: { entities: Array<{ mentioned: { id: string; type?: string } }> } }>;
    expect(cardProblems(card)).toEqual([]);
    expect(card!.body.map((b) => b.text)).toEqual([
      'Escalation #1: Op of the Week',
      'Checkout API answers 500 since 09:40',
      '<at>Frank Fisher</at> (Dev of the Week) <at>dev-oncall</at>: please take a look. Say "item 1" to follow it.',
    ]);
    expect(card!.msteams.entities.map((e) => [e.mentioned.id, e.mentioned.type ?? 'person'])).toEqual([['aad-frank', 'person'], [TAG_ID, 'tag']]);
    expect(sent.at(-1)!.body.text).toBe(
      'Escalated as **#1** to <at>Frank Fisher</at> (Dev of the Week): posted in Op of the Week\'s channel. You hold it until it is closed ("item done 1").',
    );
    expect(await w.t.db('items').select('n', 'kind', 'holder', 'escalated_to')).toEqual([{ n: 1, kind: 'escalation', holder: 'alice@contoso.com', escalated_to: '["frank@contoso.com"]' }]);
    expect(await w.t.db('bot_posts').where({ key: 'escalation:1' }).pluck('state')).toEqual(['posted']);
    expect(await ask(w, 'bob', 'items')).toBe('Open items (1):\n- **#1** 🚨 (ops) Checkout API answers 500 since 09:40 — <at>Alice Archer</at>, since Wed 4 Mar 10:00 GMT+1');
  });

  it('escalated by someone not on duty: the answer names the person on duty as its holder', async () => {
    await world(true);
    // Alice has not written to Rota yet: with no Teams id to mention, she is named by e-mail.
    expect(await ask(w, 'bob', 'escalate ops Checkout is down')).toBe(
      'Escalated as **#1** to <at>Frank Fisher</at> (Dev of the Week): posted in Op of the Week\'s channel. Held by alice@contoso.com, on duty now, until it is closed ("item done 1").',
    );
    expect(await w.t.db('items').pluck('holder')).toEqual(['alice@contoso.com']);
  });

  it('a post left claimed by a crash is marked undelivered by the minute tick once stale (10 minutes: STALE_CLAIM_MS), and `item` says it was not posted', async () => {
    await world(true);
    await say(w, 'alice', 'escalate Checkout is down');
    expect(await ask(w, 'alice', 'item 1')).not.toContain('Not posted');
    // As if Rota had stopped between the claim and the post: the claim is all there is.
    await w.t.db('bot_posts').where({ key: 'escalation:1' }).update({ state: 'claimed', conversation_id: null, activity_id: null, updated_at: w.h.clock.now });
    const claimedAt = w.h.clock.now;
    await w.h.rota.handoffs.tick(claimedAt + 9 * 60_000);
    expect(await w.t.db('bot_posts').where({ key: 'escalation:1' }).pluck('state')).toEqual(['claimed']);
    await w.h.rota.handoffs.tick(claimedAt + 10 * 60_000);
    const [row] = await w.t.db('bot_posts').where({ key: 'escalation:1' });
    expect([row.state, JSON.parse(row.detail as string).reason]).toEqual(['undelivered', 'Rota stopped between recording the escalation and posting it, so it never reached the channel']);
    expect(await ask(w, 'alice', 'item 1')).toContain('\n\nNot posted to the channel: Rota stopped between recording the escalation and posting it, so it never reached the channel.\n\nHistory:');
    // Stopped even before the claim: no post record at all.
    await w.t.db('bot_posts').where({ key: 'escalation:1' }).delete();
    expect(await ask(w, 'alice', 'item 1')).toContain('\n\nNot posted to the channel: Rota stopped before it claimed the post.\n\nHistory:');
  });

  it('the tag refused by Teams (deleted from the team): posted again without it', async () => {
    await world(true);
    w.connector.removeTag(TEAM_1.groupId, TAG_ID);
    const posts = threadPosts(await say(w, 'alice', 'escalate ops Checkout is down'));
    expect(posts).toHaveLength(2);
    expect(JSON.stringify(posts[0]!.body.activity)).toContain('<at>dev-oncall</at>');
    expect(JSON.stringify(posts[1]!.body.activity)).toContain('<at>Frank Fisher</at> (Dev of the Week): please take a look.');
    expect(JSON.stringify(posts[1]!.body.activity)).not.toContain('dev-oncall');
    expect(await w.t.db('bot_posts').where({ key: 'escalation:1' }).pluck('state')).toEqual(['posted']);
  });

  it('Rota not in the channel\'s team: the item is recorded, the answer says it was not posted, and the outcome is recorded', async () => {
    await world(false);
    const sent = await say(w, 'alice', 'escalate Checkout is down');
    expect(threadPosts(sent)).toEqual([]);
    expect(sent.at(-1)!.body.text).toBe(
      "Recorded as **#1**, escalated to <at>Frank Fisher</at> (Dev of the Week), but I could not post it to the channel: Rota is not installed in the team of Op of the Week's channel. Tell them directly.",
    );
    expect(await w.t.db('items').pluck('kind')).toEqual(['escalation']);
    const [row] = await w.t.db('bot_posts').where({ key: 'escalation:1' });
    expect(row.state).toBe('undelivered');
    expect(JSON.parse(row.detail as string)).toMatchObject({ reason: "Rota is not installed in the team of Op of the Week's channel" });
  });

  it('a rotation with no escalation rotation, or no text: a clear answer, and nothing recorded', async () => {
    await world(true);
    expect(await ask(w, 'frank', 'escalate dev the API is down')).toBe('dev has no escalation rotation: add `escalation: ops` to the rotation file.');
    expect(await ask(w, 'alice', 'escalate')).toBe('What should I escalate? Write it after the command: "escalate ops Checkout answers 500 since 09:40".');
    expect(await w.t.db('items').count({ n: '*' }).first()).toEqual({ n: 0 });
  });
});
