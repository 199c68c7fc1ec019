import { pino } from 'pino';
import { RotaService } from '../../app/usecases/RotaService.js';
import { parseRotationFile, type RotationFile } from '../../rotation/file.js';
import { syncJobFor } from '../../app/root/syncJob.js';
import { createStores, type Stores } from '../../db/stores.js';
import type { RetryPolicy } from '../../sync/graph/GraphApi.js';
import type { SyncJob } from '../../sync/SyncJob.js';
import { KEY_PROPERTY } from '../../sync/graph/rotaProperties.js';
import { freshDatabase, type TestDatabase } from '../helpers/databases.js';
import { GraphStandIn, type StandInEvent } from '../helpers/graph/GraphStandIn.js';

export const TEAM = '11111111-2222-4333-8444-555555555555';
export const MAILBOX = 'oncall@contoso.com';
export const PEOPLE = ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com', 'dave@contoso.com'];
export const NOW = Date.parse('2026-03-04T10:00:00Z'); // Wednesday: alice's shift (Mon 12:00 Berlin) is running
export const WEEKS = 4;
export const WEEK = 7 * 86_400_000;

/** The display name the stand-in gives a person: alice@contoso.com → Alice Archer. */
export const displayName = (email: string) => email.split('@')[0]!.replace(/^./, (c) => c.toUpperCase()) + ' Archer';

/** A rotation file with one rotation `ops` of `members`; `fields` replace its sync fields (tag, calendar, …). */
export function opsFile(fields = `    tag: { team: "${TEAM}", name: ops-oncall }\n    calendar: { mailbox: ${MAILBOX}, name: On call }`, extra = '', members = PEOPLE): RotationFile {
  const text = `
timezone: Europe/Berlin
rotations:
  - id: ops
    name: Op of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [${members.join(', ')}]
${fields}
${extra}`;
  const parsed = parseRotationFile(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

/** A started Graph stand-in (page size 3) with `users` (named by `displayName`), the team `TEAM` of `team`, and the shared mailbox. */
export async function startStandIn({ users = PEOPLE, team = PEOPLE }: { users?: string[]; team?: string[] } = {}): Promise<GraphStandIn> {
  const graph = new GraphStandIn({ pageSize: 3 });
  await graph.start();
  for (const p of users) graph.addUser(p, displayName(p));
  graph.addTeam(TEAM, team);
  graph.addMailbox(MAILBOX);
  return graph;
}

/** A fresh database of `engine` with `file` applied. */
export async function seededDatabase(engine: 'sqlite' | 'postgres', file: RotationFile): Promise<{ t: TestDatabase; stores: Stores; service: RotaService }> {
  const t = await freshDatabase(engine);
  const stores = createStores(t.db);
  const service = new RotaService(stores);
  await service.applyFile(file, { actor: 'test', source: 'file', now: NOW });
  return { t, stores, service };
}

export interface SyncHarness {
  graph: GraphStandIn;
  t: TestDatabase;
  stores: Stores;
  service: RotaService;
  sync: SyncJob;
  stop(): Promise<void>;
}

const FAST_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, timeoutMs: 2_000, sleep: async () => undefined, random: () => 0.5 };

/** The real sync job against the Graph stand-in, on a fresh database of `engine`, with `file` applied. */
export async function startHarness(
  engine: 'sqlite' | 'postgres' = 'sqlite',
  file = opsFile(),
  { users = PEOPLE, team = PEOPLE, retry = FAST_RETRY, clock = () => NOW }: { users?: string[]; team?: string[]; retry?: RetryPolicy; clock?: () => number } = {},
): Promise<SyncHarness> {
  const graph = await startStandIn({ users, team });
  const { t, stores, service } = await seededDatabase(engine, file);
  const sync = syncJobFor({ graph: { mode: 'standin', baseUrl: graph.url }, sync: { reconcileEveryMinutes: 15, horizonWeeks: WEEKS } }, stores, service, pino({ level: 'silent' }), clock, retry);
  sync.onTeamOwnersStored(() => service.teamOwnersChanged());
  return {
    graph,
    t,
    stores,
    service,
    sync,
    stop: async () => {
      await graph.stop();
      await t.destroy();
    },
  };
}

export const rotaKey = (e: StandInEvent) => e.singleValueExtendedProperties.find((p) => p.id === KEY_PROPERTY)?.value;
