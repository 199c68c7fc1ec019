import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { syncJobFor } from '../../app/root/syncJob.js';
import type { Stores } from '../../db/stores.js';
import { parseRotationFile } from '../../rotation/file.js';
import type { SyncJob } from '../../sync/SyncJob.js';
import { ENGINES, type TestDatabase } from '../helpers/databases.js';
import type { GraphStandIn } from '../helpers/graph/GraphStandIn.js';
import { NOW, seededDatabase, startStandIn } from './syncHarness.js';

/**
 * Proactive installation through the real sync against the Graph stand-in: Rota is installed in the personal
 * scope of each rotation member it has no 1:1 chat with, so the bot can open one ("Send proactive installation
 * messages"); everyone it still cannot reach is recorded for `rota status`.
 */
const APP_ID = '0f5d9c1e-1111-4222-8333-444455556666'; // the bot's app id = the manifest id = the catalog app's externalId
const [ALICE, BOB, CAROL, ERIN] = ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com', 'erin@contoso.com'];
const INSTALLED_APPS = /^\/users\/[^/]+\/teamwork\/installedApps$/;

const file = () => {
  const parsed = parseRotationFile(`
timezone: Europe/Amsterdam
rotations:
  - id: ops
    name: Op of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [${ALICE}, ${BOB}, ${CAROL}, ${ERIN}]
`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
};

describe.each(ENGINES)('proactive installation (%s)', (engine) => {
  let graph: GraphStandIn;
  let t: TestDatabase;
  let stores: Stores;
  let sync: SyncJob;
  let hooked: string[];
  afterEach(async () => {
    await graph.stop();
    await t.destroy();
  });

  /** alice has written to Rota (a personal chat is stored); carol added Rota herself; erin is no user of the tenant. */
  async function start({ catalogAppId, carolHasIt = true }: { catalogAppId?: string; carolHasIt?: boolean } = {}) {
    graph = await startStandIn({ users: [ALICE, BOB, CAROL], team: [ALICE, BOB, CAROL] });
    hooked = [];
    graph.onAppInstalled = (id) => hooked.push(id);
    const app = graph.installedApps.publish({ id: 'catalog-7d2f', externalId: APP_ID, displayName: 'Rota' });
    if (carolHasIt) graph.installedApps.installByHand(graph.user(CAROL)!.id, app.id);
    const seeded = await seededDatabase(engine, file());
    t = seeded.t;
    stores = seeded.stores;
    await stores.conversations.saveConversation({ conversationId: 'a:alice-1on1', kind: 'personal', userEmail: ALICE, reference: { conversation: { id: 'a:alice-1on1' } } }, NOW);
    const config = {
      graph: { mode: 'standin' as const, baseUrl: graph.url },
      sync: { reconcileEveryMinutes: 15, horizonWeeks: 4, ...(catalogAppId ? { teamsAppId: catalogAppId } : {}) },
      bot: { appId: APP_ID },
    };
    sync = syncJobFor(config, stores, seeded.service, pino({ level: 'silent' }), () => NOW);
  }

  const installRequests = () => graph.requests.filter((r) => INSTALLED_APPS.test(r.path));
  const states = async () => (await stores.installations.installations()).map((i) => [i.email, i.state, i.detail ?? null]);

  it('installs Rota for a member with no chat, learning the catalog id from someone who has it; skips whoever has a chat; records the unreachable', async () => {
    await start();
    const report = await sync.reconcile(NOW);
    expect(report.installations).toEqual({ installed: 1, unreachable: [{ email: ERIN, detail: `${ERIN} is not a user in this tenant (GET /users: 404)` }] });
    expect(hooked).toEqual([graph.user(BOB)!.id]);
    const posts = installRequests().filter((r) => r.method === 'POST');
    expect(posts.map((r) => [r.path, r.body, r.status])).toEqual([
      [`/users/${graph.user(BOB)!.id}/teamwork/installedApps`, { 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/catalog-7d2f' }, 201],
    ]);
    // Read by object id, filtered on the manifest id, with the catalog app expanded; alice (who has a chat) is not read.
    const reads = installRequests().filter((r) => r.method === 'GET');
    expect(reads.map((r) => r.query)).toEqual([
      { $expand: 'teamsApp', $filter: `teamsApp/externalId eq '${APP_ID}'` },
      { $expand: 'teamsApp', $filter: `teamsApp/externalId eq '${APP_ID}'` },
    ]);
    expect(reads.map((r) => r.path).sort()).toEqual([graph.user(BOB)!.id, graph.user(CAROL)!.id].map((id) => `/users/${id}/teamwork/installedApps`).sort());
    expect(await states()).toEqual([
      [BOB, 'installed', null],
      [CAROL, 'already-installed', null],
      [ERIN, 'unresolved', `${ERIN} is not a user in this tenant (GET /users: 404)`],
    ]);

    // Next run: bob has it now; nothing is installed twice.
    graph.clearLog();
    await sync.reconcile(NOW);
    expect(installRequests().filter((r) => r.method === 'POST')).toEqual([]);
    expect(await states()).toEqual([
      [BOB, 'already-installed', null],
      [CAROL, 'already-installed', null],
      [ERIN, 'unresolved', `${ERIN} is not a user in this tenant (GET /users: 404)`],
    ]);
  });

  it('nobody has Rota yet and no ROTA_TEAMS_APP_ID: nobody is installed, and each person says why', async () => {
    await start({ carolHasIt: false });
    await sync.reconcile(NOW);
    expect(hooked).toEqual([]);
    const rows = await states();
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      [BOB, 'failed'],
      [CAROL, 'failed'],
      [ERIN, 'unresolved'],
    ]);
    expect(rows[0]![2]).toMatch(/^Rota's id in the Teams app catalog is not known .*set ROTA_TEAMS_APP_ID/);
  });

  it('with ROTA_TEAMS_APP_ID it installs for everyone who lacks it', async () => {
    await start({ catalogAppId: 'catalog-7d2f', carolHasIt: false });
    await sync.reconcile(NOW);
    expect(hooked.sort()).toEqual([graph.user(BOB)!.id, graph.user(CAROL)!.id].sort());
  });

  it('an installation Graph refuses is recorded with its status and code, and tried again next run', async () => {
    await start();
    graph.inject({ method: 'POST', path: INSTALLED_APPS, inBatch: true }, { kind: 'status', status: 403 });
    const report = await sync.reconcile(NOW);
    expect(report.installations!.unreachable.map((u) => u.email)).toEqual([BOB, ERIN]);
    expect((await states())[0]).toEqual([BOB, 'failed', expect.stringMatching(/^POST \/users\/[^ ]+\/teamwork\/installedApps: 403 Forbidden/)]);
    await sync.reconcile(NOW);
    expect(hooked).toEqual([graph.user(BOB)!.id]);
    expect((await states())[0]).toEqual([BOB, 'installed', null]);
  });

  it('Graph unreachable for the installation step: the reconcile still completes, and the next run installs', async () => {
    await start();
    graph.inject({ method: 'POST', path: /^\/\$batch$/, inBatch: false, body: /"POST".*installedApps/ }, { kind: 'drop' }, 1);
    const report = await sync.reconcile(NOW);
    expect(report.ran).toBe(true);
    expect(hooked).toEqual([]);
    graph.clearLog();
    await sync.reconcile(NOW);
    expect(hooked).toEqual([graph.user(BOB)!.id]);
  });

  it('someone who has written to Rota since needs no row any more', async () => {
    await start();
    await sync.reconcile(NOW);
    await stores.conversations.saveConversation({ conversationId: 'a:erin-1on1', kind: 'personal', userEmail: ERIN, reference: {} }, NOW);
    await sync.reconcile(NOW);
    expect((await states()).map((r) => r[0])).toEqual([BOB, CAROL]);
  });
});
