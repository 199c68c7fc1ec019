/**
 * Graph sync figures for `npm run bench`: requests per reconcile for 200 rotations against the stand-in, and the
 * time from a swap being accepted to the tag and the calendar being right, with 50 ms of latency per request.
 */
import { pino } from 'pino';
import { RotaService } from '../../app/usecases/RotaService.js';
import { validateRotationFile, type RotationFile } from '../../rotation/file.js';
import { syncJobFor } from '../../app/root/syncJob.js';
import { createStores } from '../../db/stores.js';
import { freshDatabase } from '../helpers/databases.js';
import { GraphStandIn } from '../helpers/graph/GraphStandIn.js';

const ROTATIONS = 200;
const NOW = Date.parse('2026-03-04T10:00:00Z');
const MAILBOX = 'oncall@contoso.com';
const people = (i: number) => Array.from({ length: 4 }, (_, m) => `p${m}-r${i}@contoso.com`);
const team = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

function fleet(overrides: RotationFile['overrides'] = []): RotationFile {
  const data = {
    timezone: 'Europe/Berlin',
    rotations: Array.from({ length: ROTATIONS }, (_, i) => ({
      id: `r${i}`,
      name: `Rotation ${i}`,
      start: '2026-01-05',
      every: '1w',
      handoff: 'Mon 12:00',
      members: people(i),
      tag: { team: team(i), name: `r${i}-oncall` },
      calendar: { mailbox: MAILBOX, name: `On call r${i}` },
    })),
    overrides,
  };
  const r = validateRotationFile(data);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

export async function syncFigures(): Promise<Record<string, number>> {
  const graph = new GraphStandIn({ pageSize: 100 });
  await graph.start();
  for (let i = 0; i < ROTATIONS; i++) graph.addTeam(team(i), people(i));
  graph.addMailbox(MAILBOX);
  const t = await freshDatabase('sqlite');
  try {
    const stores = createStores(t.db);
    const service = new RotaService(stores);
    await service.applyFile(fleet(), { actor: 'bench', source: 'file', now: NOW });
    const retry = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 5000, timeoutMs: 30_000, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), random: Math.random };
    const sync = syncJobFor({ graph: { mode: 'standin', baseUrl: graph.url }, sync: { reconcileEveryMinutes: 15, horizonWeeks: 12 } }, stores, service, pino({ level: 'silent' }), () => NOW, retry);
    await sync.reconcile(NOW); // populate

    graph.clearLog();
    await sync.reconcile(NOW);
    const unchangedRequests = graph.httpRequests().length;
    const unchangedWrites = graph.writes().length;
    // Reading is unavoidable: one member list per tag, one event list per calendar and one owner list per team
    // (owners are admins in chat), 20 to a $batch.
    const minimumReads = Math.ceil(ROTATIONS / 20) * 3;

    // One change: an override inside a coming shift of one rotation → 1 event update + 2 creates, nothing else.
    const override = [{ rotation: 'r0', from: '2026-03-18T12:00', to: '2026-03-20T12:00', member: people(0)[3]!, replaces: people(0)[2]! }];
    await service.applyFile(fleet(override), { actor: 'bench', source: 'file', now: NOW });
    graph.clearLog();
    await sync.reconcile(NOW);
    const oneChangeRequests = graph.httpRequests().length;
    const oneChangeWrites = graph.writes().length;

    // A swap of the running and the next shift of r1, accepted while the stand-in answers in 50 ms.
    graph.latencyMs = 50;
    service.onChanged(() => sync.requestSoon());
    const [cur, next] = [people(1)[(8 % 4)]!, people(1)[(9 % 4)]!]; // week 8 and 9 since 2026-01-05
    const swap = [
      ...override,
      { rotation: 'r1', from: '2026-03-02T12:00', to: '2026-03-09T12:00', member: next, replaces: cur },
      { rotation: 'r1', from: '2026-03-09T12:00', to: '2026-03-16T12:00', member: cur, replaces: next },
    ];
    const t0 = performance.now();
    await service.applyFile(fleet(swap), { actor: 'bench', source: 'file', now: NOW });
    const deadline = t0 + 20_000;
    // Right: the tag holds the incoming person, and the events of both swapped weeks name who now has them.
    const weekOf = (start: string, who: string) => (graph.calendar(MAILBOX, 'On call r1')?.events ?? []).some((e) => e.start.dateTime.startsWith(start) && e.subject.startsWith(`On call: ${who.split('@')[0]} `));
    const right = () => {
      const tag = graph.tagMembers(team(1), 'r1-oncall');
      return tag?.length === 1 && tag[0] === next && weekOf('2026-03-02T11:00', next) && weekOf('2026-03-09T11:00', cur);
    };
    while (!right() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    const swapMs = performance.now() - t0;
    sync.cancelPending();
    return {
      syncUnchangedRequests: unchangedRequests,
      syncUnchangedMinimumRequests: minimumReads,
      syncUnchangedWrites: unchangedWrites,
      syncOneChangeRequests: oneChangeRequests,
      syncOneChangeWrites: oneChangeWrites,
      syncOneChangeMinimumWrites: 3,
      syncSwapToRightMs: swapMs,
      syncSwapGoalRatio: swapMs / 2000,
    };
  } finally {
    await graph.stop();
    await t.destroy();
  }
}
