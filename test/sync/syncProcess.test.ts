import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRotaProcess, type RotaProcess } from '../helpers/rotaProcess.js';
import { GraphStandIn } from '../helpers/graph/GraphStandIn.js';

const TEAM = '11111111-2222-4333-8444-555555555555';

describe('the real process syncs through GRAPH_BASE_URL', () => {
  let graph: GraphStandIn;
  let rota: RotaProcess | undefined;
  let dir: string;
  afterEach(async () => {
    rota?.child.kill('SIGTERM');
    if (rota) await rota.exited;
    await graph.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the tag holding exactly who is on duty, with no credentials against a loopback stand-in', async () => {
    graph = new GraphStandIn();
    await graph.start();
    graph.addTeam(TEAM, ['alice@contoso.com', 'bob@contoso.com']);
    graph.addMailbox('oncall@contoso.com');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-sync-'));
    // A daily rotation of one member: whoever is on duty, it is alice.
    fs.writeFileSync(
      path.join(dir, 'rota.yaml'),
      `timezone: UTC
rotations:
  - id: ops
    start: 2026-01-05
    every: 1d
    handoff: "09:00"
    members: [alice@contoso.com]
    tag: { team: "${TEAM}", name: ops-oncall }
`,
    );
    rota = startRotaProcess({ GRAPH_BASE_URL: graph.url, ROTA_CONFIG: path.join(dir, 'rota.yaml'), DATABASE_URL: `sqlite:${path.join(dir, 'rota.sqlite')}` });
    await rota.url;
    const deadline = Date.now() + 15_000;
    // The tag is written before the process logs the end of the reconcile: wait for both (the log line came late under load).
    const done = () => graph.tagMembers(TEAM, 'ops-oncall') && rota!.logs.some((l) => l.msg === 'sync reconciled');
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com']);
    expect(rota.logs.some((l) => l.msg === 'sync reconciled')).toBe(true);
  }, 30_000);
});
