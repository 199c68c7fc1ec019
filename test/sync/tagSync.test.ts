import { afterEach, describe, expect, it } from 'vitest';
import { COMBINED_TAGS } from '../../sync/syncTargets.js';
import { ENGINES } from '../helpers/databases.js';
import type { RecordedRequest } from '../helpers/graph/GraphStandIn.js';
import { NOW, opsFile, PEOPLE, startHarness, TEAM, type SyncHarness } from './syncHarness.js';

/**
 * Tags beyond "who is on duty now", through the real Graph client against the stand-in: ops (alice, bob, carol,
 * dave; Mon 12:00 Berlin) has its current tag and a `next` tag; dev (frank, grace, heidi; Mon 09:00) shares a
 * top-level tag with it. On Wed 4 Mar 2026 alice and heidi are on duty and bob is next; on Mon 9 Mar dev hands
 * over to frank at 08:00Z and ops to bob at 11:00Z (CET), carol being next.
 */
const DEV = ['frank@contoso.com', 'grace@contoso.com', 'heidi@contoso.com'];
const EVERYONE = [...PEOPLE, ...DEV];
const OPS_TAGS = `    tag:\n      - { team: "${TEAM}", name: ops-oncall }\n      - { team: "${TEAM}", name: ops-next, who: next }`;
const DEV_ROTATION = `  - id: dev
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    members: [${DEV.join(', ')}]`;
const TOP = (name = 'everyone-oncall') => `tags:\n  - { team: "${TEAM}", name: ${name}, rotations: [ops, dev] }`;
const withTop = (opsTags = OPS_TAGS, top = TOP()) => opsFile(opsTags, `${DEV_ROTATION}\n${top}`);

const DEV_HANDOFF = Date.parse('2026-03-09T08:00:00Z');
const OPS_HANDOFF = Date.parse('2026-03-09T11:00:00Z');

describe.each(ENGINES)('next and top-level tags (%s)', (engine) => {
  let h: SyncHarness;
  afterEach(() => h.stop());
  const start = (file = withTop()) => startHarness(engine, file, { users: EVERYONE, team: EVERYONE });
  const tagId = async (owner: string, name: string) => (await h.stores.syncState.target(owner, 'tag', `${TEAM}/${name}`))?.remoteId;
  /** A tag's member writes in the order sent (tag ids are path-encoded: the stand-in's hold / + =, as Teams' do): "+upn" for an add, "-" for a removal (by membership id). */
  const memberWrites = (id: string) =>
    h.graph.writes().filter((w: RecordedRequest) => w.path.startsWith(`/teams/${TEAM}/tags/${encodeURIComponent(id)}/members`)).map((w) => (w.method === 'POST' ? `+${h.graph.user((w.body as { userId: string }).userId)!.userPrincipalName}` : '-'));

  it('each tag holds its people; a handoff moves the next tag and the top-level tag, adding before removing', async () => {
    h = await start();
    expect((await h.sync.reconcile(NOW)).targets.flatMap((t) => t.errors)).toEqual([]);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com']);
    expect(h.graph.tagMembers(TEAM, 'ops-next')).toEqual(['bob@contoso.com']);
    expect(h.graph.tagMembers(TEAM, 'everyone-oncall')).toEqual(['alice@contoso.com', 'heidi@contoso.com']);

    // Dev's handoff alone: the top-level tag moves, ops's tags do not.
    h.graph.clearLog();
    await h.sync.reconcile(DEV_HANDOFF);
    const everyone = (await tagId(COMBINED_TAGS, 'everyone-oncall'))!;
    expect(h.graph.tagMembers(TEAM, 'everyone-oncall')).toEqual(['alice@contoso.com', 'frank@contoso.com']);
    expect(memberWrites(everyone)).toEqual(['+frank@contoso.com', '-']);
    expect(h.graph.writes()).toHaveLength(2);

    // Ops's handoff: the next tag goes from bob to carol, the current from alice to bob, the top-level one too.
    h.graph.clearLog();
    await h.sync.reconcile(OPS_HANDOFF);
    expect(h.graph.tagMembers(TEAM, 'ops-next')).toEqual(['carol@contoso.com']);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['bob@contoso.com']);
    expect(h.graph.tagMembers(TEAM, 'everyone-oncall')).toEqual(['bob@contoso.com', 'frank@contoso.com']);
    expect(memberWrites((await tagId('ops', 'ops-next'))!)).toEqual(['+carol@contoso.com', '-']);
    expect(memberWrites(everyone)).toEqual(['+bob@contoso.com', '-']);
    expect(h.graph.writes()).toHaveLength(6);

    h.graph.clearLog();
    await h.sync.reconcile(OPS_HANDOFF + 3_600_000);
    expect(h.graph.writes()).toEqual([]);
  });

  it('a hand-made change to a top-level tag is reported as drift and put back', async () => {
    h = await start();
    await h.sync.reconcile(NOW);
    h.graph.editTagByHand(TEAM, 'everyone-oncall', { add: 'grace@contoso.com', remove: 'heidi@contoso.com' });
    const report = await h.sync.reconcile(NOW + 60_000);
    const tag = report.targets.find((t) => t.rotationId === COMBINED_TAGS)!;
    expect(tag.drift).toEqual(['grace@contoso.com was added by hand', 'heidi@contoso.com was removed by hand']);
    expect(tag.planned).toEqual([
      { action: 'add member', detail: 'heidi@contoso.com' },
      { action: 'remove member', detail: 'grace@contoso.com' },
    ]);
    expect(h.graph.tagMembers(TEAM, 'everyone-oncall')).toEqual(['alice@contoso.com', 'heidi@contoso.com']);
  });

  it('a dropped top-level tag is deleted (Rota made it) and its row cleared; the dry-run planned the same', async () => {
    h = await start();
    await h.sync.reconcile(NOW);
    await h.service.applyFile(opsFile(OPS_TAGS, DEV_ROTATION), { actor: 't', source: 'file', now: NOW });
    const dry = await h.sync.reconcile(NOW, { dryRun: true });
    h.graph.clearLog();
    const live = await h.sync.reconcile(NOW);
    const removal = (r: typeof dry) => r.targets.filter((t) => t.rotationId === COMBINED_TAGS).map((t) => t.planned);
    expect(removal(dry)).toEqual([[{ action: 'delete tag', detail: `"everyone-oncall" in team ${TEAM}` }]]);
    expect(removal(live)).toEqual(removal(dry));
    expect(h.graph.tagMembers(TEAM, 'everyone-oncall')).toBeUndefined();
    expect(h.graph.writes().map((w) => w.method)).toEqual(['DELETE']);
    expect(await h.stores.syncState.targets(COMBINED_TAGS)).toEqual([]);
  });

  it('a tag moved from a rotation into tags: keeps the tag (no delete, no create), and is still Rota\'s to delete later', async () => {
    h = await start(opsFile(`    tag: { team: "${TEAM}", name: ops-oncall }`, DEV_ROTATION));
    await h.sync.reconcile(NOW);
    const id = await tagId('ops', 'ops-oncall');
    await h.service.applyFile(opsFile('', `${DEV_ROTATION}\n${TOP('ops-oncall')}`), { actor: 't', source: 'file', now: NOW });
    h.graph.clearLog();
    expect((await h.sync.reconcile(NOW)).targets.flatMap((t) => t.errors)).toEqual([]);
    expect(h.graph.writes().map((w) => `${w.method} ${w.path.replace(encodeURIComponent(id!), '{id}')}`)).toEqual([`POST /teams/${TEAM}/tags/{id}/members`]); // heidi joins
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com', 'heidi@contoso.com']);
    expect(await tagId(COMBINED_TAGS, 'ops-oncall')).toBe(id);
    expect(await h.stores.syncState.targets('ops')).toEqual([]);
    await h.service.applyFile(opsFile('', DEV_ROTATION), { actor: 't', source: 'file', now: NOW });
    await h.sync.reconcile(NOW);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toBeUndefined();
  });
});
