import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnexOofStore } from '../../db/oof/KnexOofStore.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const BLOCK = { member: 'Bob@contoso.com', start: 1_773_097_200_000, end: 1_773_529_200_000, rotationId: 'ops', detail: { rotationName: 'Op of the Week', zone: 'Europe/Berlin', shiftStart: 1_773_054_000_000, more: 0 } };
const ctx = (now: number) => ({ actor: 'bob@contoso.com', source: 'chat' as const, now });

describe.each(ENGINES)('KnexOofStore on %s', (engine) => {
  let t: TestDatabase;
  let store: KnexOofStore;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    store = KnexOofStore.create(t.db);
  });
  afterEach(() => t.destroy());

  it('stores a block once (lower-case member), whatever state it is in later', async () => {
    expect(await store.add([BLOCK, BLOCK], 1)).toBe(1);
    const [s] = await store.ofMembers(['bob@contoso.com']);
    expect(s).toMatchObject({ member: 'bob@contoso.com', state: 'new', post: 'none', detail: BLOCK.detail, start: BLOCK.start, end: BLOCK.end });
    expect(await store.answer(s!.id, 'declined', ctx(2))).toBe(true);
    expect(await store.add([BLOCK], 3)).toBe(0);
    expect((await store.suggestion(s!.id))!.state).toBe('declined');
  });

  it('one claim wins; only its holder records the outcome; posted asks it; undelivered is retaken once', async () => {
    await store.add([BLOCK], 1);
    const id = (await store.unsent())[0]!.id;
    expect([await store.claim(id, 'a', 2), await store.claim(id, 'b', 2)]).toEqual([true, false]);
    expect(await store.markUndelivered(id, 'b', 'no chat', 3)).toBe(false);
    expect(await store.markUndelivered(id, 'a', 'no chat', 3)).toBe(true);
    expect((await store.undelivered(3, 'BOB@contoso.com')).map((s) => s.note)).toEqual(['no chat']);
    expect([await store.retakeUndelivered(id, 'b', 4), await store.retakeUndelivered(id, 'c', 4)]).toEqual([true, false]);
    expect(await store.markPosted(id, 'b', { conversationId: 'a:chat-bob', activityId: 'act-1' }, 5)).toBe(true);
    expect(await store.suggestion(id)).toMatchObject({ state: 'asked', post: 'posted', conversationId: 'a:chat-bob', activityId: 'act-1' });
    expect(await store.unsent()).toEqual([]);
  });

  it('answers once, with an audit row; an expired one cannot be answered; every open question is listed', async () => {
    await store.add([BLOCK, { ...BLOCK, member: 'ann@contoso.com' }], 1);
    const id = (await store.ofMembers(['bob@contoso.com']))[0]!.id;
    expect((await store.open()).map((s) => s.member).sort()).toEqual(['ann@contoso.com', 'bob@contoso.com']);
    expect([await store.answer(id, 'declined', ctx(2)), await store.answer(id, 'accepted', ctx(2))]).toEqual([true, false]);
    const audit = await t.db('audit_log').where({ action: 'oof.declined' });
    expect(audit.map((a) => [a.actor, a.rotation_id])).toEqual([['bob@contoso.com', 'ops']]);
    expect((await store.open()).map((s) => s.member)).toEqual(['ann@contoso.com']);
    const ann = (await store.open())[0]!.id;
    expect(await store.expire(ann, 'the out-of-office block has ended', 4)).toBe(true);
    expect(await store.answer(ann, 'accepted', ctx(5))).toBe(false);
    expect(await store.suggestion(ann)).toMatchObject({ state: 'expired', note: 'the out-of-office block has ended' });
  });

  it('Yes and its time off in one transaction: a failure in the second step leaves the question open; the retry records one time off', async () => {
    await store.add([BLOCK], 1);
    const id = (await store.unsent())[0]!.id;
    const timeOff = { member: 'bob@contoso.com', start: BLOCK.start, end: BLOCK.end, spec: { from: '2026-03-10', to: '2026-03-14', timezone: 'Europe/Berlin' } };
    // The crash window: the time off insert fails (its key is taken) after the answer was updated in the same transaction.
    await t.db('time_off').insert({ id: `chat-oof-${id}`, member: 'x@contoso.com', start_at: 0, end_at: 1, spec: '{}', origin: 'chat', created_by: 'x', created_at: 0 });
    await expect(store.acceptWithTimeOff(id, timeOff, ctx(2))).rejects.toThrow();
    expect((await store.suggestion(id))!.state).toBe('new');
    expect(await t.db('audit_log').where({ action: 'oof.accepted' })).toEqual([]);
    await t.db('time_off').where({ id: `chat-oof-${id}` }).delete();
    expect(await store.acceptWithTimeOff(id, timeOff, ctx(3))).toBe(true);
    expect(await store.acceptWithTimeOff(id, timeOff, ctx(4))).toBe(false);
    const rows = await t.db('time_off');
    expect(rows.map((r) => [r.id, r.member, Number(r.start_at), Number(r.end_at), r.origin, JSON.parse(r.spec).from])).toEqual([[`chat-oof-${id}`, 'bob@contoso.com', 1_773_097_200_000, 1_773_529_200_000, 'chat', '2026-03-10']]);
    expect(await store.suggestion(id)).toMatchObject({ state: 'accepted', answeredAt: 3 });
    expect((await t.db('audit_log').whereIn('action', ['oof.accepted', 'timeoff.added'])).map((a) => a.action).sort()).toEqual(['oof.accepted', 'timeoff.added']);
  });
});
