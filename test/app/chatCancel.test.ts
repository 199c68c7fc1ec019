import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelChange, cancelTimeOff, listChanges, myChanges, type CancelActor } from '../../app/usecases/cancel.js';
import { cover, decideSwap, proposeSwap } from '../../app/usecases/changes.js';
import { timeOff } from '../../app/usecases/timeOff.js';
import type { ChatDeps } from '../../app/usecases/context.js';
import { RotaService } from '../../app/usecases/RotaService.js';
import { fileFromStored } from '../../app/usecases/state.js';
import { createStores } from '../../db/stores.js';
import { parseRotationFile } from '../../rotation/file.js';
import type { Outcome } from '../../rotation/result.js';
import { freshDatabase, type TestDatabase } from '../helpers/databases.js';
import { ROTATION_FILE, WEDNESDAY } from '../bot/botHarness.js';

// The bot harness's file: ops weekly Mon 12:00 Berlin, alice (on duty 2–9 Mar 2026), bob, carol, dave; erin is admin.
const [ALICE, BOB, CAROL, DAVE, ERIN] = ['alice', 'bob', 'carol', 'dave', 'erin'].map((n) => `${n}@contoso.com`) as [string, string, string, string, string];
const HOUR = 3_600_000;
const chatActor = (email: string, now = WEDNESDAY): CancelActor => ({ email, now, source: 'chat' });
const asker = (email: string, now = WEDNESDAY) => ({ email, now });

describe('cancel: the use cases', () => {
  let t: TestDatabase;
  let deps: ChatDeps;
  beforeEach(async () => {
    t = await freshDatabase('sqlite');
    const stores = createStores(t.db);
    const service = new RotaService(stores);
    const file = parseRotationFile(ROTATION_FILE);
    if (!file.ok) throw new Error('the harness file is valid');
    await service.applyFile(file.value, { actor: 'test', source: 'cli', now: 0 });
    deps = { service, stores };
  });
  afterEach(() => t.destroy());

  const must = <T>(o: Outcome<T>): T => {
    if (!o.ok) throw new Error(o.error);
    return o.value;
  };
  const idOf = async (kind: string) => (await listChanges(deps, WEDNESDAY)).find((i) => i.kind === kind)!.shortId;

  const setups = {
    'a cover Alice made for Bob': async () => {
      must(await cover(deps, asker(ALICE), BOB, '2026-03-05 09:00 to 2026-03-05 17:00'));
      return idOf('cover');
    },
    "Bob's time off": async () => {
      must(await timeOff(deps, asker(BOB), '2026-03-09 to 2026-03-13'));
      return idOf('time off');
    },
    "Alice's pending swap with Dave": async () => {
      must(await proposeSwap(deps, asker(ALICE), DAVE, 'next ops'));
      return idOf('swap');
    },
    "Alice's swap with Dave, accepted": async () => {
      const p = must(await proposeSwap(deps, asker(ALICE), DAVE, 'next ops'));
      must(await decideSwap(deps, asker(DAVE), p.swap.id, true));
      return idOf('swap');
    },
  } as const;

  it.each([
    ['a cover Alice made for Bob', ALICE, true],
    ['a cover Alice made for Bob', BOB, true],
    ['a cover Alice made for Bob', CAROL, false],
    ['a cover Alice made for Bob', ERIN, true],
    ["Bob's time off", BOB, true],
    ["Bob's time off", ALICE, false],
    ["Bob's time off", ERIN, true],
    ["Alice's pending swap with Dave", ALICE, true],
    ["Alice's pending swap with Dave", DAVE, false],
    ["Alice's pending swap with Dave", ERIN, true],
    ["Alice's swap with Dave, accepted", DAVE, true],
    ["Alice's swap with Dave, accepted", CAROL, false],
  ] as const)('%s: %s may cancel it: %s', async (setup, who, allowed) => {
    const id = await setups[setup]();
    const told: Array<[string, Record<string, unknown>]> = [];
    deps.service.onRecorded((what, detail) => told.push([what, detail]));
    const done = await cancelChange(deps, chatActor(who), id);
    expect(done.ok).toBe(allowed);
    // Logged at info with who and what, like every change (RotaService's "change recorded").
    expect(told.filter(([what]) => what === 'cancel').map(([, d]) => d.actor)).toEqual(allowed ? [who] : []);
    expect((await listChanges(deps, WEDNESDAY)).length).toBe(allowed ? 0 : 1);
    const cancels = (await t.db('audit_log').whereLike('action', '%.cancelled').pluck('actor')) as string[];
    expect(cancels).toEqual(allowed ? [who] : []);
  });

  it('the CLI is an admin tool; with --as it has that person’s rights', async () => {
    const id = await setups["Bob's time off"]();
    expect(await cancelChange(deps, { email: CAROL, now: WEDNESDAY, source: 'cli' }, id)).toMatchObject({ ok: false });
    expect(await cancelChange(deps, { email: 'cli', now: WEDNESDAY, source: 'cli', admin: true }, id)).toMatchObject({ ok: true, value: { effect: 'removed' } });
    expect(await t.db('audit_log').where({ action: 'timeoff.cancelled' }).select('actor', 'source')).toEqual([{ actor: 'cli', source: 'cli' }]);
  });

  it('time off in progress ends at now: the past part stays, the rest of the week goes back, export writes the new end', async () => {
    must(await timeOff(deps, asker(ALICE), '2026-03-04 to 2026-03-06')); // Alice is on duty; her week had started, so it stays hers
    const id = await idOf('time off');
    const now = Date.parse('2026-03-05T11:00:00Z');
    const done = must(await cancelChange(deps, chatActor(ALICE, now), id));
    expect(done.effect).toBe('ended');
    const row = await t.db('time_off').first();
    expect([Number(row.start_at), Number(row.end_at)]).toEqual([Date.parse('2026-03-03T23:00:00Z'), now]);
    const exported = fileFromStored(await createStores(t.db).rotations.load());
    expect(exported.timeOff).toEqual([{ member: ALICE, from: '2026-03-04', to: '2026-03-05T12:00:00+01:00' }]);
  });

  it('`cancel time off on <date>` picks the one that day; two on that day are listed, not guessed', async () => {
    must(await timeOff(deps, asker(BOB), '2026-04-06 to 2026-04-10'));
    must(await timeOff(deps, asker(BOB), '2026-04-08 09:00 to 2026-04-08 17:00'));
    const both = await cancelTimeOff(deps, chatActor(BOB), 'on 2026-04-08');
    expect(both.ok).toBe(false);
    expect(!both.ok && both.error.split('\n')[0]).toBe('You have 2 time off entries on 2026-04-08; say which one: cancel <id>');
    expect(await cancelTimeOff(deps, chatActor(BOB), 'on 2026-04-06')).toMatchObject({ ok: true, value: { item: { start: Date.parse('2026-04-05T22:00:00Z') } } });
    expect(await cancelTimeOff(deps, chatActor(BOB), '')).toMatchObject({ ok: true, value: { item: { start: Date.parse('2026-04-08T07:00:00Z') } } });
    expect(await cancelTimeOff(deps, chatActor(BOB), '')).toEqual({ ok: false, error: 'You have no time off to cancel.' });
  });

  it('`cancel swap` / `cancel my cover` take the one of that kind, or say there is none', async () => {
    must(await proposeSwap(deps, asker(ALICE), DAVE, 'next ops'));
    expect(await cancelChange(deps, chatActor(ALICE), 'my cover')).toEqual({ ok: false, error: 'You have no cover to cancel.' });
    expect(await cancelChange(deps, chatActor(DAVE), 'swap')).toEqual({ ok: false, error: 'You have no swap to cancel.' });
    expect(await cancelChange(deps, chatActor(ALICE), 'swap')).toMatchObject({ ok: true, value: { item: { kind: 'swap' }, moved: [] } });
  });

  it('numbers refer to the list last shown to the asker; a list of someone else is for admins', async () => {
    expect(await cancelChange(deps, chatActor(BOB), '1')).toEqual({ ok: false, error: 'Say my changes first: cancel 1 means the line numbered 1 there.' });
    must(await timeOff(deps, asker(BOB), '2026-04-06 to 2026-04-10'));
    expect(await myChanges(deps, chatActor(CAROL), BOB)).toEqual({ ok: false, error: "Only admins can list someone else's changes; say my changes for yours." });
    const listed = must(await myChanges(deps, chatActor(ERIN), BOB));
    expect(listed.items.map((i) => i.kind)).toEqual(['time off']);
    must(await timeOff(deps, asker(BOB), '2026-03-20 to 2026-03-21')); // earlier: it would be number 1 in a new list
    const done = must(await cancelChange(deps, chatActor(ERIN, WEDNESDAY + HOUR), '1'));
    expect(done.item.start).toBe(Date.parse('2026-04-05T22:00:00Z'));
  });
});
