import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.js';
import { runCapturing } from '../helpers/runCli.js';
import { startBot, stopBot, type BotWorld } from './botHarness.js';
import { DUTY_FILE, dutyCards, people, type SentDuty } from './dutyWorld.js';

const Z = (iso: string) => Date.parse(iso);
const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Z('2026-03-23T06:00:00Z');
const END = Z('2026-04-06T06:00:00Z');
const ALERTS = 'Check overnight alerts';
const BACKUP = 'Check the night backup';
const RELEASE = 'Release day: watch the roll-out';

// Hand-computed: 09:15 Berlin is 08:15Z until Sun 29 Mar (CET, +1), 07:15Z after (CEST, +2); Sat 08:00 is 07:00Z,
// then 06:00Z; Sun 02:30 does not exist on 29 Mar (02:00 → 03:00) and moves forward by the gap to 03:30 CEST (01:30Z).
// Carol has the week of 23 Mar, except Thu 26 (file override: bob); alice the week of 30 Mar, except Wed 1 Apr
// (bob covers, said in chat). Tue 31 Mar Rota is down from 07:00Z to 09:00Z (sent late); Thu 2 Apr from 06:00Z to
// 14:00Z (more than 6 h: never sent, missed).
const EXPECTED: Array<[string, string, string]> = [
  ['2026-03-23T08:15:00Z', 'carol', ALERTS],
  ['2026-03-24T08:15:00Z', 'carol', ALERTS],
  ['2026-03-25T08:15:00Z', 'carol', ALERTS],
  ['2026-03-26T08:15:00Z', 'bob', ALERTS],
  ['2026-03-27T08:15:00Z', 'carol', ALERTS],
  ['2026-03-27T08:35:00Z', 'carol', ALERTS], // snoozed 15 min at 08:20Z, back once
  ['2026-03-28T07:00:00Z', 'channel', RELEASE],
  ['2026-03-29T01:30:00Z', 'carol', BACKUP],
  ['2026-03-30T07:15:00Z', 'alice', ALERTS],
  ['2026-03-31T09:00:00Z', 'alice', ALERTS], // due 07:15Z, Rota back at 09:00Z: late
  ['2026-04-01T07:15:00Z', 'bob', ALERTS],
  ['2026-04-03T07:15:00Z', 'alice', ALERTS],
  ['2026-04-04T06:00:00Z', 'channel', RELEASE],
  ['2026-04-05T00:30:00Z', 'alice', BACKUP],
];
const DOWN: Array<[number, number]> = [
  [Z('2026-03-31T07:00:00Z'), Z('2026-03-31T09:00:00Z')],
  [Z('2026-04-02T06:00:00Z'), Z('2026-04-02T14:00:00Z')],
];
const SNOOZE_AT = Z('2026-03-27T08:20:00Z');
const RESTART_AT = Z('2026-03-25T08:15:00Z');

describe.each(ENGINES)('duty cards over two weeks across the spring DST change (%s)', (engine) => {
  let w: BotWorld;
  const p = people(() => w);
  const sent: Array<SentDuty & { at: string }> = [];

  /** Ticks every hour, at each expected instant and a minute after it, except while Rota is down. */
  async function runTo(until: number, onTick?: (now: number) => Promise<void>) {
    const instants = new Set<number>();
    for (let t = START; t < END; t += HOUR) instants.add(t);
    for (const [at] of EXPECTED) instants.add(Z(at)).add(Z(at) + MIN);
    const from = w.h.clock.now;
    for (const now of [...instants].filter((t) => t > from && t <= until && !DOWN.some(([a, b]) => t > a && t < b)).sort((a, b) => a - b)) {
      w.h.clock.now = now;
      if (DOWN.some(([, b]) => now === b)) await w.h.restart();
      const mark = w.h.mark();
      await w.h.rota.handoffs.tick(now);
      sent.push(...dutyCards(w.h.since(mark)).map((c) => ({ ...c, at: new Date(now).toISOString().replace('.000', '') })));
      await onTick?.(now);
    }
  }

  beforeAll(async () => {
    w = await startBot(engine, undefined, { file: DUTY_FILE, now: START - HOUR });
    await p.install();
    for (const who of ['alice', 'bob', 'carol', 'erin'] as const) await p.say(who, 'remind');
    expect(await p.say('erin', 'cover bob@contoso.com 2026-04-01 00:00 to 2026-04-02 00:00 ops')).toEqual([
      'Done: <at>Bob Baker</at> covers **Op of the Week**:\n- Wed 1 Apr 00:00 GMT+2 – Thu 2 Apr 00:00 GMT+2 instead of <at>Alice Archer</at>',
    ]);
    w.h.clock.now = START;
  }, 120_000);
  afterAll(() => stopBot(w));

  it('fires every duty once, at its local time, to whoever is on duty then; a restart sends nothing again', async () => {
    await runTo(RESTART_AT);
    await w.h.restart();
    const before = sent.length;
    await w.h.rota.handoffs.tick(RESTART_AT);
    expect(sent.length).toBe(before);
    await runTo(SNOOZE_AT - MIN);
    expect(sent.map((s) => [s.at, s.to, s.task])).toEqual(EXPECTED.slice(0, 5));
  }, 120_000);

  it('the card: task, link, when it was due, Done / Skip with a reason / Snooze', async () => {
    const fri = sent[4]!;
    expect(fri.texts).toEqual(['Duty · Op of the Week', ALERTS, 'Due Fri 27 Mar 09:15 GMT+1 · for <at>Carol Cook</at>', '']);
    expect(fri.key).toMatch(/^duty:ops:[0-9a-f]{8}:2026-03-27$/);
  });

  it('snooze: the clicked card says until when, and the card comes back once at that time', async () => {
    const key = sent[4]!.key;
    w.h.clock.now = SNOOZE_AT;
    const snoozed = await p.click('carol', 'duty.snooze', { key, minutes: 15 });
    expect(snoozed.texts).toContain('💤 Snoozed until 09:35 by Carol Cook');
    await runTo(Z('2026-03-27T08:40:00Z'));
    expect(sent.map((s) => [s.at, s.to, s.task])).toEqual(EXPECTED.slice(0, 6));
    expect(sent[5]!.texts).toContain('Back from a snooze by Carol Cook at 09:20.');
    const mark = w.h.mark();
    w.h.clock.now = Z('2026-03-27T08:41:00Z');
    const done = await p.click('carol', 'duty.done', { key });
    expect(done.texts).toContain('✅ Done by Carol Cook at 09:41');
    // Both copies in Carol's chat say so, in place (the invoke did not name the card clicked, so both are updated).
    const updates = w.h.since(mark).filter((r) => r.method === 'PUT');
    expect(updates.map((r) => r.path)).toEqual([expect.stringMatching(/^\/v3\/conversations\/a%3Achat-carol\/activities\//), expect.stringMatching(/^\/v3\/conversations\/a%3Achat-carol\/activities\//)]);
    expect(updates.every((r) => JSON.stringify(r.body).includes('✅ Done by Carol Cook at 09:41'))).toBe(true);
  });

  it('wrong person, forged key, skip without a reason, an answer after an answer: nothing changes, each is told', async () => {
    const tue = sent[1]!.key;
    expect((await p.click('bob', 'duty.done', { key: tue })).value).toBe('Only Carol Cook (the card went to them), whoever is on duty in Op of the Week now, or an admin can mark this duty; nothing changed.');
    expect((await p.click('carol', 'duty.done', { key: 'duty:ops:deadbeef:2026-03-24' })).value).toBe('I know nothing about this duty.');
    expect((await p.click('carol', 'duty.skip', { key: tue, reason: '  ' })).value).toBe('Skip needs a reason: write why in the box, then press Skip again.');
    expect((await p.click('erin', 'duty.skip', { key: tue, reason: 'alerting was down for maintenance' })).texts).toContain('⏭ Skipped by Erin Ende at 09:41: alerting was down for maintenance');
    expect((await p.click('carol', 'duty.done', { key: tue })).texts).toContain('⏭ Skipped by Erin Ende at 09:41: alerting was down for maintenance');
    expect(await w.t.db('audit_log').where('action', 'like', 'duty.%').orderBy('id').pluck('action')).toEqual(['duty.snoozed', 'duty.done', 'duty.skipped']);
  });

  it('the second week: DST, the cover, late after a downtime, never sent after a long one', async () => {
    await runTo(END - 1);
    expect(sent.map((s) => [s.at, s.to, s.task])).toEqual(EXPECTED);
    const late = sent.find((s) => s.at === '2026-03-31T09:00:00Z')!;
    expect(late.texts).toContain('⚠ late: due 09:15, Rota was not running');
    expect(sent.filter((s) => s.at !== '2026-03-31T09:00:00Z').every((s) => !s.texts.some((t) => t.includes('late')))).toBe(true);
  }, 120_000);

  it('duties in chat and on the command line list the day with its state', async () => {
    w.h.clock.now = Z('2026-04-05T10:00:00Z'); // Sun 5 Apr 12:00 in Berlin
    expect(await p.say('alice', 'duties ops 2026-03-27')).toEqual([
      '**Op of the Week** duties on Fri 27 Mar 2026 (Europe/Berlin):\n- 09:15 Check overnight alerts: done by Carol Cook at 09:41 · to Carol Cook',
    ]);
    expect(await p.say('alice', 'duties 2026-03-31')).toEqual(['**Op of the Week** duties on Tue 31 Mar 2026 (Europe/Berlin):\n- 09:15 Check overnight alerts: missed (late) · to Alice Archer']);
    expect(await p.say('alice', 'duties')).toEqual(['**Op of the Week** duties on Sun 5 Apr 2026 (Europe/Berlin):\n- 02:30 Check the night backup: open · to Alice Archer']);
    expect(await p.say('alice', 'duties tomorrow')).toEqual(['**Op of the Week** duties on Mon 6 Apr 2026 (Europe/Berlin):\n- 09:15 Check overnight alerts: upcoming']);
    expect(await p.say('alice', 'duties ops 2026-03-28')).toEqual(['**Op of the Week** duties on Sat 28 Mar 2026 (Europe/Berlin):\n- 08:00 Release day: watch the roll-out: missed · to Carol Cook']);
    expect(await p.say('alice', 'duties nops')).toEqual(['I know no rotation "nops". Rotations here: ops (Op of the Week). Or give a day: "duties tomorrow", "duties ops 2026-12-03".']);

    process.env.DATABASE_URL = w.t.url;
    try {
      const thu = await runCapturing(['duties', '--rotation', 'ops', '--date', '2026-04-02'], w.h.clock.now);
      expect(thu).toEqual({
        code: 0,
        err: '',
        out: [
          'ops (Op of the Week) 2026-04-02 Europe/Berlin',
          'time   task                    state   late  to',
          '-----  ----------------------  ------  ----  -----------------------------------------------------------------------',
          '09:15  Check overnight alerts  missed        not delivered: Rota was not running at its time or in the 6 hours after',
          '',
        ].join('\n'),
      });
      expect(await runCapturing(['duties', '--rotation', 'nope'], w.h.clock.now)).toMatchObject({ code: 2, err: 'rota: --rotation: no rotation "nope"; rotations here: ops\n' });
      expect(await runCapturing(['duties', '--date', '3 April'], w.h.clock.now)).toMatchObject({ code: 2, err: 'rota: --date: expected a date such as 2026-12-03 (YYYY-MM-DD), not "3 April"\n' });
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});
