import { afterEach, describe, expect, it } from 'vitest';
import { cancelChange } from '../../app/usecases/cancel.js';
import { take } from '../../app/usecases/take.js';
import { ENGINES } from '../helpers/databases.js';
import { berlin, chatWorld, FIRST_WEEK_FILE, TUESDAY, type ChatWorld } from './chatWorld.js';

const PAIR = `timezone: Europe/Berlin
rotations:
  - id: pair
    name: Support pair
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    onDuty: 2
    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com]
`;

describe.each(ENGINES)('take the pager (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());
  const as = (email: string, now = TUESDAY) => ({ email, now });

  it('alice takes ops from now until the end of dave\'s week; the override replaces dave, and cancel undoes it', async () => {
    w = await chatWorld(engine);
    const r = await take(w.deps, as('alice@contoso.com'), 'ops');
    expect(r.ok && { relieved: r.value.relieved, override: r.value.override }).toEqual({
      relieved: 'dave@contoso.com',
      override: { rotationId: 'ops', start: TUESDAY, end: berlin('2026-12-07 12:00'), member: 'alice@contoso.com', replaces: 'dave@contoso.com' },
    });
    expect((await w.deps.stores.changes.openChanges(TUESDAY)).overrides.map((o) => [o.member, o.replaces, o.origin])).toEqual([['alice@contoso.com', 'dave@contoso.com', 'chat']]);
    const undone = await cancelChange(w.deps, { email: 'alice@contoso.com', now: TUESDAY + 60_000, source: 'chat' }, 'cover');
    expect(undone.ok).toBe(true);
    expect((await w.deps.stores.changes.openChanges(TUESDAY + 60_000)).overrides).toEqual([]);
  });

  it.each([
    ['ops for 2h', TUESDAY + 2 * 3_600_000],
    ['ops for 90 minutes', TUESDAY + 90 * 60_000],
    ['for 1d ops', TUESDAY + 86_400_000],
    ['ops until 18:00', berlin('2026-12-01 18:00')],
    ['ops until friday', berlin('2026-12-05 00:00')],
  ])('"take %s" ends at the time asked', async (args, end) => {
    w = await chatWorld(engine);
    const r = await take(w.deps, as('carol@contoso.com'), args);
    expect(r.ok && r.value.override.end).toBe(end);
  });

  it.each([
    ['frank@contoso.com', 'ops', "Only Op of the Week's members and admins can take its pager; you are neither. Ask one of its admins to add you."],
    ['dave@contoso.com', 'ops', 'You are already on duty in Op of the Week; nothing to take.'],
    ['bob@contoso.com', 'night', 'Nobody is on duty in Night on call now, so there is no pager to take; its next stretch starts'],
    ['alice@contoso.com', 'ops for soon', "'soon' is not a length: write 'for 2h', 'for 90m' or 'for 1d'."],
    ['alice@contoso.com', 'ops until 2026-11-30 09:00', "'2026-11-30 09:00' is not after now"],
    ['alice@contoso.com', 'ops from bob', 'bob@contoso.com is not on duty in Op of the Week now (dave@contoso.com is).'],
  ])('%s: "take %s" is refused and writes nothing', async (who, args, error) => {
    w = await chatWorld(engine);
    const r = await take(w.deps, as(who), args);
    expect(r.ok ? 'taken' : r.error).toContain(error);
    expect((await w.deps.stores.changes.openChanges(TUESDAY)).overrides).toEqual([]);
  });

  it("an end past the relieved person's stretch is cut at it (never into the next person's), and the result says what was asked", async () => {
    w = await chatWorld(engine);
    const r = await take(w.deps, as('alice@contoso.com'), 'ops until 2026-12-09');
    expect(r.ok && { end: r.value.override.end, askedUntil: r.value.askedUntil }).toEqual({ end: berlin('2026-12-07 12:00'), askedUntil: berlin('2026-12-10 00:00') }); // "until" a date: to the end of that day, as "until friday" above
  });

  it('an admin who is no member may take; without a rotation, the one of yours with someone else on duty is taken', async () => {
    w = await chatWorld(engine);
    expect((await take(w.deps, as('erin@contoso.com'), 'ops')).ok).toBe(true);
    await w.stop();
    w = await chatWorld(engine);
    // Carol is in ops (Dave on duty) and night (nobody now): ops it is.
    const r = await take(w.deps, as('carol@contoso.com'), '');
    expect(r.ok && r.value.rotation.id).toBe('ops');
  });

  it('with two on duty (onDuty: 2) it asks whom, and "from <person>" relieves that one only', async () => {
    w = await chatWorld(engine, PAIR);
    // Week 48 of the pairs (from 5 Jan): carol and dave.
    const asked = await take(w.deps, as('alice@contoso.com'), 'pair');
    expect(asked.ok ? 'taken' : asked.error).toBe('carol@contoso.com and dave@contoso.com are on duty in Support pair now: whom do you relieve? Say take pair from carol.');
    const r = await take(w.deps, as('alice@contoso.com'), 'pair from dave for 3h');
    expect(r.ok && r.value.override).toEqual({ rotationId: 'pair', start: TUESDAY, end: TUESDAY + 3 * 3_600_000, member: 'alice@contoso.com', replaces: 'dave@contoso.com' });
  });

  it('with several rotations of yours and none clearly meant, it asks which', async () => {
    w = await chatWorld(engine, FIRST_WEEK_FILE);
    const r = await take(w.deps, as('heidi@contoso.com', berlin('2026-12-01 21:00')), '');
    expect(r.ok ? r.value.rotation.id : r.error).toBe('Which rotation? You are in dev (Dev of the Week), mro (MRO / Interrupt), night (Night on call): say take dev.');
  });

  it('a take that puts the taker on duty twice says so, as cover does', async () => {
    w = await chatWorld(engine);
    // Night on call goes daily bob, carol, dave, heidi: Dave has Tuesday's night, so Carol has Friday's (20:00-08:00).
    // Only bookings the take creates are listed (Dave, relieved, loses his instead).
    const r = await take(w.deps, as('carol@contoso.com'), 'ops');
    expect(r.ok && r.value.doubleBooked).toEqual([
      { member: 'carol@contoso.com', start: berlin('2026-12-04 20:00'), end: berlin('2026-12-05 08:00'), zone: 'Europe/Berlin', names: ['Night on call', 'Op of the Week'] },
    ]);
  });
});
