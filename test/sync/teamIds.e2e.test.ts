import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../app/cli/main.js';
import { syncJobFor } from '../../app/root/syncJob.js';
import { snapshot } from '../../app/usecases/context.js';
import { ENGINES } from '../helpers/databases.js';
import type { GraphStandIn } from '../helpers/graph/GraphStandIn.js';
import { NOW, opsFile, seededDatabase, startStandIn, TEAM } from './syncHarness.js';

/** TEAM's thread id in the stand-in: distinct from its group id, as Graph's `internalId` is. */
const THREAD = '19:555555444483340002224333222211111@thread.tacv2';
const UNKNOWN_THREAD = '19:nobodyknowsthisone@thread.tacv2';
const UNRESOLVED = `team ${UNKNOWN_THREAD}: not resolved — add Rota to the team (its install tells Rota the group id) or name the team by its group id`;

const tagIn = (team: string) => `    tag: { team: "${team}", name: ops-oncall }\n    channel: { team: "${team}", id: "19:oncall@thread.tacv2" }`;
const second = (team: string) => `  - id: dev
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    members: [carol@contoso.com]
    tag: { team: "${team}", name: dev-oncall }`;

describe.each(ENGINES)('teams named by group id or thread id, synced on %s', (engine) => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    vi.unstubAllEnvs();
    while (stops.length) await stops.pop()!();
  });

  async function world(fields: string, extra = '') {
    const graph: GraphStandIn = await startStandIn();
    stops.push(() => graph.stop());
    expect(graph.addTeam(TEAM, ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com', 'dave@contoso.com'], THREAD)).toBe(THREAD);
    graph.addChannel(TEAM, '19:oncall@thread.tacv2', 'standard');
    graph.setTeamOwners(TEAM, ['erin@contoso.com']);
    const { t, stores, service } = await seededDatabase(engine, opsFile(fields, extra));
    stops.push(() => t.destroy());
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString('utf8')), done()) }));
    const sync = syncJobFor({ graph: { mode: 'standin', baseUrl: graph.url }, sync: { reconcileEveryMinutes: 15, horizonWeeks: 2 } }, stores, service, log, () => NOW);
    return { graph, t, stores, service, sync, lines };
  }
  const teamPaths = (graph: GraphStandIn) => graph.requests.map((r) => decodeURIComponent(r.path)).filter((p) => p.startsWith('/teams/') || p.startsWith('/groups/'));

  it('a team named by group id: Graph is asked for its thread id once (in a $batch), and the pair is kept', async () => {
    const w = await world(tagIn(TEAM));
    const report = await w.sync.reconcile(NOW);
    expect(report.targets.find((r) => r.target === 'tag')!.errors).toEqual([]);
    expect(w.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com']);
    expect(w.graph.requests.filter((r) => r.path === `/teams/${TEAM}`)).toMatchObject([{ method: 'GET', inBatch: true, status: 200, query: { $select: 'id,internalId' } }]);
    expect(await w.stores.teams.pairs()).toEqual([{ groupId: TEAM, threadId: THREAD }]);
    await w.sync.reconcile(NOW);
    expect(w.graph.requests.filter((r) => r.path === `/teams/${TEAM}`)).toHaveLength(1);
  });

  it('a team named by thread id after Rota\'s install there: every Graph call has the group id; owners and channel kind are stored by it', async () => {
    const w = await world(tagIn(THREAD));
    await w.stores.teams.savePair({ groupId: TEAM, threadId: THREAD }, 'teams', NOW - 1000);
    const report = await w.sync.reconcile(NOW);
    expect(report.targets.map((r) => [r.target, r.key, r.errors])).toEqual([['tag', `${TEAM}/ops-oncall`, []]]);
    expect(w.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com']);
    expect(teamPaths(w.graph).filter((p) => p.includes('19:'))).toEqual([`/teams/${TEAM}/channels/19:oncall@thread.tacv2`]);
    expect(report.teamOwners).toEqual([{ team: TEAM, owners: 1 }]);
    expect(await w.stores.teamOwners.emailsByTeam()).toEqual(new Map([[TEAM, ['erin@contoso.com']]]));
    expect(await w.stores.syncState.channelKind('ops', { team: TEAM, id: '19:oncall@thread.tacv2' })).toBe('standard');
    // The rotation's admins in chat: the owners of its team, named by thread id in the file.
    w.service.teamOwnersChanged();
    expect((await snapshot({ service: w.service, stores: w.stores })).rotations[0]!.admins).toEqual(['erin@contoso.com']);
  });

  it('a thread id Rota cannot resolve: that rotation is not synced and says why (report, log, status); the others are', async () => {
    const w = await world(`    tag: { team: "${UNKNOWN_THREAD}", name: ops-oncall }`, second(TEAM));
    const report = await w.sync.reconcile(NOW);
    expect(report.unresolvedTeams).toEqual([UNKNOWN_THREAD]);
    expect(report.targets.map((r) => [r.rotationId, r.target, r.errors])).toEqual([
      ['dev', 'tag', []],
      ['ops', 'tag', [UNRESOLVED]],
    ]);
    expect(w.graph.tagMembers(TEAM, 'dev-oncall')).toEqual(['carol@contoso.com']);
    expect(teamPaths(w.graph).some((p) => p.includes(UNKNOWN_THREAD))).toBe(false); // Graph would answer 400
    expect(w.lines.map((l) => JSON.parse(l) as { msg: string; team?: string }).filter((l) => l.msg === UNRESOLVED)).toMatchObject([{ team: UNKNOWN_THREAD }]);
    vi.stubEnv('DATABASE_URL', w.t.url);
    vi.stubEnv('LOG_LEVEL', 'silent');
    let text = '';
    expect(await runCli(['status'], (s) => (text += s), () => NOW)).toBe(0);
    expect(text).toContain(`${UNRESOLVED}\n`);
    expect(text).toMatch(/ops\s+tag\s+19:nobodyknowsthisone@thread\.tacv2\/ops-oncall\s+never\s+.*not resolved/);
    let json = '';
    await runCli(['status', '--json'], (s) => (json += s), () => NOW);
    expect((JSON.parse(json) as { unresolvedTeams: string[] }).unresolvedTeams).toEqual([UNKNOWN_THREAD]);
  });

  it('the Graph stand-in refuses a thread id where Graph wants the team id, as Graph does', async () => {
    const w = await world(tagIn(TEAM));
    const res = await fetch(`${w.graph.url}/teams/${encodeURIComponent(THREAD)}/channels/x`, { headers: { authorization: 'Bearer stand-in' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'BadRequest', message: 'teamId needs to be a valid GUID.' });
  });
});
