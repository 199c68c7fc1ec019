import { afterEach, describe, expect, it } from 'vitest';
import { tagKey } from '../../db/sync/SyncStateStore.js';
import { createStores } from '../../db/stores.js';
import { TEAM_1, actionInvoke, installActivity, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, ROTATION_FILE, startBot, stopBot, type BotWorld } from './botHarness.js';

// The ops rotation with a synced tag; Teams' tag ids are base64 and may hold '/', '+' and '=='.
const TAG_ID = 'NTI4/ZGJl+M2YtMTVlMC00ZTM3==';
const CHANNEL = '19:ops@thread.tacv2';
const FILE = ROTATION_FILE.replace(`    channel: { team: ${TEAM_1.groupId}, id: "${CHANNEL}" }`, `    tag: { team: ${TEAM_1.groupId}, name: ops-oncall }\n    channel: { team: ${TEAM_1.groupId}, id: "${CHANNEL}" }`);
const HANDOFF = Date.parse('2026-03-09T11:00:00Z'); // Mon 9 Mar 12:00 Berlin: Alice hands over to Bob
const KEY = `handoff:ops:${HANDOFF}`;

const tagEntities = (json: unknown) => JSON.stringify(json).match(/"type":"tag"/g)?.length ?? 0;
const threadPosts = (rs: RecordedRequest[]) => rs.filter((r) => r.method === 'POST' && r.path === '/v3/conversations');

describe.each(ENGINES)('the handoff post and Teams\' tag rules (%s)', (engine) => {
  let w: BotWorld;
  afterEach(() => stopBot(w));

  /** Rota installed in the ops channel; the stand-in's channel kind and the team's tags. */
  async function world(kind: 'standard' | 'private', tagInTeam: boolean) {
    w = await startBot(engine, Object.values(PEOPLE), FILE);
    w.connector.addChannel(TEAM_1.groupId, CHANNEL, kind);
    if (tagInTeam) w.connector.addTag(TEAM_1.groupId, TAG_ID);
    expect((await w.h.post(installActivity(w.connector.url, { team: TEAM_1, channel: CHANNEL }))).status).toBe(200);
  }

  async function postHandoff() {
    // What the sync last recorded, written just before the tick: Rota's own reconcile (a real-time cron, a dry-run
    // here as no Graph is configured) forgets a channel it cannot read, and may run at any minute.
    const stores = createStores(w.t.db);
    await stores.syncState.saveChannelKind('ops', { team: TEAM_1.groupId, id: CHANNEL }, 'standard', 0);
    await stores.syncState.saveTarget('ops', 'tag', tagKey({ team: TEAM_1.groupId, name: 'ops-oncall' }), { remoteId: TAG_ID, ok: true }, 0);
    w.h.clock.now = HANDOFF + 30_000;
    const mark = w.h.mark();
    await w.h.rota.handoffs.tick(w.h.clock.now);
    return w.h.since(mark);
  }

  const ack = async () => {
    const mark = w.h.mark();
    const bob = PEOPLE.bob;
    const res = await w.h.post(actionInvoke(w.connector.url, { verb: 'handoff.ack', data: { key: KEY }, from: { id: bob.id, name: bob.name, aadObjectId: bob.aadObjectId }, conversation: { id: 'a:chat-bob', conversationType: 'personal' } }));
    return { body: res.body, sent: w.h.since(mark) };
  };

  it('the tag exists in a standard channel: the card mentions it; the card answered to "I\'ve got it" does not', async () => {
    await world('standard', true);
    const posts = threadPosts(await postHandoff());
    expect(posts).toHaveLength(1);
    expect(tagEntities(posts[0]!.body.activity)).toBe(1);
    expect(JSON.stringify(posts[0]!.body.activity)).toContain(`"id":"${TAG_ID}"`);
    expect(await w.t.db('bot_posts').where({ key: KEY }).pluck('state')).toEqual(['posted']);

    const { body, sent } = await ack();
    expect(JSON.stringify(body)).toContain('Acknowledged by <at>Bob Baker</at>');
    expect(tagEntities(body)).toBe(0); // "Tag mentions don't support the invoke flow in a bot"
    expect(JSON.stringify(body)).toContain('(@ops-oncall)');
    const update = sent.find((r) => r.method === 'PUT')!;
    expect(tagEntities(update.body)).toBe(1); // the channel's copy, a message update, keeps it
  });

  it.each([
    ['the tag was deleted from the team', 'standard' as const, false, 'Invalid mentioned tag because no tag exists in the team'],
    ['the channel is private', 'private' as const, true, 'Tag can only be mentioned in channel'],
  ])('%s: Teams answers 400, and the handoff is posted again without the tag, recorded as such', async (_case, kind, tagInTeam, teamsSays) => {
    await world(kind, tagInTeam);
    const posts = threadPosts(await postHandoff());
    expect(posts).toHaveLength(2);
    expect(tagEntities(posts[0]!.body.activity)).toBe(1);
    expect(tagEntities(posts[1]!.body.activity)).toBe(0);
    expect(JSON.stringify(posts[1]!.body.activity)).toMatch(/"text":"[^"]+ at Mon 9 Mar 12:00 GMT\+1"/); // the same handoff card
    const [row] = await w.t.db('bot_posts').where({ key: KEY });
    expect(row.state).toBe('posted');
    const detail = JSON.parse(row.detail as string) as Record<string, unknown>;
    expect(detail.tag).toBeUndefined();
    expect(detail.tagLeftOut).toEqual({ name: 'ops-oncall', reason: expect.stringContaining('Teams answered 400') });
    expect(JSON.stringify(detail.tagLeftOut)).toContain(teamsSays);

    const { sent } = await ack();
    const update = sent.find((r) => r.method === 'PUT')!;
    expect(tagEntities(update.body)).toBe(0); // the update is not refused for the same tag again
    expect(JSON.stringify(update.body)).toContain('Acknowledged by <at>Bob Baker</at>');
  });
});
