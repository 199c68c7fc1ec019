import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnexNoticeStore } from '../../db/notices/KnexNoticeStore.js';
import { createStores, type Stores } from '../../db/stores.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const NOW = Date.parse('2026-03-04T09:00:00Z');
const END = NOW + 28 * 86_400_000;
const A = [{ member: 'alice@contoso.com', rotation: 'ops', stretches: [{ start: NOW + 1000, end: NOW + 2000 }] }];
const MOVE = { member: 'alice@contoso.com', rotation: 'ops', before: [{ start: NOW + 1000, end: NOW + 2000 }], after: [] };
const run = (from: Awaited<ReturnType<Stores['notices']['mark']>>, lastAuditId: number, notices = [{ member: 'Alice@contoso.com', moves: [MOVE] }]) => ({
  from, lastAuditId, seen: [], runAt: NOW, windowEnd: END, known: new Map([['alice@contoso.com', A]]), notices,
});

describe.each(ENGINES)('shift-moved notices (NoticeStore) on %s', (engine) => {
  let t: TestDatabase;
  let stores: Stores;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    stores = createStores(t.db);
  });
  afterEach(() => t.destroy());

  it('records a run once: a second replica starting from the same mark writes nothing', async () => {
    expect(await stores.notices.mark()).toBeUndefined();
    const other = KnexNoticeStore.create(t.db);
    const first = await Promise.all([stores.notices.recordRun(run(undefined, 7)), other.recordRun(run(undefined, 7))]);
    expect(first.filter((b) => b !== undefined)).toEqual([1]);
    const mark = await stores.notices.mark();
    expect(mark).toEqual({ lastAuditId: 7, batch: 1, runAt: NOW, seen: [] });
    expect(await stores.notices.recordRun(run(mark, 9))).toBe(2);
    expect(await other.recordRun(run(mark, 9))).toBeUndefined();
    const rows = await stores.notices.noticesIn('pending');
    expect(rows.map((n) => [n.batch, n.member, n.state, n.attempts])).toEqual([[1, 'alice@contoso.com', 'pending', 0], [2, 'alice@contoso.com', 'pending', 0]]);
    expect(rows[0]!.moves).toEqual([MOVE]);
    expect(await stores.notices.known(['ALICE@contoso.com'])).toEqual(new Map([['alice@contoso.com', { stretches: A, windowEnd: END }]]));
  });

  it('a notice is claimed by one caller; only its holder records the outcome; a stale claim is taken over once', async () => {
    await stores.notices.recordRun(run(undefined, 1));
    const [n] = await stores.notices.noticesIn('pending');
    const claims = await Promise.all([stores.notices.claim(n!.id, 'a', NOW), KnexNoticeStore.create(t.db).claim(n!.id, 'b', NOW)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const holder = claims[0] ? 'a' : 'b';
    const other = holder === 'a' ? 'b' : 'a';
    expect(await stores.notices.finish(n!.id, other, { state: 'sent' }, NOW + 1)).toBe(false);
    expect(await stores.notices.claim(n!.id, other, NOW + 60_000, NOW - 1)).toBe(false);
    expect(await stores.notices.claim(n!.id, other, NOW + 600_000, NOW)).toBe(true);
    expect(await stores.notices.finish(n!.id, holder, { state: 'sent' }, NOW + 600_001)).toBe(false);
    expect(await stores.notices.finish(n!.id, other, { state: 'failed', note: 'sending failed: 502' }, NOW + 600_002)).toBe(true);
    const [failed] = await stores.notices.noticesIn('failed');
    expect([failed!.attempts, failed!.outcome, failed!.claimedBy]).toEqual([2, 'sending failed: 502', other]);
    expect(await stores.notices.claim(n!.id, holder, NOW + 700_000)).toBe(true);
    expect(await stores.notices.finish(n!.id, holder, { state: 'sent' }, NOW + 700_001)).toBe(true);
    const [sent] = await stores.notices.noticesIn('sent');
    expect([sent!.attempts, sent!.sentAt]).toEqual([3, NOW + 700_001]);
    expect(await stores.notices.claim(n!.id, other, NOW + 800_000, NOW + 800_000)).toBe(false);
  });

  it('notify moves off and on, each with its audit row; the audit rows are read back between two ids', async () => {
    expect(await stores.notices.latestAuditId()).toBe(0);
    await stores.notices.setMoveNotices('Bob@contoso.com', false, { actor: 'bob@contoso.com', source: 'chat', now: NOW });
    expect(await stores.notices.optedOut(['bob@contoso.com', 'alice@contoso.com'])).toEqual(new Set(['bob@contoso.com']));
    await stores.notices.setMoveNotices('bob@contoso.com', true, { actor: 'bob@contoso.com', source: 'chat', now: NOW + 1 });
    expect(await stores.notices.optedOut(['bob@contoso.com'])).toEqual(new Set());
    const latest = await stores.notices.latestAuditId();
    const changes = await stores.notices.changesSince(0, NOW + 10, []);
    expect(changes.map((c) => [c.actor, c.action, c.detail, c.at])).toEqual([
      ['bob@contoso.com', 'notify.moves.off', { email: 'bob@contoso.com' }, NOW],
      ['bob@contoso.com', 'notify.moves.on', { email: 'bob@contoso.com' }, NOW + 1],
    ]);
    expect(changes.at(-1)!.id).toBe(latest);
    // After the first id: the second; within the look-back (at > NOW - 1) both, less the one seen.
    expect((await stores.notices.changesSince(changes[0]!.id, NOW + 10, [])).map((c) => c.action)).toEqual(['notify.moves.on']);
    expect((await stores.notices.changesSince(latest, NOW - 1, [{ id: changes[0]!.id, at: NOW }])).map((c) => c.action)).toEqual(['notify.moves.on']);
    expect(await stores.notices.changesSince(latest, NOW + 1, [])).toEqual([]);
  });
});
