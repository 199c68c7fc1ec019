import { afterEach, describe, expect, it } from 'vitest';
import { createStores } from '../../db/stores.js';
import { TEAM_1, installActivity, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, ROTATION_FILE, startBot, stopBot, type BotWorld } from './botHarness.js';
import { DUTY_FILE, people } from './dutyWorld.js';
import { OPS_CHANNEL, say } from './itemKit.js';

// As shadows.e2e.test.ts: Frank shadows the Op of the Week, whose handoff is Mon 30 Mar 2026 09:00 CEST (07:00Z).
const FILE = DUTY_FILE.replace('    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com]\n', '    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com]\n    shadows: [frank@contoso.com]\n');
const HANDOFF = Date.parse('2026-03-30T07:00:00Z');
const MIN = 60_000;
const SHADOWING = /^👀 You are shadowing /;
const KEY = `handoff:ops:${HANDOFF}:shadow:frank@contoso.com`;
/** The stand-in's members afresh: installApp marks the member object it is given, and PEOPLE is shared by every test. */
const fresh = () => Object.values(PEOPLE).map((m) => ({ ...m }));

type SentCard = { body: Array<{ type: string; text?: string }> };
/** The shadow copies among the requests (to whichever chat), by their second line. */
const copies = (rs: RecordedRequest[]): string[] =>
  rs
    .filter((r) => r.method === 'POST' && /\/activities$/.test(r.path))
    .flatMap((r) => ((r.body.attachments as Array<{ content: SentCard }> | undefined) ?? []).map((a) => a.content))
    .filter((c) => SHADOWING.test(c.body[0]?.text ?? ''))
    .map((c) => String(c.body[1]?.text));

describe.each(ENGINES)('a shadow copy that could not reach its shadow is sent again (%s)', (engine) => {
  let w: BotWorld;
  const p = people(() => w);
  afterEach(() => stopBot(w));

  async function tick(at: number): Promise<RecordedRequest[]> {
    w.h.clock.now = at;
    const mark = w.h.mark();
    await w.h.rota.handoffs.tick(at);
    return w.h.since(mark);
  }
  const state = async (key = KEY) => (await w.t.db('bot_posts').where({ key }).pluck('state'))[0] as string | undefined;

  it('by the minute tick, 15 minutes after the last try, once Rota is installed for them; not before', async () => {
    w = await startBot(engine, fresh(), { file: FILE, now: HANDOFF - 3_600_000 });
    await p.install();
    // The sync resolved Frank, but Rota is not installed for him yet: Teams refuses the 1:1 chat (403).
    await createStores(w.t.db).syncState.cacheIdentity('frank@contoso.com', { objectId: 'aad-frank', displayName: 'Frank Fisher' }, 0);
    expect(copies(await tick(HANDOFF + 30_000))).toEqual([]);
    expect(await state()).toBe('undelivered');
    w.connector.installApp('aad-frank');
    expect(copies(await tick(HANDOFF + 14 * MIN))).toEqual([]); // last tried 13.5 minutes ago
    expect(await state()).toBe('undelivered');
    // The retry stage runs before the duties: then the 09:15 duty's own copy, which reaches him the first time.
    expect(copies(await tick(HANDOFF + 16 * MIN))).toEqual(['Handoff: Op of the Week', 'Duty · Op of the Week']);
    expect(await state()).toBe('posted');
    expect(copies(await tick(HANDOFF + 32 * MIN))).toEqual([]); // once
  });

  it('not once the handoff is more than six hours old', async () => {
    w = await startBot(engine, fresh(), { file: FILE, now: HANDOFF - 3_600_000 });
    await p.install();
    await createStores(w.t.db).syncState.cacheIdentity('frank@contoso.com', { objectId: 'aad-frank', displayName: 'Frank Fisher' }, 0);
    await tick(HANDOFF + 30_000);
    w.connector.installApp('aad-frank');
    // Only the 09:15 duty's own first copy goes (its card is still open); the handoff's is not sent again.
    expect(copies(await tick(HANDOFF + 6 * 60 * MIN + MIN))).toEqual(['Duty · Op of the Week']);
    expect(await state()).toBe('undelivered');
  });

  it('when the shadow writes to Rota: the handoff\'s and the 09:15 duty\'s copies go to the chat they just used, at once', async () => {
    w = await startBot(engine, fresh(), { file: FILE, now: HANDOFF - 3_600_000 });
    await p.install();
    await tick(HANDOFF + 30_000);
    expect(JSON.parse((await w.t.db('bot_posts').where({ key: KEY }).pluck('detail'))[0] as string)).toMatchObject({ reason: 'Rota has no personal chat with them yet, and no id to open one with' });
    await tick(HANDOFF + 15 * MIN + 30_000); // the duty at 09:15 CEST (07:15Z): its copy cannot reach him either
    w.h.clock.now = HANDOFF + 20 * MIN;
    const mark = w.h.mark();
    await p.say('frank', 'remind');
    const sent = w.h.since(mark);
    expect(copies(sent)).toEqual(['Handoff: Op of the Week', 'Duty · Op of the Week']);
    expect(sent.some((r) => r.path === '/v3/conversations/a%3Achat-frank/activities' && JSON.stringify(r.body).includes('You are shadowing'))).toBe(true);
    expect(await state()).toBe('posted');
  });
});

describe.each(ENGINES)('escalation copies: sent again and mended after a stop (%s)', (engine) => {
  let w: BotWorld;
  afterEach(() => stopBot(w));
  const file = ROTATION_FILE.replace('    escalation: dev\n', '    escalation: dev\n    shadows: [frank@contoso.com]\n').replace('members: [frank@contoso.com, grace@contoso.com]', 'members: [grace@contoso.com, heidi@contoso.com]');
  const ESC_KEY = 'escalation:1:shadow:frank@contoso.com';
  const LINES = ['Escalation #1: Op of the Week', 'Checkout API answers 500 since 09:40', 'grace@contoso.com (Dev of the Week): please take a look. Say "item 1" to follow it.'];
  const bodyOf = (rs: RecordedRequest[]) =>
    rs.filter((r) => r.method === 'POST' && r.path === '/v3/conversations/a%3Achat-frank/activities').flatMap((r) => (r.body.attachments as Array<{ content: SentCard }>).map((a) => a.content.body.slice(1).map((b) => b.text)));

  async function escalated(): Promise<void> {
    w = await startBot(engine, fresh(), file);
    w.connector.addChannel(TEAM_1.groupId, OPS_CHANNEL.id, 'standard');
    expect((await w.h.post(installActivity(w.connector.url, { team: TEAM_1, channel: OPS_CHANNEL.id }))).status).toBe(200);
  }

  it('a shadow Rota could not reach gets the escalation when they write', async () => {
    await escalated();
    await say(w, 'alice', 'escalate Checkout API answers 500 since 09:40');
    expect(await w.t.db('bot_posts').where({ key: ESC_KEY }).pluck('state')).toEqual(['undelivered']);
    expect(bodyOf(await say(w, 'frank', 'remind'))).toEqual([LINES]);
    expect(await w.t.db('bot_posts').where({ key: ESC_KEY }).pluck('state')).toEqual(['posted']);
  });

  it('a Rota that stopped after posting the escalation and before its copies: the minute tick sends them, once', async () => {
    await escalated();
    await say(w, 'frank', 'remind');
    await say(w, 'alice', 'escalate Checkout API answers 500 since 09:40');
    await w.t.db('bot_posts').where({ key: ESC_KEY }).delete(); // as if it stopped before the copy's claim
    const now = w.h.clock.now + MIN;
    w.h.clock.now = now;
    let mark = w.h.mark();
    await w.h.rota.handoffs.tick(now);
    expect(bodyOf(w.h.since(mark))).toEqual([LINES]);
    mark = w.h.mark();
    await w.h.rota.handoffs.tick(now + MIN);
    expect(bodyOf(w.h.since(mark))).toEqual([]);
  });
});
