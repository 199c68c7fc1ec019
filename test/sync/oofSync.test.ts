import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { parseRotationFile } from '../../rotation/file.js';
import { syncJobFor } from '../../app/root/syncJob.js';
import type { GraphClient } from '../../sync/graph/GraphClient.js';
import { OOF_DRY_RUN_NOTE } from '../../sync/oof/OofSync.js';
import { readOutOfOffice } from '../../sync/oof/readOof.js';
import { NOW, PEOPLE, startHarness, type SyncHarness } from './syncHarness.js';

const FAST = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, timeoutMs: 2_000, sleep: async () => undefined, random: () => 0.5 };
const DAY = 86_400_000;
const BOB = 'bob@contoso.com';
/** Bob's Op of the Week runs Mon 9 Mar 2026 12:00 CET → Mon 16 Mar 12:00 CET (week 9 of the ops queue from 5 Jan). */
const BOB_SHIFT = Date.parse('2026-03-09T11:00:00Z');
/** Outlook's all-day out of office 10–14 March in Berlin: midnight to midnight, CET. */
const HOLIDAY = { start: new Date('2026-03-09T23:00:00Z'), end: new Date('2026-03-14T23:00:00Z') };

const getSchedules = (h: SyncHarness) => h.graph.requests.filter((r) => r.path.endsWith('/calendar/getSchedule'));

describe('sync: Outlook out-of-office blocks over coming shifts become questions', () => {
  let h: SyncHarness;
  afterEach(() => h.stop());

  async function start() {
    h = await startHarness('sqlite');
    for (const p of PEOPLE) h.graph.addMailbox(p);
  }

  it('stores one question for a block over the member\'s coming shift (not for busy, nor a block off duty); again reads but stores none', async () => {
    await start();
    h.graph.addPersonalEvent(BOB, 'Holiday', HOLIDAY.start, HOLIDAY.end, 'oof');
    h.graph.addPersonalEvent('carol@contoso.com', 'Offsite', new Date('2026-03-17T08:00:00Z'), new Date('2026-03-18T16:00:00Z'), 'busy');
    // Dave is on duty from Mon 23 March; his block the week before covers nobody's shift of his.
    h.graph.addPersonalEvent('dave@contoso.com', 'Away', new Date('2026-03-17T00:00:00Z'), new Date('2026-03-19T00:00:00Z'), 'oof');
    const report = await h.sync.reconcile(NOW);
    expect(report.oof).toEqual({ read: 4, asked: 1, expired: 0, errors: [] });
    const [q, ...rest] = await h.stores.oof.ofMembers(PEOPLE);
    expect(rest).toEqual([]);
    expect(q).toMatchObject({ member: BOB, start: HOLIDAY.start.getTime(), end: HOLIDAY.end.getTime(), rotationId: 'ops', state: 'new', post: 'none' });
    expect(q!.detail).toEqual({ rotationName: 'Op of the Week', zone: 'Europe/Berlin', shiftStart: BOB_SHIFT, more: 0 });
    // App-only: a resolved user in the path; every member with a coming stretch in one request of a 4-week window.
    const [req] = getSchedules(h);
    expect(req!.path).toBe(`/users/${h.graph.user(PEOPLE[0]!)!.id}/calendar/getSchedule`);
    expect(req!.body).toMatchObject({ schedules: [...PEOPLE].sort(), startTime: { dateTime: '2026-03-04T10:00:00', timeZone: 'UTC' }, endTime: { dateTime: '2026-04-01T10:00:00', timeZone: 'UTC' } });
    expect((await h.sync.reconcile(NOW)).oof).toEqual({ read: 4, asked: 0, expired: 0, errors: [] });
  });

  it('a block that changes its dates is a new question; the old one, unanswered, expires; a declined one stays declined', async () => {
    await start();
    const id = h.graph.addPersonalEvent(BOB, 'Holiday', HOLIDAY.start, HOLIDAY.end, 'oof');
    await h.sync.reconcile(NOW);
    const [first] = await h.stores.oof.ofMembers([BOB]);
    h.graph.personalEvents(BOB).find((e) => e.id === id)!.end = { dateTime: '2026-03-12T23:00:00.0000000', timeZone: 'UTC' };
    expect((await h.sync.reconcile(NOW)).oof).toMatchObject({ asked: 1, expired: 1 });
    const after = await h.stores.oof.ofMembers([BOB]);
    expect(after.map((s) => [s.end, s.state]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [Date.parse('2026-03-12T23:00:00Z'), 'new'],
      [Date.parse('2026-03-14T23:00:00Z'), 'expired'],
    ]);
    expect(first!.end).toBe(HOLIDAY.end.getTime());
    const moved = after.find((s) => s.state === 'new')!;
    expect(await h.stores.oof.answer(moved.id, 'declined', { actor: BOB, source: 'chat', now: NOW })).toBe(true);
    expect((await h.sync.reconcile(NOW)).oof).toMatchObject({ asked: 0, expired: 0 });
    expect((await h.stores.oof.suggestion(moved.id))!.state).toBe('declined');
  });

  it('Bob asked, then Carol takes his week (his only coming stretch): the next reconcile expires his question', async () => {
    await start();
    h.graph.addPersonalEvent(BOB, 'Holiday', HOLIDAY.start, HOLIDAY.end, 'oof');
    expect((await h.sync.reconcile(NOW)).oof).toMatchObject({ asked: 1, expired: 0 });
    await h.stores.changes.addOverride({ rotationId: 'ops', start: BOB_SHIFT, end: BOB_SHIFT + 7 * DAY, member: 'carol@contoso.com', replaces: BOB }, { actor: BOB, source: 'chat', now: NOW });
    h.service.changed('cover');
    expect((await h.sync.reconcile(NOW + 60_000)).oof).toMatchObject({ asked: 0, expired: 1 });
    const [q] = await h.stores.oof.ofMembers([BOB]);
    expect([q!.state, q!.note]).toEqual(['expired', 'it no longer covers a shift of theirs (the shift moved, or time off covers it)']);
  });

  it('the first resolved member has no Exchange mailbox (404 as the path user): the chunk is asked as the next one', async () => {
    h = await startHarness('sqlite');
    for (const p of PEOPLE.slice(1)) h.graph.addMailbox(p); // alice, first of the chunk, has none
    h.graph.addPersonalEvent(BOB, 'Holiday', HOLIDAY.start, HOLIDAY.end, 'oof');
    const report = await h.sync.reconcile(NOW);
    expect(getSchedules(h).map((r) => [r.path, r.status])).toEqual([
      [`/users/${h.graph.user(PEOPLE[0]!)!.id}/calendar/getSchedule`, 404],
      [`/users/${h.graph.user(PEOPLE[1]!)!.id}/calendar/getSchedule`, 200],
    ]);
    expect(report.oof).toMatchObject({ read: 3, asked: 1 });
    expect(report.oof!.errors).toEqual([expect.stringMatching(/^free\/busy of alice@contoso\.com: ErrorMailRecipientNotFound/)]);
  });

  it('a chunk refused on its first window is reported once, with its names, and not asked for the next window', async () => {
    const calls: string[] = [];
    const graph = { schedulesOf: async (as: string) => { calls.push(as); throw new Error('403 ErrorAccessDenied'); } } as unknown as GraphClient;
    const got = await readOutOfOffice(graph, [{ email: 'a@x.com', objectId: 'id-a' }, { email: 'b@x.com' }], { start: 0, end: 100 * DAY });
    expect(got.errors).toEqual(['free/busy of a@x.com, b@x.com: 403 ErrorAccessDenied']);
    expect(calls).toEqual(['id-a']);
    expect([...got.read]).toEqual([]);
  });

  it('a dry-run reads no free/busy and says so', async () => {
    await start();
    h.graph.addPersonalEvent(BOB, 'Holiday', HOLIDAY.start, HOLIDAY.end, 'oof');
    const report = await h.sync.reconcile(NOW, { dryRun: true });
    expect(report.oof).toEqual({ read: 0, asked: 0, expired: 0, errors: [], note: OOF_DRY_RUN_NOTE });
    expect(OOF_DRY_RUN_NOTE).toBe('dry-run: free/busy (out of office) is not read, so no new questions are found');
    expect(getSchedules(h)).toEqual([]);
    expect(await h.stores.oof.ofMembers([BOB])).toEqual([]);
  });

  it('pages 25 members over 12 weeks as 2 chunks × 2 windows within the limits, retries a 429, keeps a block across windows once, and names an unknown mailbox', async () => {
    const members = Array.from({ length: 25 }, (_, i) => `m${String(i).padStart(2, '0')}@contoso.com`);
    const file = parseRotationFile(`timezone: Europe/Berlin
rotations:
  - id: mro
    name: MRO
    start: 2026-01-05
    every: 1d
    handoff: "09:00"
    members: [${members.join(', ')}]
`);
    if (!file.ok) throw new Error('file');
    h = await startHarness('sqlite', file.value, { users: members, team: [] });
    for (const m of members.slice(0, 24)) h.graph.addMailbox(m); // m24 has no mailbox: its own error item
    // 61 days after NOW is the first window's end: a block across it is read twice and stored once.
    const edge = NOW + 61 * DAY;
    const whoIsOn = (await h.service.snapshot()).schedule;
    const { segmentsBetween } = await import('../../rotation/segmentsBetween.js');
    const seg = segmentsBetween(whoIsOn, edge - DAY, edge + DAY).find((s) => s.start <= edge && s.end > edge)!;
    h.graph.addPersonalEvent(seg.members[0]!, 'Away', new Date(edge - 3_600_000), new Date(edge + 3_600_000), 'oof');
    h.graph.inject({ method: 'POST', path: /getSchedule$/ }, { kind: 'status', status: 429, retryAfterSeconds: 1 });
    const sync = syncJobFor({ graph: { mode: 'standin', baseUrl: h.graph.url }, sync: { reconcileEveryMinutes: 15, horizonWeeks: 12 } }, h.stores, h.service, pino({ level: 'silent' }), () => NOW, FAST);
    const report = await sync.reconcile(NOW);
    const asked = getSchedules(h);
    expect(asked.map((r) => r.status)).toEqual([429, 200, 200, 200, 200]);
    const ok = asked.filter((r) => r.status === 200).map((r) => r.body as { schedules: string[]; startTime: { dateTime: string }; endTime: { dateTime: string } });
    expect(ok.map((b) => [b.schedules.length, b.startTime.dateTime, b.endTime.dateTime])).toEqual([
      [20, '2026-03-04T10:00:00', '2026-05-04T10:00:00'],
      [20, '2026-05-04T10:00:00', '2026-05-27T10:00:00'],
      [5, '2026-03-04T10:00:00', '2026-05-04T10:00:00'],
      [5, '2026-05-04T10:00:00', '2026-05-27T10:00:00'],
    ]);
    expect(report.oof).toMatchObject({ read: 24, asked: 1 });
    expect(report.oof!.errors).toEqual([expect.stringMatching(/^free\/busy of m24@contoso\.com: ErrorMailRecipientNotFound/)]);
    expect((await h.stores.oof.ofMembers(members)).map((s) => [s.member, s.start, s.end])).toEqual([[seg.members[0], edge - 3_600_000, edge + 3_600_000]]);
  });
});
