import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RotaService } from '../../app/usecases/RotaService.js';
import type { RotationFile } from '../../rotation/file.js';
import { onDutyAt } from '../../rotation/onDutyAt.js';
import { segmentsBetween } from '../../rotation/segmentsBetween.js';
import type { SyncJob } from '../../sync/SyncJob.js';
import { eventKey } from '../../sync/calendars/calendarEvents.js';
import { KEY_PROPERTY } from '../../sync/graph/rotaProperties.js';
import type { GraphStandIn } from '../helpers/graph/GraphStandIn.js';
import { displayName, MAILBOX, NOW, opsFile, PEOPLE as ROSTER, startHarness, TEAM, WEEKS, type SyncHarness } from './syncHarness.js';

const PEOPLE = [...ROSTER, 'erin@contoso.com'];

function file(extra = '', members = PEOPLE.slice(0, 4)): RotationFile {
  return opsFile(undefined, extra, members);
}

describe('Graph sync end to end (real Graph client → stand-in)', () => {
  let h: SyncHarness;
  let graph: GraphStandIn;
  let service: RotaService;
  let sync: SyncJob;
  let sleeps: number[];
  let now: number;

  beforeEach(async () => {
    now = NOW;
    sleeps = [];
    const retry = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 5_000, timeoutMs: 2_000, sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 };
    h = await startHarness('sqlite', file(), { users: PEOPLE, team: PEOPLE.slice(0, 4), retry }); // erin is not in the team
    ({ graph, service, sync } = h);
  });
  afterEach(() => h.stop());

  async function expectInStep() {
    const { schedule } = await service.snapshot();
    const onDuty = onDutyAt(schedule, now, 'ops').flatMap((s) => s.members).sort();
    expect(graph.tagMembers(TEAM, 'ops-oncall')).toEqual(onDuty);
    const segments = segmentsBetween(schedule, now, now + WEEKS * 7 * 86_400_000).filter((s) => s.rotation === 'ops');
    const rota = graph.calendar(MAILBOX, 'On call')!.events.filter((e) => e.singleValueExtendedProperties.some((p) => p.id === KEY_PROPERTY));
    expect(rota.map((e) => e.singleValueExtendedProperties.find((p) => p.id === KEY_PROPERTY)!.value)).toEqual(segments.map((s) => eventKey('ops', s.start)));
    for (const [i, s] of segments.entries()) {
      expect(Date.parse(`${rota[i]!.start.dateTime.slice(0, 19)}Z`)).toBe(s.start);
      expect(Date.parse(`${rota[i]!.end.dateTime.slice(0, 19)}Z`)).toBe(s.end);
      expect(rota[i]!.subject).toBe(`On call: ${s.members.map(displayName).join(', ')} — Op of the Week`);
    }
  }

  async function reconcileWrites() {
    graph.clearLog();
    const report = await sync.reconcile(now);
    return { report, writes: graph.writes() };
  }

  it('creates the tag and one event per coming segment; a second reconcile writes nothing', async () => {
    const { report, writes } = await reconcileWrites();
    expect(report.targets.flatMap((r) => r.errors)).toEqual([]);
    await expectInStep();
    expect(graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com']);
    expect(writes.filter((w) => w.path.endsWith('/tags'))).toHaveLength(1);
    const again = await reconcileWrites();
    expect(again.writes).toEqual([]);
    expect(again.report.targets.flatMap((r) => r.planned)).toEqual([]);
    // Paging was exercised (page size 3) and the reads were batched.
    expect(graph.httpRequests().length).toBeLessThan(graph.requests.length);
  });

  it('an override in a coming shift: one update and two creates, nothing else', async () => {
    await sync.reconcile(now);
    await service.applyFile(file(`overrides:\n  - { rotation: ops, from: "2026-03-18T12:00", to: "2026-03-20T12:00", member: dave@contoso.com, replaces: carol@contoso.com }`), { actor: 't', source: 'file', now });
    const { writes } = await reconcileWrites();
    expect(writes.map((w) => w.method).sort()).toEqual(['PATCH', 'POST', 'POST']);
    await expectInStep();
    expect((await reconcileWrites()).writes).toEqual([]);
  });

  it('a swap (two overrides) of the running and the next shift: tag add then remove, two event updates', async () => {
    await sync.reconcile(now);
    const swap = `overrides:
  - { rotation: ops, from: "2026-03-02T12:00", to: "2026-03-09T12:00", member: bob@contoso.com, replaces: alice@contoso.com }
  - { rotation: ops, from: "2026-03-09T12:00", to: "2026-03-16T12:00", member: alice@contoso.com, replaces: bob@contoso.com }`;
    await service.applyFile(file(swap), { actor: 't', source: 'file', now });
    const { writes } = await reconcileWrites();
    const tagWrites = writes.filter((w) => w.path.includes('/tags/'));
    expect(tagWrites.map((w) => w.method)).toEqual(['POST', 'DELETE']); // the incoming person first
    expect(writes.filter((w) => w.path.includes('/events')).map((w) => w.method)).toEqual(['PATCH', 'PATCH']);
    await expectInStep();
    expect(graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['bob@contoso.com']);
  });

  it('a roster change rewrites only the events whose people changed', async () => {
    await sync.reconcile(now);
    const before = new Map(graph.calendar(MAILBOX, 'On call')!.events.map((e) => [e.id, e.subject]));
    await service.applyFile(file('', ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com', 'erin@contoso.com']), { actor: 't', source: 'file', now });
    const { writes } = await reconcileWrites();
    const after = graph.calendar(MAILBOX, 'On call')!.events;
    const changed = after.filter((e) => before.get(e.id) !== e.subject).length;
    expect(changed).toBeGreaterThan(0);
    expect(writes).toHaveLength(changed);
    expect(writes.every((w) => w.method === 'PATCH')).toBe(true);
    await expectInStep();
  });

  it('repairs a tag edited by hand and reports the drift', async () => {
    await sync.reconcile(now);
    graph.editTagByHand(TEAM, 'ops-oncall', { add: 'carol@contoso.com', remove: 'alice@contoso.com' });
    const { report, writes } = await reconcileWrites();
    expect(writes.map((w) => w.method)).toEqual(['POST', 'DELETE']);
    expect(report.targets.find((r) => r.target === 'tag')!.drift).toEqual(['carol@contoso.com was added by hand', 'alice@contoso.com was removed by hand']);
    await expectInStep();
  });

  it('leaves a foreign event alone', async () => {
    await sync.reconcile(now);
    const foreign = graph.addForeignEvent(MAILBOX, 'On call', 'Team lunch', new Date('2026-03-10T11:00:00Z'), new Date('2026-03-10T12:00:00Z'));
    const { writes } = await reconcileWrites();
    expect(writes).toEqual([]);
    expect(graph.calendar(MAILBOX, 'On call')!.events.some((e) => e.id === foreign)).toBe(true);
  });

  it('rides out throttling (429 with Retry-After, also inside $batch), 503, 504 and a dropped connection', async () => {
    graph.inject({ path: /\/\$batch/ }, { kind: 'status', status: 503, retryAfterSeconds: 1 });
    graph.inject({ method: 'GET', path: /\/users\//, inBatch: true }, { kind: 'status', status: 429, retryAfterSeconds: 3 }, 2);
    graph.inject({ method: 'GET', path: /\/tags$/ }, { kind: 'drop' });
    graph.inject({ method: 'GET', path: /\/calendars$/ }, { kind: 'status', status: 504 });
    graph.inject({ method: 'POST', path: /\/events$/, inBatch: true }, { kind: 'status', status: 429, retryAfterSeconds: 2 }, 3);
    const { report } = await reconcileWrites();
    expect(report.targets.flatMap((r) => r.errors)).toEqual([]);
    await expectInStep();
    expect(sleeps).toContain(3000);
    expect(sleeps).toContain(2000);
    expect(sleeps).toContain(1000);
  });

  it('a create whose answer was lost is looked up by key, never duplicated', async () => {
    await sync.reconcile(now);
    await service.applyFile(file(`overrides:\n  - { rotation: ops, from: "2026-03-18T12:00", to: "2026-03-20T12:00", member: dave@contoso.com, replaces: carol@contoso.com }`), { actor: 't', source: 'file', now });
    graph.inject({ method: 'POST', path: /\/\$batch/, body: /"method":"POST"/ }, { kind: 'dropAfterCommit' });
    const { report } = await reconcileWrites();
    expect(report.targets.flatMap((r) => r.errors)).toEqual([]);
    await expectInStep(); // exactly one event per key
    const blindRepost = graph.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/events') && !r.inBatch);
    expect(blindRepost).toEqual([]);
    expect((await reconcileWrites()).writes).toEqual([]);
  });

  it('reports clearly when someone on duty is not in the team, and keeps the tag as it was', async () => {
    await sync.reconcile(now);
    await service.applyFile(
      file(`  - { id: dev, start: 2026-01-05, every: 1w, handoff: "Mon 09:00", members: [erin@contoso.com] }
overrides:\n  - { rotation: ops, from: "2026-03-04T00:00", to: "2026-03-05T00:00", member: erin@contoso.com, replaces: alice@contoso.com }`),
      { actor: 't', source: 'file', now },
    );
    const { report } = await reconcileWrites();
    const tag = report.targets.find((r) => r.target === 'tag')!;
    expect(tag.errors.join()).toMatch(/erin@contoso.com is not a member of team/);
    expect(graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com']); // never emptied
  });
});
