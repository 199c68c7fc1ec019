import { afterEach, describe, expect, it } from 'vitest';
import { installActivity, TEAM_1, teamsMessage } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, ROTATION_FILE, startBot, stopBot, type BotWorld } from './botHarness.js';

/** The team's group id and thread id, as TEAM_1 has them (literals, so the test does not lean on the constant). */
const GROUP_ID = 'b5d8e2f1-7a3c-4e9b-8d6f-1c2a3b4c5d6e';
const THREAD_ID = '19:0f5e1d2c3b4a49588776655443322110@thread.tacv2';
/** A channel whose own conversation Rota never saw: posts reach it through the team's stored conversation. */
const HANDOFFS = '19:handoffs@thread.tacv2';
const from = (who: keyof typeof PEOPLE) => ({ id: PEOPLE[who].id, name: PEOPLE[who].name, aadObjectId: PEOPLE[who].aadObjectId });
const inChannel = (w: BotWorld, who: keyof typeof PEOPLE, text: string) =>
  w.h.post(teamsMessage({ serviceUrl: w.connector.url, text, from: from(who), conversation: { id: '19:oncall@thread.tacv2', conversationType: 'channel' }, team: TEAM_1 }));

describe.each(ENGINES)('a team known by two ids, through the bot on %s', (engine) => {
  let w: BotWorld | undefined;
  afterEach(async () => {
    if (w) await stopBot(w);
    w = undefined;
  });

  it.each([
    ['its group id', GROUP_ID],
    ['its thread id', THREAD_ID],
  ])('a handoff to a channel of a team named by %s reaches the channel', async (_how, team) => {
    w = await startBot(engine, undefined, { file: ROTATION_FILE.replace(/channel: \{ team: [^,]+, id: "19:ops@thread.tacv2" \}/, `channel: { team: "${team}", id: "${HANDOFFS}" }`) });
    expect((await w.h.post(installActivity(w.connector.url, { team: TEAM_1 }))).status).toBe(200); // in General only
    w.h.clock.now = Date.parse('2026-03-09T11:00:30Z'); // just after Monday's handoff
    const mark = w.h.mark();
    await w.h.rota.handoffs.tick(w.h.clock.now);
    const posts = w.h.since(mark).filter((r) => r.method === 'POST' && r.path === '/v3/conversations');
    expect(posts.map((p) => p.body.channelData)).toMatchObject([{ channel: { id: HANDOFFS } }]);
    expect(await w.t.db('bot_posts').where({ kind: 'handoff' }).pluck('state')).toEqual(['posted']);
  });

  it('subscribe where Rota never saw the install: it asks the Bot Connector for the team details and keeps the pair', async () => {
    w = await startBot(engine);
    const mark = w.h.mark();
    await inChannel(w, 'erin', '<at>Rota</at> subscribe ops');
    expect(w.h.since(mark).at(-1)!.body.text).toBe('This channel now receives the handoff posts of **Op of the Week**.');
    expect(w.h.since(mark).filter((r) => r.method === 'GET' && r.path.startsWith('/v3/teams/')).map((r) => decodeURIComponent(r.path))).toEqual([`/v3/teams/${THREAD_ID}`]);
    expect(await w.t.db('teams').select('group_id', 'thread_id', 'learned_from')).toEqual([{ group_id: GROUP_ID, thread_id: THREAD_ID, learned_from: 'teams' }]);
    // Known now: a second subscribe does not ask again.
    const again = w.h.mark();
    await inChannel(w, 'erin', '<at>Rota</at> subscribe ops');
    expect(w.h.since(again).filter((r) => r.path.startsWith('/v3/teams/'))).toEqual([]);
  });

  it('subscribe when the team details cannot be read still subscribes; the team stays unresolved for the sync', async () => {
    w = await startBot(engine);
    w.connector.teams.clear(); // the stand-in answers 404 for the team
    const mark = w.h.mark();
    await inChannel(w, 'erin', '<at>Rota</at> subscribe ops');
    expect(w.h.since(mark).at(-1)!.body.text).toBe('This channel now receives the handoff posts of **Op of the Week**.');
    expect(await w.t.db('teams').select('group_id')).toEqual([]);
  });
});
