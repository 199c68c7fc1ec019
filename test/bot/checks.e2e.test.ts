import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionInvoke, installActivity, teamsMessage, TEAM_1 } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, type BotWorld } from './botHarness.js';
import { CHECKS_FILE, checkCards, cardTexts, channelTexts, formUpdates, SAT_0830 } from './checkWorld.js';

// Op of the Week in Amsterdam, one day each from Mon 23 Mar 2026 (handoff 08:00): Alice on the 27th, Bob on Sat 28,
// Alice on Sun 29 (the spring-forward day: 02:00 → 03:00, so 09:00 is 07:00Z instead of 08:00Z), Bob on Mon 30.
const Z = (iso: string) => Date.parse(iso);

describe.each(ENGINES)('morning and evening checks (%s)', (engine) => {
  let w: BotWorld;
  const say = async (who: keyof typeof PEOPLE, text: string) => {
    const p = PEOPLE[who];
    const res = await w.h.post(teamsMessage({ serviceUrl: w.connector.url, text, from: { id: p.id, name: p.name, aadObjectId: p.aadObjectId }, conversation: { id: `a:chat-${who}`, conversationType: 'personal' } }));
    expect(res.status).toBe(200);
  };
  const click = async (who: keyof typeof PEOPLE, verb: string, data: Record<string, unknown>) => {
    const p = PEOPLE[who];
    const mark = w.h.mark();
    const res = await w.h.post(actionInvoke(w.connector.url, { verb, data, from: { id: p.id, name: p.name, aadObjectId: p.aadObjectId }, conversation: { id: `a:chat-${who}`, conversationType: 'personal' } }));
    expect(res.status).toBe(200);
    return { body: res.body as { type: string; value: unknown }, sent: w.h.since(mark) };
  };
  /** Ticks at `at` and returns what was sent meanwhile. */
  const tick = async (at: number) => {
    w.h.clock.now = at;
    const mark = w.h.mark();
    await w.h.rota.handoffs.tick(at);
    return w.h.since(mark);
  };

  beforeAll(async () => {
    w = await startBot(engine, Object.values(PEOPLE), { file: CHECKS_FILE, now: SAT_0830 });
    expect((await w.h.post(installActivity(w.connector.url, { team: TEAM_1, channel: '19:ops@thread.tacv2' }))).status).toBe(200);
    for (const who of ['alice', 'bob'] as const) await say(who, 'my shifts'); // their personal chats: where the checks go
  });
  afterAll(() => stopBot(w));

  it('sends the morning check at 09:00 Amsterdam (Sat 28 Mar, 08:00Z) to the person on duty, once', async () => {
    expect(checkCards(await tick(Z('2026-03-28T07:59:00Z')), 'Morning check')).toEqual([]);
    const sent = checkCards(await tick(Z('2026-03-28T08:00:00Z')), 'Morning check');
    expect(sent.map((s) => s.to)).toEqual(['a:chat-bob']);
    expect(cardTexts(sent[0]!.card)).toEqual([
      'Morning check — Op of the Week, Sat 28 Mar',
      '**Open items**',
      'No open items.',
      "**Today's duties**",
      'No duties today.',
      '**Handed over by Alice Archer**',
      '_No handover notes were written._',
      '**Since the last check (Fri 27 Mar 09:00 GMT+1)**',
      'Nothing new: no items opened, no escalations, no duties missed.',
    ]);
    expect(checkCards(await tick(Z('2026-03-28T08:01:00Z')), 'Morning check')).toEqual([]);
    expect(await w.t.db('bot_posts').where({ key: 'check:morning:ops:2026-03-28' }).pluck('state')).toEqual(['posted']);
  });

  it('evening form at 17:30 → submit → the status goes to the channel; a forged or second submit changes nothing', async () => {
    await click('bob', 'handover.save', { rotationId: 'ops', notes: 'Backups were slow overnight', openItems: 'Watch the disk on db-2' });
    expect(checkCards(await tick(Z('2026-03-28T16:29:00Z')), 'Evening check')).toEqual([]);
    const [form] = checkCards(await tick(Z('2026-03-28T16:30:00Z')), 'Evening check');
    expect(form!.to).toBe('a:chat-bob');
    expect(cardTexts(form!.card)).toEqual(['Evening check — Op of the Week, Sat 28 Mar', "How did the day go, and what is still open? This goes to the rotation's channel."]);
    const submit = JSON.parse(JSON.stringify(form!.card)) as { body: Array<{ type: string; value?: string }>; actions: Array<{ verb: string; data: { key: string } }> };
    expect(submit.body.find((b) => b.type === 'Input.Text')!.value).toBe(''); // no open items to pre-fill
    expect(submit.actions[0]!.verb).toBe('check.evening.submit');
    const key = submit.actions[0]!.data.key;
    expect(key).toBe('check:evening:ops:2026-03-28');

    w.h.clock.now = Z('2026-03-28T16:35:00Z');
    const forged = await click('alice', 'check.evening.submit', { key, status: 'Nothing happened' });
    expect(forged.body.value).toBe('Only Bob Baker (asked for it), whoever is on duty in Op of the Week now, or an admin can answer this evening check; nothing was posted.');
    expect(channelTexts(forged.sent)).toEqual([]);
    const unknown = await click('bob', 'check.evening.submit', { key: 'check:evening:ops:2099-01-01', status: 'x' });
    expect(unknown.body.value).toBe('I know nothing about this evening check; nothing was posted.');
    const empty = await click('bob', 'check.evening.submit', { key, status: '  ' });
    expect(empty.body.value).toBe('status: expected a few words on how the day went and what is still open; it was empty, so nothing was posted.');

    const answered = await click('bob', 'check.evening.submit', { key, status: 'All quiet. Backups re-run at 14:00.' });
    expect(channelTexts(answered.sent)).toEqual(['Evening check — Op of the Week, Sat 28 Mar, by Bob Baker: All quiet. Backups re-run at 14:00.']);
    const updated = answered.body.value as { body: Array<{ text?: string }> };
    expect(updated.body.map((b) => b.text)).toEqual([
      'Evening check — Op of the Week, Sat 28 Mar',
      expect.stringMatching(/^✅ Posted to the channel by Bob Baker at Sat 28 Mar 17:35 GMT\+1\. \[Open the post\]\(https:\/\/teams\.microsoft\.com\/l\/message\/19%3Aops%40thread\.tacv2\/reply-\d+\)$/),
      'All quiet. Backups re-run at 14:00.',
    ]);

    const again = await click('bob', 'check.evening.submit', { key, status: 'Second thoughts' });
    expect(again.body.value).toBe('The evening check of Op of the Week was already answered by Bob Baker at Sat 28 Mar 17:35 GMT+1; nothing changed.');
    expect(channelTexts(again.sent)).toEqual([]);
    expect(channelTexts(await tick(Z('2026-03-28T17:31:00Z')))).toEqual([]); // answered: nothing posted an hour on
    const audit = await w.t.db('audit_log').where({ action: 'check.evening.answered' }).pluck('actor');
    expect(audit).toEqual(['bob@contoso.com']);
  });

  it('on the spring-forward day the morning check comes at 09:00 CEST (07:00Z), with what Bob handed over', async () => {
    expect(checkCards(await tick(Z('2026-03-29T06:59:00Z')), 'Morning check')).toEqual([]);
    const sent = checkCards(await tick(Z('2026-03-29T07:00:00Z')), 'Morning check');
    expect(sent.map((s) => s.to)).toEqual(['a:chat-alice']);
    expect(cardTexts(sent[0]!.card)).toEqual([
      'Morning check — Op of the Week, Sun 29 Mar',
      '**Open items**',
      'No open items.',
      "**Today's duties**",
      'No duties today.',
      '**Handed over by Bob Baker**',
      'Backups were slow overnight',
      '- Watch the disk on db-2',
      '**Since the last check (Sat 28 Mar 09:00 GMT+1)**',
      'Nothing new: no items opened, no escalations, no duties missed.',
    ]);
  });

  it('no answer for an hour: the open items go to the channel as not answered, once across a restart; a late answer is posted, marked late', async () => {
    const [form] = checkCards(await tick(Z('2026-03-29T15:30:00Z')), 'Evening check'); // 17:30 CEST
    expect(form!.to).toBe('a:chat-alice');
    await w.h.restart();
    expect(checkCards(await tick(Z('2026-03-29T15:31:00Z')), 'Evening check')).toEqual([]);
    expect(channelTexts(await tick(Z('2026-03-29T16:29:00Z')))).toEqual([]);

    const followUp = await tick(Z('2026-03-29T16:30:00Z'));
    expect(channelTexts(followUp)).toEqual(['Evening check — Op of the Week, Sun 29 Mar: not answered by Alice Archer within an hour. No open items.']);
    expect(formUpdates(followUp).map(cardTexts)).toEqual([
      [
        'Evening check — Op of the Week, Sun 29 Mar',
        expect.stringMatching(/^⌛ Not answered within an hour: Rota posted the open items to the channel at Sun 29 Mar 18:30 GMT\+2\. \[Open the post\]\(.+\) You can still post your status; it is marked late\.$/),
      ],
    ]);
    await w.h.restart();
    expect(channelTexts(await tick(Z('2026-03-29T16:31:00Z')))).toEqual([]);
    expect(await w.t.db('bot_posts').where('key', 'like', 'check:evening:ops:2026-03-29%').orderBy('key').select('key', 'state')).toEqual([
      { key: 'check:evening:ops:2026-03-29', state: 'posted' },
      { key: 'check:evening:ops:2026-03-29:unanswered', state: 'posted' },
    ]);

    w.h.clock.now = Z('2026-03-29T16:45:00Z');
    const late = await click('alice', 'check.evening.submit', { key: 'check:evening:ops:2026-03-29', status: 'Sorry, was on a call. All fine.' });
    expect(channelTexts(late.sent)).toEqual(['Evening check — Op of the Week, Sun 29 Mar, by Alice Archer (late, after the open items were posted as not answered): Sorry, was on a call. All fine.']);
    expect((late.body.value as { body: Array<{ text?: string }> }).body[1]!.text).toMatch(/^✅ Posted to the channel by Alice Archer at Sun 29 Mar 18:45 GMT\+2 \(late: after the open items were posted as not answered\)\./);
  });

  it('a check missed while Rota was down is sent late within 2 h, marked late; older ones are not sent', async () => {
    // Mon 30 Mar 09:00 CEST is 07:00Z; Rota comes back at 08:30Z. Tue 31 Mar's check (07:00Z): back only at 09:30Z.
    const sent = checkCards(await tick(Z('2026-03-30T08:30:00Z')), 'Morning check');
    expect(sent.map((s) => s.to)).toEqual(['a:chat-bob']);
    expect(cardTexts(sent[0]!.card).slice(0, 2)).toEqual(['Morning check — Op of the Week, Mon 30 Mar', '_Sent late: Rota was not running at 09:00._']);
    expect(checkCards(await tick(Z('2026-03-31T09:30:00Z')), 'Morning check')).toEqual([]);
    expect(await w.t.db('bot_posts').where({ key: 'check:morning:ops:2026-03-31' }).pluck('state')).toEqual([]);
    expect(await w.t.db('bot_posts').where({ key: 'check:morning:ops:2026-03-30' }).pluck('state')).toEqual(['posted']);
  });
});
