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

  it('answers once, with an audit row; a Yes that could not be recorded is undone; an expired one cannot be answered', async () => {
    await store.add([BLOCK], 1);
    const id = (await store.unsent())[0]!.id;
    expect([await store.answer(id, 'accepted', ctx(2)), await store.answer(id, 'declined', ctx(2))]).toEqual([true, false]);
    const audit = await t.db('audit_log').where({ action: 'oof.accepted' });
    expect(audit.map((a) => [a.actor, a.rotation_id])).toEqual([['bob@contoso.com', 'ops']]);
    await store.undoAccept(id, 3);
    expect((await store.suggestion(id))!.state).toBe('asked');
    expect(await store.expire(id, 'the out-of-office block has ended', 4)).toBe(true);
    expect(await store.answer(id, 'accepted', ctx(5))).toBe(false);
    expect(await store.suggestion(id)).toMatchObject({ state: 'expired', note: 'the out-of-office block has ended' });
  });
});
