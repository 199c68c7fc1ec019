import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionInvoke, installActivity, TEAM_1, teamsMessage, type ConnectorStandIn, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { cardProblems, cardsIn } from '../helpers/cardCheck.js';
import { ENGINES, type TestDatabase } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, WEDNESDAY, type Harness } from './botHarness.js';

const HOUR = 3_600_000;
const OPS_CHANNEL = { id: '19:ops@thread.tacv2', conversationType: 'channel' as const };
const personal = (who: keyof typeof PEOPLE) => ({ id: `a:chat-${who}`, conversationType: 'personal' as const });
const from = (who: keyof typeof PEOPLE) => ({ id: PEOPLE[who].id, name: PEOPLE[who].name, aadObjectId: PEOPLE[who].aadObjectId });

/** Every card Rota sent must parse cleanly with the adaptivecards library and be at most version 1.5. */
function expectValidCards(requests: RecordedRequest[]): unknown[] {
  const cards = requests.flatMap((r) => [...cardsIn(r.body), ...(r.body.activity ? cardsIn(r.body.activity as Record<string, unknown>) : [])]);
  for (const c of cards) expect(cardProblems(c)).toEqual([]);
  return cards;
}

const texts = (requests: RecordedRequest[]) => requests.filter((r) => typeof r.body.text === 'string').map((r) => r.body.text as string);

describe.each(ENGINES)('the Teams bot end to end on %s', (engine) => {
  let t: TestDatabase;
  let connector: ConnectorStandIn;
  let h: Harness;
  const say = async (who: keyof typeof PEOPLE, text: string, o: { channel?: boolean; mentions?: Array<keyof typeof PEOPLE> } = {}) => {
    const mark = h.mark();
    const res = await h.post(
      teamsMessage({
        serviceUrl: connector.url,
        text,
        from: from(who),
        conversation: o.channel ? OPS_CHANNEL : personal(who),
        ...(o.channel ? { team: TEAM_1 } : {}),
        mentions: (o.mentions ?? []).map((m) => ({ id: PEOPLE[m].id, name: PEOPLE[m].name })),
      }),
    );
    expect(res.status).toBe(200);
    return h.since(mark);
  };
  const click = async (who: keyof typeof PEOPLE, verb: string, data: Record<string, unknown>) => {
    const mark = h.mark();
    const res = await h.post(actionInvoke(connector.url, { verb, data, from: from(who), conversation: personal(who) }));
    return { ...res, sent: h.since(mark) };
  };

  beforeAll(async () => ({ t, connector, h } = await startBot(engine, undefined, { rotaInstalledFor: [PEOPLE.dave] }))); // Dave has Rota but never wrote to it
  afterAll(() => stopBot({ t, connector, h }));

  it('stores the conversation on install and says hello with the help card', async () => {
    const mark = h.mark();
    const res = await h.post(installActivity(connector.url, { team: TEAM_1, channel: OPS_CHANNEL.id }));
    expect(res.status).toBe(200);
    const sent = h.since(mark);
    const [card] = expectValidCards(sent) as Array<{ body: Array<{ text?: string }> }>;
    expect(JSON.stringify(card)).toContain('my shifts');
    const ref = await t.db('conversation_refs').where({ conversation_id: OPS_CHANNEL.id }).first();
    // Teams names the team by its thread id; the install also tells its group id, and Rota keeps the pair.
    expect(ref).toMatchObject({ kind: 'channel', team_id: '19:0f5e1d2c3b4a49588776655443322110@thread.tacv2', tenant_id: 'tenant-1' });
    expect(await t.db('teams').select('group_id', 'thread_id')).toEqual([{ group_id: 'b5d8e2f1-7a3c-4e9b-8d6f-1c2a3b4c5d6e', thread_id: '19:0f5e1d2c3b4a49588776655443322110@thread.tacv2' }]);
    expect(JSON.parse(ref.reference as string).serviceUrl).toBe(connector.url);
  });

  it('an installationUpdate stores the conversation without greeting twice', async () => {
    const mark = h.mark();
    const res = await h.post({ ...installActivity(connector.url, { from: from('erin') }), type: 'installationUpdate', action: 'add', membersAdded: undefined, conversation: { id: 'a:chat-erin', conversationType: 'personal', tenantId: 'tenant-1' } });
    expect(res.status).toBe(200);
    // No second greeting: nothing is posted (Rota only looks the person up, to know whose chat it is).
    expect(h.since(mark).filter((r) => r.method !== 'GET')).toEqual([]);
    expect(await t.db('conversation_refs').where({ conversation_id: 'a:chat-erin' }).pluck('kind')).toEqual(['personal']);
    expect(await t.db('conversation_refs').where({ conversation_id: 'a:chat-erin' }).pluck('user_email')).toEqual(['erin@contoso.com']);
  });

  it('plans the next handoff post of each rotation with a channel', async () => {
    const next = await h.rota.handoffs.nextHandoffs(WEDNESDAY);
    expect(next.map((n) => [n.rotation.id, new Date(n.at).toISOString()])).toEqual([['ops', '2026-03-09T11:00:00.000Z']]);
  });

  it('answers "who" in a channel with the bot mention stripped, since/until, next and escalation', async () => {
    const sent = await say('carol', "<at>Rota</at> who's on call for ops?", { channel: true });
    // In a team, people Rota never met are looked up by UPN in the team's roster, then named and mentioned.
    expect(sent.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([
      '/v3/conversations/19%3A0f5e1d2c3b4a49588776655443322110%40thread.tacv2/members/alice%40contoso.com',
      '/v3/conversations/19%3A0f5e1d2c3b4a49588776655443322110%40thread.tacv2/members/bob%40contoso.com',
      '/v3/conversations/19%3A0f5e1d2c3b4a49588776655443322110%40thread.tacv2/members/frank%40contoso.com',
    ]);
    const posted = sent.filter((r) => r.method === 'POST');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.path).toMatch(/^\/v3\/conversations\/19%3Aops%40thread\.tacv2\/activities\//);
    expect(posted[0]!.body.text).toBe(
      '**Op of the Week**: <at>Alice Archer</at> since Mon 2 Mar 12:00 GMT+1 until Mon 9 Mar 12:00 GMT+1; next: <at>Bob Baker</at> from Mon 9 Mar 12:00 GMT+1; escalation (Dev of the Week): <at>Frank Fisher</at>',
    );
    expect((posted[0]!.body.entities as Array<{ mentioned: { id: string } }>).map((e) => e.mentioned.id)).toEqual(['29:alice', '29:bob', '29:frank']);
    await t.db('people').del(); // the next tests start from people Rota has not met
  });

  it('resolves the asker through the connector once, caches them, and then @mentions them for real', async () => {
    const first = await say('alice', 'my shifts');
    expect(first.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(['/v3/conversations/a%3Achat-alice/members/29%3Aalice']);
    // The shift in progress first, then the coming one inside the default four weeks.
    expect(first.at(-1)!.body.text).toBe(
      'Your shifts in the next 4 weeks (Alice Archer):\n- **Op of the Week**: Mon 2 Mar 12:00 GMT+1 – Mon 9 Mar 12:00 GMT+1 (now)\n- **Op of the Week**: Mon 30 Mar 12:00 GMT+2 – Mon 6 Apr 12:00 GMT+2',
    );
    const again = await say('alice', 'When am I on call next?');
    expect(again.filter((r) => r.method === 'GET')).toEqual([]);
    const who = await say('bob', 'who ops');
    const reply = who.at(-1)!.body;
    expect(reply.text).toMatch(/^\*\*Op of the Week\*\*: <at>Alice Archer<\/at> since /);
    expect(reply.entities).toEqual([{ type: 'mention', text: '<at>Alice Archer</at>', mentioned: { id: '29:alice', name: 'Alice Archer' } }]);
  });

  it('renders next, rotations and the schedule card (a 1.5 table that the adaptivecards parser accepts)', async () => {
    expect((await say('bob', 'next ops')).at(-1)!.body.text).toMatch(/\*\*Op of the Week\*\*\n- Mon 9 Mar 12:00 GMT\+1 – Mon 16 Mar 12:00 GMT\+1: bob@contoso\.com\n- Mon 16 Mar/);
    // Not @mentioned: no one is pinged by a list (names: oneToOne.e2e.test.ts).
    const listed = (await say('bob', 'rotations')).at(-1)!.body;
    expect(listed.text).toContain('- **ops** (Op of the Week): every 1w, handoff Mon 12:00 Europe/Berlin; ');
    expect(listed.entities).toBeUndefined();
    const sent = await say('bob', 'schedule ops 3 weeks');
    const [card] = expectValidCards(sent);
    expect(JSON.stringify(card)).toContain('"type":"Table"');
    expect(JSON.stringify(card)).toContain('<at>Alice Archer</at>');
  });

  it('understands the Action.Submit fallback (a message with a value) and updates the card in place', async () => {
    const mark = h.mark();
    await h.post(teamsMessage({ serviceUrl: connector.url, text: '', from: from('alice'), conversation: personal('alice'), value: { verb: 'handover.save', rotationId: 'ops', notes: 'first notes', openItems: '' }, replyToId: 'card-7' }));
    const put = h.since(mark).find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('/v3/conversations/a%3Achat-alice/activities/card-7');
    expect(JSON.stringify(put.body)).toContain('Handover for Op of the Week saved: 0 open items');
  });

  it('never stays silent: an unknown command gets the closest command and the help card', async () => {
    const sent = await say('bob', 'schedul ops');
    expect(sent[0]!.body.text).toBe('I did not understand "schedul ops". Did you mean **schedule**? Here is what I can do:');
    expect(expectValidCards(sent)).toHaveLength(1);
  });

  it('cover: the shift owner may, others may not; bad dates are named and change nothing', async () => {
    const audit = async () => Number(((await t.db('audit_log').count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n);
    const before = await audit();
    const bad = await say('alice', 'cover <at>Bob Baker</at> nxt tuesday to friday', { mentions: ['bob'] });
    expect(bad.at(-1)!.body.text).toBe("I could not read 'nxt tuesday' as a date; try 2026-03-10 or 'next Tuesday'");
    const refused = await say('carol', 'cover <at>Bob Baker</at> 2026-03-05 09:00 to 2026-03-05 17:00 ops', { mentions: ['bob'] });
    expect(refused.at(-1)!.body.text).toBe("Only the people on duty then (alice@contoso.com) or Op of the Week's admins can change that stretch.");
    expect(await audit()).toBe(before);

    const done = await say('alice', 'cover <at>Bob Baker</at> 2026-03-05 09:00 to 2026-03-05 17:00', { mentions: ['bob'] });
    const reply = done.at(-1)!.body;
    expect(reply.text).toBe('Done: <at>Bob Baker</at> covers **Op of the Week**:\n- Thu 5 Mar 09:00 GMT+1 – Thu 5 Mar 17:00 GMT+1 instead of <at>Alice Archer</at>');
    expect(reply.entities).toHaveLength(2);
    const row = await t.db('overrides').where({ origin: 'chat' }).first();
    expect(row).toMatchObject({ rotation_id: 'ops', member: 'bob@contoso.com', replaces: 'alice@contoso.com', created_by: 'alice@contoso.com' });
    expect(await audit()).toBe(before + 1);
    const admin = await say('erin', 'override <at>Carol Cook</at> 2026-03-06 09:00 to 2026-03-06 12:00 ops', { mentions: ['carol'] });
    expect(admin.at(-1)!.body.text).toMatch(/^Done: <at>Carol Cook<\/at> covers \*\*Op of the Week\*\*:\n- Fri 6 Mar 09:00 GMT\+1 – Fri 6 Mar 12:00 GMT\+1 instead of <at>Alice Archer<\/at>$/);
  });

  it('time off answers with the shifts it moved and to whom', async () => {
    const sent = await say('bob', 'time off 2026-03-09 to 2026-03-13');
    const text = sent.at(-1)!.body.text as string;
    expect(text).toMatch(/^Time off recorded for Bob Baker: Mon 9 Mar – Fri 13 Mar \(Europe\/Berlin\)\. These shifts moved:/);
    expect(text).toContain('- **Op of the Week** Mon 9 Mar 12:00 GMT+1 – Mon 16 Mar 12:00 GMT+1: <at>Bob Baker</at> → <at>Carol Cook</at>');
    const bad = await say('bob', 'time off 2026-03-13 to 2026-03-09');
    expect(bad.at(-1)!.body.text).toBe("'2026-03-09' is not after '2026-03-13': the end must come after the start");
  });

  let swapId = '';
  it('swap: the other person gets Accept/Decline in a new 1:1 chat; a started shift is refused', async () => {
    const started = await say('alice', 'swap 2026-03-04 with <at>Bob Baker</at>', { mentions: ['bob'] });
    expect(started.at(-1)!.body.text).toMatch(/^Your Op of the Week shift from Mon 2 Mar 12:00 has already started/);

    const sent = await say('alice', 'swap next with <at>Dave Dunn</at> ops', { mentions: ['dave'] });
    const create = sent.find((r) => r.method === 'POST' && r.path === '/v3/conversations')!;
    expect(create.body).toMatchObject({ isGroup: false, members: [{ id: '29:dave' }], tenantId: 'tenant-1' });
    const cards = expectValidCards(sent) as Array<{ actions?: Array<{ type: string; verb: string; data: { swapId: string } }> }>;
    expect(cards).toHaveLength(2);
    const toCarol = cards.find((c) => c.actions)!;
    expect(toCarol.actions!.map((a) => [a.type, a.verb])).toEqual([['Action.Execute', 'swap.accept'], ['Action.Execute', 'swap.decline']]);
    swapId = toCarol.actions![0]!.data.swapId;
    expect(await t.db('swaps').where({ id: swapId }).first()).toMatchObject({ state: 'proposed', proposer: 'alice@contoso.com', counterpart: 'dave@contoso.com' });
  });

  it('swap: only the other person may answer; Accept changes both shifts at once, updates both cards and tells the channel', async () => {
    const wrong = await click('bob', 'swap.accept', { swapId });
    expect(wrong.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Only dave@contoso.com can answer this swap.' });

    const res = await click('dave', 'swap.accept', { swapId });
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: unknown };
    expect([body.statusCode, body.type]).toEqual([200, 'application/vnd.microsoft.card.adaptive']);
    expect(cardProblems(body.value)).toEqual([]);
    expect(JSON.stringify(body.value)).toContain('Accepted');
    const put = res.sent.find((r) => r.method === 'PUT')!;
    expect(put.path).toMatch(/^\/v3\/conversations\/a%3Achat-alice\/activities\/reply-\d+$/);
    expect(JSON.stringify(put.body)).toContain('Accepted');
    const told = res.sent.find((r) => r.method === 'POST' && r.path.startsWith('/v3/conversations/19%3Aops%40thread.tacv2/activities'))!;
    expect(told.body.text).toBe('<at>Alice Archer</at> and <at>Dave Dunn</at> swapped shifts in **Op of the Week**.');
    const rows = await t.db('overrides').where({ swap_id: swapId }).orderBy('start_at');
    expect(rows.map((r) => [r.member, r.replaces])).toEqual([
      ['alice@contoso.com', 'dave@contoso.com'],
      ['dave@contoso.com', 'alice@contoso.com'],
    ]);
    const again = await click('dave', 'swap.accept', { swapId });
    expect(JSON.stringify(again.body)).toContain('Accepted');
    expect(await t.db('overrides').where({ swap_id: swapId }).pluck('id')).toHaveLength(2);
  });

  it('swap: a proposal expires', async () => {
    const sent = await say('alice', 'swap next with <at>Bob Baker</at> ops', { mentions: ['bob'] });
    const card = (expectValidCards(sent) as Array<{ actions?: Array<{ data: { swapId: string } }> }>).find((c) => c.actions)!;
    h.clock.now += 25 * HOUR;
    const res = await click('bob', 'swap.accept', { swapId: card.actions![0]!.data.swapId });
    expect(JSON.stringify(res.body)).toContain('Expired');
    h.clock.now = WEDNESDAY;
  });

  it('reminds people 24 h before their shift, once, unless they turned reminders off', async () => {
    expect((await say('carol', 'remind off')).at(-1)!.body.text).toBe('Reminders are off. Say "remind on" to get them again.');
    h.clock.now = Date.parse('2026-03-08T13:00:00Z'); // Sunday 14:00 Berlin: Carol takes ops tomorrow at 12:00
    let mark = h.mark();
    await h.rota.handoffs.tick(h.clock.now);
    expect(h.since(mark).filter((r) => r.path.includes('a%3Achat-carol'))).toEqual([]);
    h.clock.now = WEDNESDAY;
    await say('carol', 'remind on');
    h.clock.now = Date.parse('2026-03-08T13:00:00Z');
    mark = h.mark();
    await h.rota.handoffs.tick(h.clock.now);
    await h.rota.handoffs.tick(h.clock.now + 60_000);
    const toCarol = h.since(mark).filter((r) => r.path.includes('a%3Achat-carol'));
    expect(toCarol.map((r) => r.body.text)).toEqual(['Heads-up: your **Op of the Week** shift starts Mon 9 Mar 12:00 GMT+1. Say "remind off" to stop these.']);
    h.clock.now = WEDNESDAY;
  });

  it('handover form → saved notes → the handoff card in the channel, exactly once even across a restart', async () => {
    const form = await say('alice', 'handover');
    expect(expectValidCards(form)).toHaveLength(1);
    const saved = await click('alice', 'handover.save', { rotationId: 'ops', notes: 'DB failover is half done', openItems: '- INC-1 disk\nINC-2 certs' });
    expect(JSON.stringify(saved.body)).toContain('2 open items');

    h.clock.now = Date.parse('2026-03-09T11:00:30Z'); // Mon 9 Mar 12:00:30 Berlin: just after the handoff
    const mark = h.mark();
    await h.rota.handoffs.tick(h.clock.now);
    await h.rota.handoffs.tick(h.clock.now);
    await h.restart();
    await h.rota.handoffs.tick(h.clock.now);
    const posts = h.since(mark).filter((r) => r.method === 'POST' && r.path === '/v3/conversations');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.channelData).toMatchObject({ channel: { id: '19:ops@thread.tacv2' } });
    const [card] = expectValidCards(posts);
    const json = JSON.stringify(card);
    expect(json).toContain('DB failover is half done');
    expect(json).toContain('- INC-1 disk\\n- INC-2 certs');
    expect(json).toContain("I've got it");
    expect(json).toContain('Escalation: Dev of the Week');
    expect(json).toContain('<at>Alice Archer</at> → <at>Carol Cook</at> at Mon 9 Mar 12:00 GMT+1'); // Bob is off: Carol has it
  });

  it('acknowledging: only the incoming person; the card updates in place; unacknowledged handoffs get a follow-up', async () => {
    const key = `handoff:ops:${Date.parse('2026-03-09T11:00:00Z')}`;
    const other = await click('bob', 'handoff.ack', { key });
    expect((other.body as { value: string }).value).toBe('Only Carol Cook can acknowledge this handoff.');

    h.clock.now += 31 * 60_000;
    const mark = h.mark();
    await h.rota.handoffs.tick(h.clock.now);
    const followUps = texts(h.since(mark));
    expect(followUps.some((x) => x.startsWith('Reminder: you took over **Op of the Week**'))).toBe(true);
    expect(followUps.some((x) => x.startsWith('Note: nobody has acknowledged your **Op of the Week** handoff'))).toBe(true);

    const ack = await click('carol', 'handoff.ack', { key });
    expect(JSON.stringify(ack.body)).toMatch(/Acknowledged by <at>Carol Cook<\/at>/);
    expect(ack.sent.some((r) => r.method === 'PUT' && r.path.startsWith('/v3/conversations/19%3Aops%40thread.tacv2%3Bmessageid%3Dthread-'))).toBe(true);
    h.clock.now = WEDNESDAY;
  });

  it('queues and retries a throttled (429) proactive post', async () => {
    connector.throttle(1, 0);
    const sent = await say('alice', 'swap next with <at>Bob Baker</at> ops', { mentions: ['bob'] });
    // The first request got 429 with Retry-After: 0 and was sent again, unchanged.
    expect(sent[1]).toMatchObject({ method: sent[0]!.method, path: sent[0]!.path, body: sent[0]!.body });
    expect(expectValidCards(sent).length).toBeGreaterThanOrEqual(2);
  });

  it('subscribe: an admin points a rotation\'s handoff posts at another channel', async () => {
    const inChannel = (who: keyof typeof PEOPLE, text: string) =>
      h.post(teamsMessage({ serviceUrl: connector.url, text, from: from(who), conversation: { id: '19:oncall@thread.tacv2', conversationType: 'channel' }, team: TEAM_1 }));
    let mark = h.mark();
    await inChannel('carol', '<at>Rota</at> subscribe ops');
    expect(h.since(mark).at(-1)!.body.text).toBe("Only Op of the Week's admins (erin@contoso.com) can choose where its handoffs go.");
    mark = h.mark();
    await inChannel('erin', '<at>Rota</at> subscribe ops');
    expect(h.since(mark).at(-1)!.body.text).toBe('This channel now receives the handoff posts of **Op of the Week**.');
    h.clock.now = Date.parse('2026-03-16T11:00:30Z');
    mark = h.mark();
    await h.rota.handoffs.tick(h.clock.now);
    const posts = h.since(mark).filter((r) => r.method === 'POST' && r.path === '/v3/conversations');
    expect(posts.map((p) => (p.body.channelData as { channel: { id: string } }).channel.id)).toEqual(['19:oncall@thread.tacv2']);
    h.clock.now = WEDNESDAY;
  });
});
