import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { vi } from 'vitest';
import { loadConfig } from '../../app/root/config.js';
import { createLogger } from '../../app/root/logger.js';
import { startRota, type RunningRota } from '../../app/root/wiring.js';
import { startConnectorStandIn, TEAM_1, teamsMessage, type ConnectorStandIn, type StandInMember } from '../helpers/connectorStandIn.js';
import { freshDatabase, type TestDatabase } from '../helpers/databases.js';
import { GraphStandIn, type StandInUser } from '../helpers/graph/GraphStandIn.js';
import { runCapturing } from '../helpers/runCli.js';

/**
 * A tenant as Teams and Graph really have it: the team known by a group GUID (Graph) and a thread id (the Bot
 * Connector), everyone's mail different from their UPN, one member (Cas) who never wrote to Rota and for whom Rota is
 * not installed, and an outsider (Olga, in no rotation) covering a day of Ben's shift. The file names the team by its
 * group id, the channel by its id and people by mail, in Europe/Amsterdam.
 */
export const CHANNEL = '19:ops@thread.tacv2';
export const MAILBOX = 'oncall@contoso.com';
/** The bot's app id = the manifest id = the catalog app's externalId; the catalog's own id differs. */
export const APP_ID = '0f5d9c1e-1111-4222-8333-444455556666';
export const CATALOG_ID = 'catalog-7d2f';

export const PEOPLE = {
  ann: { mail: 'ann@contoso.com', upn: 'aarcher@contoso.onmicrosoft.com', name: 'Ann Archer', teamsId: '29:ann' },
  ben: { mail: 'ben@contoso.com', upn: 'bbaker@contoso.onmicrosoft.com', name: 'Ben Baker', teamsId: '29:ben' },
  cas: { mail: 'cas@contoso.com', upn: 'ccook@contoso.onmicrosoft.com', name: 'Cas Cook', teamsId: '29:cas' },
  olga: { mail: 'olga@contoso.com', upn: 'oolsen@contoso.onmicrosoft.com', name: 'Olga Olsen', teamsId: '29:olga' },
};
export type Who = keyof typeof PEOPLE;

export const FILE = `timezone: Europe/Amsterdam
rotations:
  - id: ops
    name: Op of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [ann@contoso.com, ben@contoso.com, cas@contoso.com]
    tag: { team: ${TEAM_1.groupId}, name: ops-oncall }
    channel: { team: ${TEAM_1.groupId}, id: "${CHANNEL}" }
    calendar: { mailbox: ${MAILBOX}, name: On call }
overrides:
  - { rotation: ops, from: "2026-03-18T00:00", to: "2026-03-19T00:00", member: olga@contoso.com, replaces: ben@contoso.com }
`;

export interface World {
  t: TestDatabase;
  graph: GraphStandIn;
  connector: ConnectorStandIn;
  rota: RunningRota;
  clock: { now: number };
  /** Graph's user of a person (their object id is `.id`). */
  user(who: Who): StandInUser;
  /** `rota sync` as an operator runs it, with the bot's registration in the environment, at `now`. */
  sync(now: number): Promise<{ code: number; out: string; err: string }>;
  /** A message from `who` in their personal chat with Rota; the connector requests it caused. */
  say(who: Who, text: string): Promise<Array<{ method: string; path: string; body: Record<string, unknown> }>>;
  stop(): Promise<void>;
}

/** Waits (polling real time, bounded) for a log line of the server: an event, not a clock. */
async function logged(lines: string[], msg: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!lines.some((l) => l.includes(`"msg":"${msg}"`))) {
    if (Date.now() > deadline) throw new Error(`no "${msg}" in the log:\n${lines.join('')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startWorld(engine: 'sqlite' | 'postgres', now: number): Promise<World> {
  const graph = new GraphStandIn({ pageSize: 3 });
  await graph.start();
  const users = Object.fromEntries(Object.entries(PEOPLE).map(([k, p]) => [k, graph.addUser(p.upn, p.name, { mail: p.mail })])) as Record<Who, StandInUser>;
  graph.addTeam(TEAM_1.groupId, Object.values(PEOPLE).map((p) => p.upn), TEAM_1.threadId);
  graph.addChannel(TEAM_1.groupId, CHANNEL, 'standard');
  graph.addMailbox(MAILBOX);
  graph.installedApps.publish({ id: CATALOG_ID, externalId: APP_ID, displayName: 'Rota' });

  // Teams' accounts: their email is the mail, their UPN the UPN, their aadObjectId Graph's object id.
  const members: StandInMember[] = (Object.keys(PEOPLE) as Who[]).map((k) => ({
    id: PEOPLE[k].teamsId,
    name: PEOPLE[k].name,
    aadObjectId: users[k].id,
    email: PEOPLE[k].mail,
    userPrincipalName: PEOPLE[k].upn,
    installed: k !== 'cas',
  }));
  const connector = await startConnectorStandIn(members);
  connector.addChannel(TEAM_1.groupId, CHANNEL, 'standard');
  graph.onAppInstalled = (objectId) => connector.installApp(objectId);

  const t = await freshDatabase(engine);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-tenant-'));
  const file = path.join(dir, 'rota.yaml');
  fs.writeFileSync(file, FILE);
  const env = { DATABASE_URL: t.url, ROTA_CONFIG: file, GRAPH_BASE_URL: graph.url, PORT: '0', LOG_LEVEL: 'info' };
  const lines: string[] = [];
  const log = createLogger('info', new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString('utf8')), done()) }));
  const clock = { now };
  // The server has no app registration (inbound requests unauthenticated, on loopback), so its own reconciles do
  // tags and calendars only; proactive installation needs the app id, given to `rota sync` below.
  const rota = await startRota(loadConfig(env, dir), log, () => clock.now, { proactive: 'manual', connectorSleep: async () => undefined });
  await logged(lines, 'sync reconciled'); // its start-up reconcile, at `now`

  return {
    t,
    graph,
    connector,
    rota,
    clock,
    user: (who) => users[who],
    async sync(at) {
      for (const [k, v] of Object.entries({ ...env, LOG_LEVEL: 'error', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used', MicrosoftAppTenantId: 'tenant-1', ROTA_TEAMS_APP_ID: CATALOG_ID })) vi.stubEnv(k, v);
      try {
        return await runCapturing(['sync'], at);
      } finally {
        vi.unstubAllEnvs();
      }
    },
    async say(who, text) {
      const p = PEOPLE[who];
      const mark = connector.requests.length;
      const activity = teamsMessage({ serviceUrl: connector.url, text, from: { id: p.teamsId, name: p.name, aadObjectId: users[who].id }, conversation: { id: `a:chat-${who}`, conversationType: 'personal' } });
      const res = await fetch(`${rota.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}`);
      return connector.requests.slice(mark);
    },
    async stop() {
      await rota.stop();
      await connector.close();
      await graph.stop();
      await t.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
