import { afterEach, describe, expect, it } from 'vitest';
import { KnexItemStore } from '../../db/items/KnexItemStore.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const ctx = (actor: string, now: number) => ({ actor, source: 'chat' as const, now });
const A = 'alice@contoso.com';
const B = 'bob@contoso.com';
const C = 'carol@contoso.com';

describe.each(ENGINES)('KnexItemStore on %s', (engine) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.destroy();
    t = undefined;
  });
  const store = async () => {
    t = await freshDatabase(engine);
    return KnexItemStore.create(t.db);
  };

  it('numbers items once across rotations and never reuses a number after a close', async () => {
    const s = await store();
    const one = await s.openItem({ rotationId: 'ops', kind: 'item', text: 'Backups failed', holder: A }, ctx(A, 10));
    const two = await s.openItem({ rotationId: 'dev', kind: 'escalation', text: 'API 500s', holder: A, escalatedTo: ['frank@contoso.com'] }, ctx(A, 20));
    expect([one.n, two.n]).toEqual([1, 2]);
    expect(two).toEqual({ n: 2, rotationId: 'dev', kind: 'escalation', text: 'API 500s', holder: A, openedBy: A, openedAt: 20, escalatedTo: ['frank@contoso.com'] });
    expect(await s.closeItem(2, 'fixed', ctx(A, 30))).toBe(true);
    expect((await s.openItem({ rotationId: 'ops', kind: 'item', text: 'Certs', holder: B }, ctx(B, 40))).n).toBe(3);
    expect((await s.items({})).map((i) => i.n)).toEqual([1, 3]);
    expect((await s.items({ rotationId: 'dev', closed: true })).map((i) => [i.n, i.closedBy, i.closedAt, i.closeNote])).toEqual([[2, A, 30, 'fixed']]);
  });

  it('two closes at once: one wins, one event', async () => {
    const s = await store();
    await s.openItem({ rotationId: 'ops', kind: 'item', text: 'x', holder: A }, ctx(A, 10));
    expect((await Promise.all([s.closeItem(1, 'a', ctx(A, 20)), s.closeItem(1, 'b', ctx(B, 20))])).filter(Boolean)).toHaveLength(1);
    expect((await s.events(1)).filter((e) => e.kind === 'closed')).toHaveLength(1);
  });

  it('two replicas passing the same handoff at once: the items pass once', async () => {
    const s = await store();
    await s.openItem({ rotationId: 'ops', kind: 'item', text: 'x', holder: A }, ctx(A, 10));
    const both = await Promise.all([s.passAtHandoff('handoff:ops:1', 'ops', [A], B, ctx('rota', 20)), s.passAtHandoff('handoff:ops:1', 'ops', [A], C, ctx('rota', 20))]);
    expect(both.flat()).toEqual([1]);
    expect((await s.events(1)).filter((e) => e.kind === 'passed')).toHaveLength(1);
  });

  it('closes once: the second close changes nothing', async () => {
    const s = await store();
    await s.openItem({ rotationId: 'ops', kind: 'item', text: 'x', holder: A }, ctx(A, 10));
    expect(await s.closeItem(1, undefined, ctx(A, 20))).toBe(true);
    expect(await s.closeItem(1, 'again', ctx(B, 30))).toBe(false);
    expect(await s.item(1)).toMatchObject({ closedBy: A, closedAt: 20 });
    expect((await s.events(1)).map((e) => e.kind)).toEqual(['opened', 'closed']);
    expect(await t!.db('audit_log').orderBy('id').pluck('action')).toEqual(['item.opened', 'item.closed']);
  });

  it('moves only from the holder the caller saw: of two moves at once, one wins', async () => {
    const s = await store();
    await s.openItem({ rotationId: 'ops', kind: 'item', text: 'x', holder: A }, ctx(A, 10));
    const both = await Promise.all([s.moveItem(1, A, B, 'assigned', ctx(A, 20)), s.moveItem(1, A, C, 'assigned', ctx(A, 20))]);
    expect(both.filter(Boolean)).toHaveLength(1);
    const holder = (await s.item(1))!.holder;
    expect([B, C]).toContain(holder);
    expect(await s.moveItem(1, A, C, 'taken', ctx(C, 30))).toBe(false);
    expect((await s.events(1)).map((e) => [e.kind, e.from, e.to])).toEqual([['opened', undefined, A], ['assigned', A, holder]]);
  });

  it('passes the outgoing holders\' items once per handoff key, and the acknowledgement accepts them', async () => {
    const s = await store();
    await s.openItem({ rotationId: 'ops', kind: 'item', text: 'mine', holder: A }, ctx(A, 10));
    await s.openItem({ rotationId: 'ops', kind: 'item', text: 'carol took it', holder: C }, ctx(C, 10));
    await s.openItem({ rotationId: 'dev', kind: 'item', text: 'other rotation', holder: A }, ctx(A, 10));
    expect(await s.passedAt('handoff:ops:100')).toBeUndefined(); // not run yet
    expect(await s.passAtHandoff('handoff:ops:100', 'ops', [A], B, ctx('system', 100))).toEqual([1]);
    expect(await s.passAtHandoff('handoff:ops:100', 'ops', [A], B, ctx('system', 101))).toEqual([]);
    expect(await s.passedAt('handoff:ops:100')).toEqual([{ n: 1, text: 'mine' }]);
    expect(await s.passAtHandoff('handoff:ops:200', 'ops', [C], C, ctx('system', 102))).toEqual([]);
    expect(await s.passedAt('handoff:ops:200')).toEqual([]); // run, and passed nothing
    expect(await s.passesRun(['handoff:ops:100', 'handoff:ops:150', 'handoff:ops:200'])).toEqual(new Set(['handoff:ops:100', 'handoff:ops:200']));
    expect(await s.passesRun([])).toEqual(new Set());
    expect(await s.item(1)).toMatchObject({ holder: B, awaitingKey: 'handoff:ops:100' });
    expect((await s.item(2))!.holder).toBe(C);
    expect((await s.item(3))!.holder).toBe(A);
    expect(await s.acceptPassed('handoff:ops:100', ctx(B, 200))).toEqual([1]);
    expect(await s.acceptPassed('handoff:ops:100', ctx(B, 201))).toEqual([]);
    expect((await s.item(1))!.awaitingKey).toBeUndefined();
    expect((await s.events(1)).map((e) => [e.kind, e.actor, e.from, e.to, e.at])).toEqual([
      ['opened', A, undefined, A, 10],
      ['passed', 'system', A, B, 100],
      ['accepted', B, undefined, B, 200],
    ]);
    expect((await s.eventsBetween('ops', 100, 200)).map((e) => [e.n, e.kind])).toEqual([[1, 'passed']]);
  });

  it('a late pass (heldBefore the handoff) leaves items opened, assigned or taken since where they are', async () => {
    const s = await store();
    await s.openItem({ rotationId: 'ops', kind: 'item', text: 'held since before', holder: A }, ctx(A, 10));
    await s.openItem({ rotationId: 'ops', kind: 'item', text: 'opened after', holder: A }, ctx(A, 120));
    await s.openItem({ rotationId: 'ops', kind: 'item', text: 'taken after', holder: C }, ctx(C, 10));
    expect(await s.moveItem(3, C, A, 'taken', ctx(A, 150))).toBe(true);
    expect(await s.passAtHandoff('handoff:ops:100', 'ops', [A], B, ctx('system', 500), 100)).toEqual([1]);
    expect((await s.items({})).map((i) => i.holder)).toEqual([B, A, A]);
  });

  it('accepted in chat: only the items awaiting that holder (all, or one by number), once', async () => {
    const s = await store();
    for (const text of ['x', 'y', 'z']) await s.openItem({ rotationId: 'ops', kind: 'item', text, holder: A }, ctx(A, 10));
    await s.openItem({ rotationId: 'ops', kind: 'item', text: 'kept', holder: C }, ctx(C, 10));
    expect(await s.passAtHandoff('handoff:ops:100', 'ops', [A, C], B, ctx('system', 100))).toEqual([1, 2, 3, 4]);
    expect(await s.acceptAwaiting(C, undefined, ctx(C, 150))).toEqual([]);
    expect(await s.acceptAwaiting(B, 2, ctx(B, 200))).toEqual([2]);
    expect(await s.acceptAwaiting(B, 2, ctx(B, 201))).toEqual([]);
    await s.closeItem(4, undefined, ctx(B, 202));
    expect(await s.acceptAwaiting(B, undefined, ctx(B, 210))).toEqual([1, 3]);
    expect(await s.acceptAwaiting(B, undefined, ctx(B, 211))).toEqual([]);
    expect((await s.items({})).map((i) => [i.n, i.holder, i.awaitingKey])).toEqual([[1, B, undefined], [2, B, undefined], [3, B, undefined]]);
    expect((await s.events(3)).map((e) => [e.kind, e.actor, e.to, e.handoffKey, e.at])).toEqual([
      ['opened', A, A, undefined, 10],
      ['passed', 'system', B, 'handoff:ops:100', 100],
      ['accepted', B, B, 'handoff:ops:100', 210],
    ]);
  });

  it('a take-over request is answered once; accepted after the item moved, it is stale and moves nothing', async () => {
    const s = await store();
    await s.openItem({ rotationId: 'ops', kind: 'item', text: 'x', holder: A }, ctx(A, 10));
    await s.openItem({ rotationId: 'ops', kind: 'item', text: 'y', holder: A }, ctx(A, 10));
    const r1 = await s.askTakeOver({ n: 1, requester: B, holder: A }, ctx(B, 20));
    expect(r1).toMatchObject({ id: expect.stringMatching(/^take-/), n: 1, requester: B, holder: A, state: 'asked', createdAt: 20 });
    expect((await s.answerTakeOver(r1.id, true, ctx(A, 30))).outcome).toBe('accepted');
    expect((await s.answerTakeOver(r1.id, false, ctx(A, 31))).outcome).toBe('already');
    expect((await s.item(1))!.holder).toBe(B);
    const r2 = await s.askTakeOver({ n: 2, requester: C, holder: A }, ctx(C, 40));
    await s.moveItem(2, A, B, 'assigned', ctx(A, 41));
    expect(await s.answerTakeOver(r2.id, true, ctx(A, 50))).toEqual({ outcome: 'stale', request: { id: r2.id, n: 2, requester: C, holder: A, state: 'stale', createdAt: 40, decidedAt: 50 } });
    expect((await s.item(2))!.holder).toBe(B);
    const r3 = await s.askTakeOver({ n: 2, requester: C, holder: B }, ctx(C, 60));
    expect((await s.answerTakeOver(r3.id, false, ctx(B, 70))).outcome).toBe('declined');
    expect((await s.item(2))!.holder).toBe(B);
    expect(await s.closeUndelivered(r3.id, 'no chat', ctx(C, 71))).toBe(false); // answered already
  });

  it('a request whose card never arrived is closed once; a late answer finds it closed and moves nothing', async () => {
    const s = await store();
    await s.openItem({ rotationId: 'ops', kind: 'item', text: 'x', holder: A }, ctx(A, 10));
    const r = await s.askTakeOver({ n: 1, requester: B, holder: A }, ctx(B, 20));
    expect(await s.closeUndelivered(r.id, 'Rota has no personal chat with them yet', ctx(B, 21))).toBe(true);
    expect(await s.closeUndelivered(r.id, 'again', ctx(B, 22))).toBe(false);
    expect(await s.answerTakeOver(r.id, true, ctx(A, 30))).toEqual({ outcome: 'already', request: { id: r.id, n: 1, requester: B, holder: A, state: 'undelivered', createdAt: 20, decidedAt: 21 } });
    expect((await s.item(1))!.holder).toBe(A);
  });
});
