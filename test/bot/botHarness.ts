import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../app/root/config.js';
import { createLogger } from '../../app/root/logger.js';
import { startRota, type RunningRota } from '../../app/root/wiring.js';
import { installActivity, startConnectorStandIn, TEAM_1, type ConnectorStandIn, type RecordedRequest, type StandInMember } from '../helpers/connectorStandIn.js';
import { freshDatabase, type TestDatabase } from '../helpers/databases.js';

export const ROTATION_FILE = `timezone: Europe/Berlin
admins: [erin@contoso.com]
rotations:
  - id: ops
    name: Op of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com]
    escalation: dev
    channel: { team: ${TEAM_1.groupId}, id: "19:ops@thread.tacv2" }
  - id: dev
    name: Dev of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    members: [frank@contoso.com, grace@contoso.com]
`;

export const PEOPLE = {
  alice: { id: '29:alice', name: 'Alice Archer', aadObjectId: 'aad-alice', email: 'alice@contoso.com' },
  bob: { id: '29:bob', name: 'Bob Baker', aadObjectId: 'aad-bob', email: 'bob@contoso.com' },
  carol: { id: '29:carol', name: 'Carol Cook', aadObjectId: 'aad-carol', email: 'carol@contoso.com' },
  dave: { id: '29:dave', name: 'Dave Dunn', aadObjectId: 'aad-dave', email: 'dave@contoso.com' },
  erin: { id: '29:erin', name: 'Erin Ende', aadObjectId: 'aad-erin', email: 'erin@contoso.com' },
  frank: { id: '29:frank', name: 'Frank Fisher', aadObjectId: 'aad-frank', email: 'frank@contoso.com' },
};

/** Wednesday 4 March 2026, 10:00 in Berlin: Alice has Op of the Week (since Mon 2 Mar 12:00), Bob is next. */
export const WEDNESDAY = Date.parse('2026-03-04T09:00:00Z');

export interface Harness {
  rota: RunningRota;
  clock: { now: number };
  /** The waits the Bot Connector back-off asked for (recorded, never waited on real time). */
  sleeps: number[];
  post(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  /** Connector requests recorded since `mark()`. */
  since(mark: number): RecordedRequest[];
  mark(): number;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The real Rota (startRota: CloudAdapter, HTTP server, scheduler, database) with an injected clock. */
async function startHarness(t: TestDatabase, connector: ConnectorStandIn, now = WEDNESDAY, rotationFile = ROTATION_FILE): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-bot-'));
  const file = path.join(dir, 'rota.yaml');
  fs.writeFileSync(file, rotationFile);
  const config = loadConfig({ DATABASE_URL: t.url, ROTA_CONFIG: file, PORT: '0', LOG_LEVEL: 'silent', ROTA_ACK_MINUTES: '30' }, dir);
  const clock = { now };
  const log = createLogger('silent');
  const sleeps: number[] = [];
  const options = { proactive: 'manual' as const, connectorSleep: async (ms: number) => void sleeps.push(ms) };
  let rota = await startRota(config, log, () => clock.now, options);
  return {
    get rota() {
      return rota;
    },
    clock,
    sleeps,
    async post(activity) {
      connector.delivered(activity);
      const conversation = activity.conversation as { id?: string; conversationType?: string } | undefined;
      const from = activity.from as { id?: string } | undefined;
      if (conversation?.conversationType === 'personal' && conversation.id && from?.id) connector.inPersonalChat(conversation.id, from.id);
      const res = await fetch(`${rota.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    mark: () => connector.requests.length,
    since: (mark) => connector.requests.slice(mark),
    async restart() {
      await rota.stop();
      rota = await startRota(config, log, () => clock.now, options);
    },
    async stop() {
      await rota.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What a bot test runs against: a fresh database, a Connector stand-in, and Rota started on both. */
export interface BotWorld {
  t: TestDatabase;
  connector: ConnectorStandIn;
  h: Harness;
}

/**
 * Starts a BotWorld whose stand-in knows `members` (by default everyone in PEOPLE); the rotation file (ROTATION_FILE),
 * clock (WEDNESDAY) and who has Rota installed without having written to it (`rotaInstalledFor`) can be chosen.
 */
export async function startBot(
  engine: TestDatabase['engine'],
  members: StandInMember[] = Object.values(PEOPLE),
  options: { file?: string; now?: number; rotaInstalledFor?: StandInMember[] } | string = {},
): Promise<BotWorld> {
  const o = typeof options === 'string' ? { file: options } : options;
  const t = await freshDatabase(engine);
  const connector = await startConnectorStandIn(members);
  // Rota is installed for nobody until they install it (a personal chat) or it is installed for them, as in a tenant.
  for (const m of o.rotaInstalledFor ?? []) connector.installApp(m.id);
  return { t, connector, h: await startHarness(t, connector, o.now ?? WEDNESDAY, o.file ?? ROTATION_FILE) };
}

/** Stops Rota, then the stand-in, then drops the database. */
export async function stopBot({ t, connector, h }: BotWorld): Promise<void> {
  await h.stop();
  await connector.close();
  await t.destroy();
}

/** Rota added to TEAM_1 (its General channel): a team conversation Rota can ask Teams about the team's members through. */
export async function installInTeam(h: Harness, connector: ConnectorStandIn): Promise<void> {
  const res = await h.post(installActivity(connector.url, { team: TEAM_1 }));
  if (res.status !== 200) throw new Error(`installing Rota in ${TEAM_1.name} answered ${res.status}`);
}
