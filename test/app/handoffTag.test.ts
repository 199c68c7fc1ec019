import { afterEach, describe, expect, it } from 'vitest';
import { snapshot } from '../../app/usecases/context.js';
import { handoffData } from '../../app/jobs/handoffs.js';
import { ENGINES } from '../helpers/databases.js';
import { NOW, opsFile, startHarness, TEAM, type SyncHarness } from '../sync/syncHarness.js';

const CHANNEL = '19:ops@thread.tacv2';
const FIELDS = `    tag: { team: "${TEAM}", name: ops-oncall }\n    channel: { team: "${TEAM}", id: "${CHANNEL}" }`;
const HANDOFF = Date.parse('2026-03-09T11:00:00Z'); // Mon 12:00 Berlin

describe.each(ENGINES)('the handoff card mentions the tag only in a standard channel (%s)', (engine) => {
  let h: SyncHarness;
  afterEach(() => h.stop());

  async function cardTag() {
    const deps = { service: h.service, stores: h.stores };
    const ops = (await snapshot(deps)).rotations.find((r) => r.id === 'ops')!;
    return (await handoffData(deps, ops, HANDOFF))?.tag;
  }

  it('standard channel: the synced tag is on the card; the sync read the channel with $select', async () => {
    h = await startHarness(engine, opsFile(FIELDS));
    h.graph.addChannel(TEAM, CHANNEL, 'standard');
    expect(await cardTag()).toBeUndefined(); // nothing synced yet
    await h.sync.reconcile(NOW);
    expect(await cardTag()).toMatchObject({ name: 'ops-oncall', id: expect.any(String) });
    const read = h.graph.requests.find((r) => decodeURIComponent(r.path) === `/teams/${TEAM}/channels/${CHANNEL}`)!;
    expect(read.query.$select).toBe('id,membershipType');
  });

  it('the team named by its thread id (pair learned at install): the tag synced by group id is on the card', async () => {
    const thread = '19:teamthreadid@thread.tacv2';
    h = await startHarness(engine, opsFile(`    tag: { team: "${thread}", name: ops-oncall }\n    channel: { team: "${thread}", id: "${CHANNEL}" }`));
    h.graph.addChannel(TEAM, CHANNEL, 'standard');
    await h.stores.teams.savePair({ groupId: TEAM, threadId: thread }, 'teams', NOW);
    await h.sync.reconcile(NOW);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com']);
    expect(await cardTag()).toMatchObject({ name: 'ops-oncall', id: expect.any(String) });
  });

  it.each(['private', 'shared'] as const)('%s channel: no tag on the card', async (kind) => {
    h = await startHarness(engine, opsFile(FIELDS));
    h.graph.addChannel(TEAM, CHANNEL, kind);
    await h.sync.reconcile(NOW);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com']); // the tag itself is still kept
    expect(await cardTag()).toBeUndefined();
  });

  it('a channel the sync cannot read: no tag on the card', async () => {
    h = await startHarness(engine, opsFile(FIELDS));
    h.graph.addChannel(TEAM, CHANNEL, 'standard');
    await h.sync.reconcile(NOW);
    expect(await cardTag()).toBeDefined();
    h.graph.inject({ method: 'GET', path: /\/channels\//, inBatch: true }, { kind: 'status', status: 403 }, 5);
    await h.sync.reconcile(NOW);
    expect(await cardTag()).toBeUndefined();
  });
});
