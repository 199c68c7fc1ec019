import { afterEach, describe, expect, it } from 'vitest';
import { answerOof } from '../../app/usecases/oofAnswer.js';
import { sendOofQuestions } from '../../app/usecases/oofDelivery.js';
import { ENGINES } from '../helpers/databases.js';
import { chatWorld, type ChatWorld } from './chatWorld.js';

const OPS = `  - id: ops
    name: Op of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com]
`;
const FILE = `timezone: Europe/Berlin\nrotations:\n${OPS}`;
/** Bob is first in a London rotation: his home zone (the one his time off is written in) is Europe/London. */
const LONDON_FILE = `timezone: Europe/Berlin
rotations:
  - id: desk
    name: London desk
    timezone: Europe/London
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    members: [erin@contoso.com, bob@contoso.com]
${OPS}`;
/** A daily desk, Bob and Carol by turns from Mon 5 Jan (Bob on even days: 10, 12, 14 March are his), 09:00 Berlin. */
const DAILY_FILE = `timezone: Europe/Berlin
rotations:
  - id: desk
    name: Desk
    start: 2026-01-05
    every: 1d
    handoff: "09:00"
    members: [bob@contoso.com, carol@contoso.com]
`;
/** Wed 4 March 2026 11:00 Berlin. Ops by hand: weekly from Mon 5 Jan, alice, bob, carol, dave → Bob's week is Mon 9 March 12:00 – Mon 16 March 12:00 CET. */
const NOW = Date.parse('2026-03-04T10:00:00Z');
const BOB_SHIFT = Date.parse('2026-03-09T11:00:00Z');
/** Outlook's all-day out of office 10–14 March in Berlin: midnight to midnight CET. */
const BLOCK = { member: 'bob@contoso.com', start: Date.parse('2026-03-09T23:00:00Z'), end: Date.parse('2026-03-14T23:00:00Z'), rotationId: 'ops', detail: { rotationName: 'Op of the Week', zone: 'Europe/Berlin', shiftStart: BOB_SHIFT, more: 0 } };
const bob = (now = NOW) => ({ email: 'bob@contoso.com', now });

describe.each(ENGINES)('out-of-office answers and sending (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  async function asked(file = FILE) {
    w = await chatWorld(engine, file, NOW);
    await w.deps.stores.oof.add([BLOCK], NOW);
    return (await w.deps.stores.oof.open())[0]!.id;
  }
  const timeOffRows = async () => (await w.t.db('time_off').orderBy('start_at')).map((r) => ({ id: r.id, start: Number(r.start_at), end: Number(r.end_at), spec: JSON.parse(r.spec) }));

  it('Yes records the block as whole days in Bob\'s zone, with the question\'s key, and the question accepted', async () => {
    const id = await asked();
    expect((await answerOof(w.deps, bob(), id, true)).ok).toBe(true);
    expect(await timeOffRows()).toEqual([{ id: `chat-oof-${id}`, start: BLOCK.start, end: BLOCK.end, spec: { from: '2026-03-10', to: '2026-03-14', timezone: 'Europe/Berlin' } }]);
    expect((await w.deps.stores.oof.suggestion(id))!.state).toBe('accepted');
  });

  it('whole days are decided in his home zone (London), not the rotation\'s: Berlin midnights are 23:00 there', async () => {
    const id = await asked(LONDON_FILE);
    expect((await answerOof(w.deps, bob(), id, true)).ok).toBe(true);
    expect((await timeOffRows()).map((r) => r.spec)).toEqual([{ from: '2026-03-09T23:00:00+00:00', to: '2026-03-14T23:00:00+00:00', timezone: 'Europe/London' }]);
  });

  it('Yes records only the part his time off does not cover yet (he is off 10–11 March already; his daily desk days 12 and 14 March stay)', async () => {
    const id = await asked(DAILY_FILE);
    await w.deps.stores.changes.addTimeOff({ member: 'bob@contoso.com', start: BLOCK.start, end: Date.parse('2026-03-11T23:00:00Z'), spec: { from: '2026-03-10', to: '2026-03-11' } }, { actor: 'bob@contoso.com', source: 'chat', now: NOW });
    w.deps.service.changed('time off');
    expect(await answerOof(w.deps, bob(), id, true)).toMatchObject({ ok: true });
    const mine = (await timeOffRows()).filter((r) => r.id === `chat-oof-${id}`);
    expect(mine).toEqual([{ id: `chat-oof-${id}`, start: Date.parse('2026-03-11T23:00:00Z'), end: BLOCK.end, spec: { from: '2026-03-12', to: '2026-03-14', timezone: 'Europe/Berlin' } }]);
  });

  it('a Yes after his week went to Carol, or after the block ended, says the question no longer applies and changes nothing', async () => {
    const id = await asked();
    await w.deps.stores.changes.addOverride({ rotationId: 'ops', start: BOB_SHIFT, end: BOB_SHIFT + 7 * 86_400_000, member: 'carol@contoso.com', replaces: 'bob@contoso.com' }, { actor: 'bob@contoso.com', source: 'chat', now: NOW });
    w.deps.service.changed('cover');
    expect(await answerOof(w.deps, bob(), id, true)).toEqual({ ok: false, error: 'This question no longer applies (it no longer covers a shift of theirs (the shift moved, or time off covers it)); it has expired and nothing changed.' });
    expect(await timeOffRows()).toEqual([]);
    expect((await w.deps.stores.oof.suggestion(id))!.state).toBe('expired');
    expect(await answerOof(w.deps, bob(), id, true)).toEqual({ ok: false, error: 'This question has expired (it no longer covers a shift of theirs (the shift moved, or time off covers it)); nothing changed.' });
  });

  it('a Yes after the block ended expires it (not "That time is over" with the question reopened)', async () => {
    const id = await asked();
    expect(await answerOof(w.deps, bob(BLOCK.end + 1), id, true)).toEqual({ ok: false, error: 'This question no longer applies (the out-of-office block has ended); it has expired and nothing changed.' });
    expect(await timeOffRows()).toEqual([]);
    expect((await w.deps.stores.oof.suggestion(id))!.state).toBe('expired');
  });

  it('sending checks again: a question whose shift moved away expires unsent', async () => {
    const id = await asked();
    await w.deps.stores.changes.addOverride({ rotationId: 'ops', start: BOB_SHIFT, end: BOB_SHIFT + 7 * 86_400_000, member: 'dave@contoso.com', replaces: 'bob@contoso.com' }, { actor: 'bob@contoso.com', source: 'chat', now: NOW });
    w.deps.service.changed('cover');
    const sent: string[] = [];
    const poster = { sendToPerson: async (v: { id: string }) => (sent.push(v.id), { conversationId: 'a:chat-bob', activityId: '1' }) };
    await sendOofQuestions({ deps: w.deps, poster, clock: () => NOW, log: { info: () => undefined, warn: () => undefined } }, 'test', NOW);
    expect(sent).toEqual([]);
    expect(await w.deps.stores.oof.suggestion(id)).toMatchObject({ state: 'expired', note: 'it no longer covers a shift of theirs (the shift moved, or time off covers it)' });
  });
});
