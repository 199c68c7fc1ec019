import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../app/cli/main.js';
import type { TestDatabase } from '../helpers/databases.js';
import type { GraphStandIn } from '../helpers/graph/GraphStandIn.js';
import { NOW, opsFile, seededDatabase, startStandIn } from './syncHarness.js';

const MEMBERS = ['alice@contoso.com', 'bob@contoso.com'];

describe('rota status: people Rota cannot reach 1:1, never silently skipped', () => {
  let graph: GraphStandIn;
  let t: TestDatabase;
  const run = async (...argv: string[]) => {
    let text = '';
    const code = await runCli(argv, (s) => (text += s), () => NOW);
    return { code, text };
  };

  beforeEach(async () => {
    graph = await startStandIn({ users: ['alice@contoso.com'], team: ['alice@contoso.com'] }); // bob is no user of the tenant
    ({ t } = await seededDatabase('sqlite', opsFile(`    calendar: { mailbox: oncall@contoso.com, name: On call }`, '', MEMBERS)));
    vi.stubEnv('DATABASE_URL', t.url);
    vi.stubEnv('LOG_LEVEL', 'silent');
    vi.stubEnv('GRAPH_BASE_URL', graph.url);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await graph.stop();
    await t.destroy();
  });

  it('after a sync with a bot app id: lists who could not be installed for or resolved, with why', async () => {
    vi.stubEnv('MicrosoftAppId', '0f5d9c1e-1111-4222-8333-444455556666');
    vi.stubEnv('MicrosoftAppPassword', 'not-a-real-secret');
    vi.stubEnv('MicrosoftAppTenantId', 'bbbbbbbb-0000-4000-8000-000000000001');
    expect((await run('sync')).code).toBe(0);
    const json = JSON.parse((await run('status', '--json')).text) as { unreachable: Array<{ person: string; state: string; detail: string }> };
    expect(json.unreachable.map((u) => [u.person, u.state])).toEqual([
      ['alice@contoso.com', 'failed'], // nobody has Rota yet and ROTA_TEAMS_APP_ID is not set
      ['bob@contoso.com', 'unresolved'],
    ]);
    const text = (await run('status')).text;
    expect(text).toContain("people Rota cannot reach 1:1 (from the sync's proactive installation):");
    expect(text).toMatch(/bob@contoso\.com\s+bob@contoso\.com is not a user in this tenant \(GET \/users: 404\)/);
    expect(text).toMatch(/alice@contoso\.com\s+Rota's id in the Teams app catalog is not known/);
  });

  it('without a bot app id: says proactive installation is off', async () => {
    expect((await run('sync')).code).toBe(0);
    expect((await run('status')).text).toContain('proactive installation is off (MicrosoftAppId not set)');
    expect(graph.requests.some((r) => r.path.includes('/teamwork/'))).toBe(false);
  });
});
