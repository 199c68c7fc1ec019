import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.js';
import type { RecordedRequest } from '../helpers/graph/GraphStandIn.js';
import { NOW, opsFile, PEOPLE, startHarness, TEAM, type SyncHarness } from './syncHarness.js';

/**
 * A shadow in a tag (`tag.shadows: true`), through the sync and the real Graph client against the stand-in: ops
 * (alice, bob, carol, dave; Mon 12:00 Berlin) with erin shadowing. On Wed 4 Mar 2026 alice is on duty and bob is
 * next; on Mon 9 Mar at 12:00 CET (11:00Z) ops hands over to bob, and carol is next.
 */
const ERIN = 'erin@contoso.com';
const EVERYONE = [...PEOPLE, ERIN];
const TAGS = `    shadows: [${ERIN}]
    tag:
      - { team: "${TEAM}", name: ops-oncall, shadows: true }
      - { team: "${TEAM}", name: ops-next, who: next }`;
const OPS_HANDOFF = Date.parse('2026-03-09T11:00:00Z');

describe.each(ENGINES)('a shadow in a tag (%s)', (engine) => {
  let h: SyncHarness;
  afterEach(() => h.stop());
  const tagId = async (name: string) => (await h.stores.syncState.target('ops', 'tag', `${TEAM}/${name}`))?.remoteId;
  /** A tag's member writes in the order sent: "+upn" for an add, "-" for a removal (by membership id). */
  const memberWrites = (id: string) =>
    h.graph.writes().filter((w: RecordedRequest) => w.path.startsWith(`/teams/${TEAM}/tags/${encodeURIComponent(id)}/members`)).map((w) => (w.method === 'POST' ? `+${h.graph.user((w.body as { userId: string }).userId)!.userPrincipalName}` : '-'));

  it('the tag that asks for shadows holds the person on duty and the shadow; the other tag only its person; a handoff moves the person and leaves the shadow', async () => {
    h = await startHarness(engine, opsFile(TAGS), { users: EVERYONE, team: EVERYONE });
    expect((await h.sync.reconcile(NOW)).targets.flatMap((t) => t.errors)).toEqual([]);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com', ERIN]);
    expect(h.graph.tagMembers(TEAM, 'ops-next')).toEqual(['bob@contoso.com']);

    h.graph.clearLog();
    await h.sync.reconcile(OPS_HANDOFF);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['bob@contoso.com', ERIN]);
    expect(h.graph.tagMembers(TEAM, 'ops-next')).toEqual(['carol@contoso.com']);
    // Erin is not written again: only alice leaves, bob joins (adding before removing).
    expect(memberWrites((await tagId('ops-oncall'))!)).toEqual(['+bob@contoso.com', '-']);
    expect(h.graph.writes()).toHaveLength(4);

    h.graph.clearLog();
    await h.sync.reconcile(OPS_HANDOFF + 3_600_000);
    expect(h.graph.writes()).toEqual([]);
  });

  it('a hand-made removal of the shadow is drift and put back', async () => {
    h = await startHarness(engine, opsFile(TAGS), { users: EVERYONE, team: EVERYONE });
    await h.sync.reconcile(NOW);
    h.graph.editTagByHand(TEAM, 'ops-oncall', { remove: ERIN });
    const report = await h.sync.reconcile(NOW + 60_000);
    const tag = report.targets.find((t) => t.rotationId === 'ops' && t.planned.length > 0)!;
    expect(tag.drift).toEqual([`${ERIN} was removed by hand`]);
    expect(tag.planned).toEqual([{ action: 'add member', detail: ERIN }]);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com', ERIN]);
  });
});
