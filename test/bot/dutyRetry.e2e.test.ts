import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.js';
import { startBot, stopBot, type BotWorld } from './botHarness.js';
import { DUTY_FILE, dutyCards, people } from './dutyWorld.js';

const Z = (iso: string) => Date.parse(iso);
const ALERTS = 'Check overnight alerts';
const RELEASE = 'Release day: watch the roll-out';

// Carol has Op of the Week from Mon 23 Mar 2026 09:00 Berlin; the weekdays' 09:15 duty is 08:15Z (CET). Saturday's
// release (08:00 Berlin, 07:00Z) goes to the channel. Nobody has written to Rota, and it is installed in no team yet.
describe.each(ENGINES)('undelivered duty cards are tried again while the duty is open (%s)', (engine) => {
  let w: BotWorld;
  const p = people(() => w);
  afterEach(() => stopBot(w));

  async function tick(iso: string) {
    w.h.clock.now = Z(iso);
    const mark = w.h.mark();
    await w.h.rota.handoffs.tick(w.h.clock.now);
    return dutyCards(w.h.since(mark)).map((c) => `${c.to}: ${c.task}`);
  }
  const state = async (dueIso: string) => (await w.t.db('duty_runs').where({ due_at: Z(dueIso) }).first())?.state as string | undefined;

  it('when the person next writes to Rota, the open card goes to their chat, once; a missed one does not', async () => {
    w = await startBot(engine, undefined, { file: DUTY_FILE, now: Z('2026-03-23T06:00:00Z') });
    expect(await tick('2026-03-23T08:15:00Z')).toEqual([]);
    expect(await state('2026-03-23T08:15:00Z')).toBe('undelivered');
    expect(await tick('2026-03-23T08:31:00Z')).toEqual([]); // tried again: still no chat with her

    w.h.clock.now = Z('2026-03-23T09:00:00Z');
    const mark = w.h.mark();
    await p.say('carol', 'my shifts');
    expect(dutyCards(w.h.since(mark)).map((c) => `${c.to}: ${c.task}`)).toEqual([`carol: ${ALERTS}`]);
    expect(await state('2026-03-23T08:15:00Z')).toBe('posted');
    const again = w.h.mark();
    await p.say('carol', 'my shifts');
    expect(dutyCards(w.h.since(again))).toEqual([]);

    // Bob covers Carol's Tuesday 08:00–12:00 Berlin: his card is undelivered; he writes on Wednesday, after it counted as missed.
    expect(await p.say('carol', 'cover bob@contoso.com 2026-03-24 08:00 to 2026-03-24 12:00 ops')).toHaveLength(1);
    expect(await tick('2026-03-24T08:15:00Z')).toEqual([]);
    expect(await state('2026-03-24T08:15:00Z')).toBe('undelivered');
    expect(JSON.parse((await w.t.db('duty_runs').where({ due_at: Z('2026-03-24T08:15:00Z') }).first()).assignees as string)).toEqual(['bob@contoso.com']);
    w.h.clock.now = Z('2026-03-25T07:00:00Z');
    const late = w.h.mark();
    await p.say('bob', 'my shifts');
    expect(dutyCards(w.h.since(late))).toEqual([]);
    expect(await state('2026-03-24T08:15:00Z')).toBe('undelivered');
  });

  it('a channel card Rota could not post is posted once Rota is in the team, at the next 15-minute retry', async () => {
    w = await startBot(engine, undefined, { file: DUTY_FILE, now: Z('2026-03-28T06:00:00Z') });
    expect(await tick('2026-03-28T07:00:00Z')).toEqual([]);
    expect(await state('2026-03-28T07:00:00Z')).toBe('undelivered');
    w.h.clock.now = Z('2026-03-28T07:05:00Z');
    await p.install();
    expect(await tick('2026-03-28T07:10:00Z')).toEqual([]); // last tried 10 minutes ago
    expect(await tick('2026-03-28T07:15:00Z')).toEqual([`channel: ${RELEASE}`]);
    expect(await tick('2026-03-28T07:30:00Z')).toEqual([]);
    expect(await state('2026-03-28T07:00:00Z')).toBe('posted');
  });
});
