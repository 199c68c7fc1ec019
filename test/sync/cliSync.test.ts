import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../app/cli/main.js';
import type { TestDatabase } from '../helpers/databases.js';
import type { GraphStandIn } from '../helpers/graph/GraphStandIn.js';
import { NOW, opsFile, seededDatabase, startStandIn, TEAM } from './syncHarness.js';

const MEMBERS = ['alice@contoso.com', 'bob@contoso.com'];

describe('rota sync and rota status', () => {
  let graph: GraphStandIn;
  let t: TestDatabase;
  const run = async (...argv: string[]) => {
    let text = '';
    const code = await runCli(argv, (s) => (text += s), () => NOW);
    return { code, text };
  };

  beforeEach(async () => {
    graph = await startStandIn({ users: [], team: MEMBERS });
    ({ t } = await seededDatabase('sqlite', opsFile(undefined, '', MEMBERS)));
    vi.stubEnv('DATABASE_URL', t.url);
    vi.stubEnv('LOG_LEVEL', 'silent');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await graph.stop();
    await t.destroy();
  });

  it('without credentials: --dry-run prints the plan against what Rota last wrote, and writes nothing', async () => {
    vi.stubEnv('GRAPH_BASE_URL', 'https://graph.microsoft.com/v1.0');
    const { code, text } = await run('sync', '--dry-run');
    expect(code).toBe(0);
    expect(text).toContain('the plan is against what Rota last wrote');
    expect(text).toMatch(/ops\s+tag ops-oncall\s+create tag\s+with alice@contoso.com/);
    const json = JSON.parse((await run('sync', '--dry-run', '--json')).text) as { remoteState: string; targets: Array<{ planned: unknown[] }> };
    expect(json.remoteState).toBe('last-written');
    expect(json.targets.map((x) => x.planned.length).reduce((a, b) => a + b)).toBeGreaterThan(5);
    expect(graph.requests).toEqual([]);
  });

  it('against the stand-in: sync writes, status shows the last success; a failure exits 1 and shows in status', async () => {
    vi.stubEnv('GRAPH_BASE_URL', graph.url);
    const first = await run('sync');
    expect(first.code).toBe(0);
    expect(graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com']);
    const status = JSON.parse((await run('status', '--json')).text) as { targets: Array<{ target: string; lastSuccess: string | null; pending: number }> };
    expect(status.targets.map((s) => [s.target, s.lastSuccess, s.pending])).toEqual([
      ['calendar', new Date(NOW).toISOString(), 0],
      ['tag', new Date(NOW).toISOString(), 0],
    ]);
    graph.inject({ method: 'GET', path: /\/calendarView$/, inBatch: true }, { kind: 'status', status: 403 }, 10);
    const failed = await run('sync');
    expect(failed.code).toBe(1);
    const table = (await run('status')).text;
    expect(table).toMatch(/calendar .*403/);
  });
});
