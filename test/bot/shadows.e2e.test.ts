import { afterEach, describe, expect, it } from 'vitest';
import { TEAM_1, installActivity, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { ROTATION_FILE, startBot, stopBot, type BotWorld } from './botHarness.js';
import { DUTY_FILE, people } from './dutyWorld.js';
import { OPS_CHANNEL, say } from './itemKit.js';

// Frank shadows the Op of the Week (DUTY_FILE: handoff Mon 09:00 Berlin; Mon 30 Mar 2026 is CEST, so 07:00Z, carol →
// alice; the weekday duty at 09:15 is 07:15Z and goes to alice).
const FILE = DUTY_FILE.replace('    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com]\n', '    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com]\n    shadows: [frank@contoso.com]\n');
const HANDOFF = Date.parse('2026-03-30T07:00:00Z');
const DUTY = Date.parse('2026-03-30T07:15:00Z');
const SHADOWING = '👀 You are shadowing Op of the Week: this is a copy for you to follow along; the person on duty acts on the original.';

type SentCard = { body: Array<{ type: string; text?: string }>; actions?: Array<{ type: string; verb?: string }> };
/** The cards posted into Frank's personal chat. */
const toFrank = (rs: RecordedRequest[]): SentCard[] =>
  rs
    .filter((r) => r.method === 'POST' && r.path === '/v3/conversations/a%3Achat-frank/activities')
    .flatMap((r) => ((r.body.attachments as Array<{ content: SentCard }> | undefined) ?? []).map((a) => a.content));

describe.each(ENGINES)('shadows get the cards as observers (%s)', (engine) => {
  let w: BotWorld;
  const p = people(() => w);
  afterEach(() => stopBot(w));

  async function tick(at: number): Promise<RecordedRequest[]> {
    w.h.clock.now = at;
    const mark = w.h.mark();
    await w.h.rota.handoffs.tick(at);
    return w.h.since(mark);
  }

  async function start() {
    w = await startBot(engine, undefined, { file: FILE, now: HANDOFF - 3_600_000 });
    await p.install();
    await p.say('frank', 'remind'); // Frank's personal chat with Rota
  }

  it('the handoff: a copy marked as shadowing, without "I\'ve got it", once; Frank cannot acknowledge it', async () => {
    await start();
    const sent = await tick(HANDOFF + 30_000);
    expect(sent.filter((r) => r.method === 'POST' && r.path === '/v3/conversations')).toHaveLength(1); // the channel's thread
    const [copy, ...more] = toFrank(sent);
    expect(more).toEqual([]);
    expect(copy!.body[0]!.text).toBe(SHADOWING);
    expect(copy!.body[1]!.text).toBe('Handoff: Op of the Week');
    expect(copy!.actions ?? []).toEqual([]);
    const key = `handoff:ops:${HANDOFF}`;
    expect(await w.t.db('bot_posts').where({ key: `${key}:shadow:frank@contoso.com` }).pluck('state')).toEqual(['posted']);

    expect(toFrank(await tick(HANDOFF + 90_000))).toEqual([]); // the next minute: not again
    const { texts, value } = await p.click('frank', 'handoff.ack', { key });
    expect(JSON.stringify(value) + texts.join()).toContain('Only alice@contoso.com can acknowledge this handoff.') // Alice never wrote to Rota: named by address;
    expect(await w.t.db('bot_posts').where({ key }).pluck('acked_by')).toEqual([null]);
  });

  it('a duty: the copy has no Done, Skip or Snooze (the link stays); Frank pressing Done on the original is refused', async () => {
    await start();
    await tick(HANDOFF + 30_000);
    const sent = await tick(DUTY + 30_000);
    const [copy, ...more] = toFrank(sent);
    expect(more).toEqual([]);
    expect(copy!.body.map((b) => b.text ?? b.type).slice(0, 3)).toEqual([SHADOWING, 'Duty · Op of the Week', 'Check overnight alerts']);
    expect(copy!.body.some((b) => b.type.startsWith('Input.'))).toBe(false);
    expect(copy!.actions?.map((a) => a.type)).toEqual(['Action.OpenUrl']);
    const [run] = await w.t.db('duty_runs').where({ rotation_id: 'ops' }).select('key');
    expect(await w.t.db('bot_posts').where({ key: `${run.key}:shadow:frank@contoso.com` }).pluck('state')).toEqual(['posted']);

    const { value, texts } = await p.click('frank', 'duty.done', { key: run.key });
    expect(JSON.stringify(value) + texts.join()).toContain('or an admin can mark this duty; nothing changed.');
    expect(toFrank(await tick(DUTY + 90_000))).toEqual([]);
  });

  it('a shadow Rota cannot reach: the copy is recorded as undelivered with the reason, and the handoff still goes', async () => {
    w = await startBot(engine, undefined, { file: FILE.replace('shadows: [frank@contoso.com]', 'shadows: [nobody@contoso.com]'), now: HANDOFF - 3_600_000 });
    await p.install();
    const sent = await tick(HANDOFF + 30_000);
    expect(sent.filter((r) => r.method === 'POST' && r.path === '/v3/conversations')).toHaveLength(1);
    const [row] = await w.t.db('bot_posts').where({ key: `handoff:ops:${HANDOFF}:shadow:nobody@contoso.com` });
    expect(row.state).toBe('undelivered');
    expect(JSON.parse(row.detail as string)).toMatchObject({ reason: 'Rota has no personal chat with them yet, and no id to open one with' });
    expect(await w.t.db('bot_posts').where({ key: `handoff:ops:${HANDOFF}` }).pluck('state')).toEqual(['posted']);
  });
});

describe.each(ENGINES)('shadows and escalations (%s)', (engine) => {
  let w: BotWorld;
  afterEach(() => stopBot(w));

  it('a shadow of the escalating rotation gets the escalation as a copy, and it is recorded', async () => {
    const file = ROTATION_FILE.replace('    escalation: dev\n', '    escalation: dev\n    shadows: [frank@contoso.com]\n').replace('members: [frank@contoso.com, grace@contoso.com]', 'members: [grace@contoso.com, heidi@contoso.com]');
    w = await startBot(engine, undefined, file);
    w.connector.addChannel(TEAM_1.groupId, OPS_CHANNEL.id, 'standard');
    expect((await w.h.post(installActivity(w.connector.url, { team: TEAM_1, channel: OPS_CHANNEL.id }))).status).toBe(200);
    await say(w, 'frank', 'remind');
    const sent = await say(w, 'alice', 'escalate Checkout API answers 500 since 09:40');
    const [copy, ...more] = toFrank(sent);
    expect(more).toEqual([]);
    expect(copy!.body.map((b) => b.text)).toEqual([
      '👀 You are shadowing Op of the Week (escalating to Dev of the Week): this is a copy for you to follow along; the person on duty acts on the original.',
      'Escalation #1: Op of the Week',
      'Checkout API answers 500 since 09:40',
      'grace@contoso.com (Dev of the Week): please take a look. Say "item 1" to follow it.',
    ]);
    expect(await w.t.db('bot_posts').where({ key: 'escalation:1:shadow:frank@contoso.com' }).pluck('state')).toEqual(['posted']);
  });
});
