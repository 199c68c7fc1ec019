import { afterEach, describe, expect, it } from 'vitest';
import { decideSwap, proposeSwap } from '../../app/usecases/changes.js';
import { recordTimeOff, timeOff } from '../../app/usecases/timeOff.js';
import { ENGINES } from '../helpers/databases.js';
import { berlin, chatWorld, TUESDAY, type ChatWorld } from './chatWorld.js';

const alice = { email: 'alice@contoso.com', now: TUESDAY };
const bob = { email: 'bob@contoso.com', now: TUESDAY };

describe.each(ENGINES)('time off over a swap (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  it('names the swapped week Bob still holds, and moves only what the queue can move', async () => {
    w = await chatWorld(engine);
    // Ops by hand: weekly from Mon 5 Jan, alice, bob, carol, dave → Mon 7 Dec is alice's, Mon 14 Dec bob's.
    const proposed = await proposeSwap(w.deps, alice, 'bob@contoso.com', 'next ops');
    expect(proposed.ok).toBe(true);
    if (!proposed.ok) return;
    expect([proposed.value.mine.start, proposed.value.theirs.start]).toEqual([berlin('2026-12-07 12:00'), berlin('2026-12-14 12:00')]);
    const decided = await decideSwap(w.deps, bob, proposed.value.swap.id, true);
    expect(decided).toMatchObject({ ok: true, value: { outcome: 'accepted' } });

    const log: Array<[string, Record<string, unknown>]> = [];
    w.deps.service.onRecorded((what, detail) => log.push([what, detail]));
    const answer = await timeOff(w.deps, bob, '2026-12-07 to 2026-12-13');
    expect(answer.ok).toBe(true);
    // Every change is told with who and what (the log's "change recorded" line at info).
    expect(log).toEqual([['time off', expect.objectContaining({ actor: 'bob@contoso.com', from: berlin('2026-12-07 00:00'), to: berlin('2026-12-14 00:00') })]]);
    if (!answer.ok || !answer.value.recorded) throw new Error('not recorded');
    const v = answer.value;
    expect([answer.value.from, answer.value.to]).toEqual([berlin('2026-12-07 00:00'), berlin('2026-12-14 00:00')]);
    expect(answer.value.zone).toBe('Europe/Berlin');
    expect(answer.value.stillOnDuty.map((s) => [s.rotation.id, s.start, s.end, s.why, s.with])).toEqual([
      ['ops', berlin('2026-12-07 12:00'), berlin('2026-12-14 12:00'), 'swap', 'alice@contoso.com'],
    ]);
    // Night by hand: daily 08:00 from 5 Jan, bob, carol, dave, heidi → bob's nights in the week are Mon 7 and Fri 11 Dec
    // (days 336 and 340 from 5 Jan, both 0 mod 4), each named from its 20:00 start.
    const night = answer.value.moved.filter((m) => m.rotation.id === 'night' && m.from.includes('bob@contoso.com') && m.start < v.to);
    expect(night.map((m) => [m.start, m.from])).toEqual([
      [berlin('2026-12-07 20:00'), ['bob@contoso.com']],
      [berlin('2026-12-11 20:00'), ['bob@contoso.com']],
    ]);
    const during = v.moved.filter((m) => m.start < v.to && m.end > v.from);
    expect(during.length).toBeGreaterThan(2); // mro days too
    expect(during.filter((m) => m.to.includes('bob@contoso.com'))).toEqual([]);
  });

  it('says nothing moved and names nothing for an hour with no shifts of hers', async () => {
    w = await chatWorld(engine);
    const carol = { email: 'carol@contoso.com', now: TUESDAY };
    // Carol (ops, night). Mon 1 Mar 2027 10:00 is before that day's 12:00 ops handoff (week 59 from 5 Jan: dave's) and
    // outside the night window (20:00-08:00), so she holds nothing then.
    const answer = await timeOff(w.deps, carol, '2027-03-01 10:00 to 2027-03-01 11:00');
    expect(answer).toMatchObject({ ok: true, value: { recorded: true, moved: [], stillOnDuty: [] } });
  });

  it('asks before recording more than 60 days, and records exactly that range once confirmed', async () => {
    w = await chatWorld(engine);
    const asked = await timeOff(w.deps, bob, '2026-12-20 to 2036-12-20');
    expect(asked).toMatchObject({ ok: true, value: { recorded: false, days: 3653 + 1 } });
    expect(await w.t.db('time_off').count({ n: '*' }).first()).toMatchObject({ n: expect.anything() });
    expect(Number((await w.t.db('time_off').count({ n: '*' }).first())!.n)).toBe(0);
    if (!asked.ok || asked.value.recorded) return;
    const done = await recordTimeOff(w.deps, bob, asked.value.range, true);
    expect(done).toMatchObject({ ok: true, value: { recorded: true, from: berlin('2026-12-20 00:00'), to: berlin('2036-12-21 00:00') } });
    expect(Number((await w.t.db('time_off').count({ n: '*' }).first())!.n)).toBe(1);
  });

  it('refuses time off that is over, and changes nothing', async () => {
    w = await chatWorld(engine);
    expect(await timeOff(w.deps, bob, '2026-11-02 to 2026-11-06')).toEqual({ ok: false, error: 'That time is over; time off must end after now.' });
    expect(Number((await w.t.db('time_off').count({ n: '*' }).first())!.n)).toBe(0);
  });
});

describe.each(ENGINES)('a long cover is confirmed first (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  it('writes nothing until confirmed, then exactly the instants shown', async () => {
    w = await chatWorld(engine);
    const { cover, coverRange } = await import('../../app/usecases/changes.js');
    const erin = { email: 'erin@contoso.com', now: TUESDAY };
    const asked = await cover(w.deps, erin, 'carol@contoso.com', '2027-01-04 to 2027-03-31 ops');
    expect(asked).toMatchObject({ ok: true, value: { written: false, days: 87 } });
    expect(Number((await w.t.db('overrides').count({ n: '*' }).first())!.n)).toBe(0);
    if (!asked.ok) return;
    const o = asked.value.override;
    const done = await coverRange(w.deps, erin, { member: o.member, rotationId: o.rotationId, from: o.start, to: o.end }, true);
    expect(done).toMatchObject({ ok: true, value: { written: true } });
    const rows = await w.t.db('overrides').select('start_at', 'end_at', 'member');
    expect(rows.map((r) => [Number(r.start_at), Number(r.end_at), r.member])).toEqual([[berlin('2027-01-04 00:00'), Date.parse('2027-04-01T00:00:00+02:00'), 'carol@contoso.com']]);
  });

  it('"today" as the start covers from now', async () => {
    w = await chatWorld(engine);
    const { cover } = await import('../../app/usecases/changes.js');
    const dave = { email: 'dave@contoso.com', now: TUESDAY };
    const done = await cover(w.deps, dave, 'alice@contoso.com', 'today to tomorrow ops');
    expect(done).toMatchObject({ ok: true, value: { written: true, override: { start: TUESDAY, end: berlin('2026-12-03 00:00'), replaces: 'dave@contoso.com' } } });
  });
});
