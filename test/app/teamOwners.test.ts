import { afterEach, describe, expect, it } from 'vitest';
import { cover } from '../../app/usecases/changes.js';
import { snapshot } from '../../app/usecases/context.js';
import { whoView } from '../../app/usecases/queries.js';
import { ENGINES } from '../helpers/databases.js';
import { NOW, startHarness, TEAM, type SyncHarness } from '../sync/syncHarness.js';

const STRETCH = '2026-03-05 09:00 to 2026-03-05 17:00 ops'; // inside alice's running shift

describe.each(ENGINES)('team owners are admins (%s)', (engine) => {
  let h: SyncHarness;
  afterEach(() => h.stop());

  const deps = () => ({ service: h.service, stores: h.stores });
  const coverAs = (email: string) => cover(deps(), { email, now: NOW }, 'bob@contoso.com', STRETCH);

  it("the sync stores the team's owners; an owner may cover someone else's shift, a non-owner may not", async () => {
    h = await startHarness(engine);
    h.graph.setTeamOwners(TEAM, ['erin@contoso.com', 'Owner.Two@contoso.com', 'o3@contoso.com', 'o4@contoso.com']); // two pages of 3
    h.graph.addUser('frank@contoso.com');
    expect((await coverAs('erin@contoso.com')).ok).toBe(false); // not read yet

    const report = await h.sync.reconcile(NOW);
    expect(report.teamOwners).toEqual([{ team: TEAM, owners: 4 }]);
    const ownersRead = h.graph.requests.filter((r) => r.path === `/groups/${TEAM}/owners`);
    expect(ownersRead[0]!.query.$select).toBe('id,userPrincipalName,mail');
    const ops = (await snapshot(deps())).rotations.find((r) => r.id === 'ops')!;
    expect(ops.admins).toEqual(expect.arrayContaining(['erin@contoso.com', 'owner.two@contoso.com']));

    const refused = await coverAs('frank@contoso.com');
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/admins can change that stretch/) });
    const allowed = await coverAs('erin@contoso.com');
    expect(allowed.ok).toBe(true);
    if (allowed.ok) expect(allowed.value.override).toMatchObject({ member: 'bob@contoso.com', replaces: 'alice@contoso.com' });
  });

  it('an owner removed in Teams stops being an admin at the next reconcile; dry-run reads no owners', async () => {
    h = await startHarness(engine);
    h.graph.setTeamOwners(TEAM, ['erin@contoso.com']);
    await h.sync.reconcile(NOW);
    h.graph.setTeamOwners(TEAM, ['dave@contoso.com']);
    h.graph.clearLog();
    const dry = await h.sync.reconcile(NOW, { dryRun: true });
    expect(dry.teamOwners).toEqual([]);
    expect(h.graph.requests).toEqual([]);
    expect((await snapshot(deps())).rotations[0]!.admins).toContain('erin@contoso.com');
    await h.sync.reconcile(NOW);
    const admins = (await snapshot(deps())).rotations[0]!.admins;
    expect(admins).toContain('dave@contoso.com');
    expect(admins).not.toContain('erin@contoso.com');
    expect((await coverAs('erin@contoso.com')).ok).toBe(false);
  });

  it('a team whose owners cannot be read keeps the owners stored before, and says so', async () => {
    h = await startHarness(engine);
    h.graph.setTeamOwners(TEAM, ['erin@contoso.com']);
    await h.sync.reconcile(NOW);
    h.graph.inject({ method: 'GET', path: /\/owners$/ }, { kind: 'status', status: 403 }, 5);
    const report = await h.sync.reconcile(NOW);
    expect(report.teamOwners[0]).toMatchObject({ team: TEAM, owners: 1, error: expect.stringMatching(/403/) });
    expect((await snapshot(deps())).rotations[0]!.admins).toContain('erin@contoso.com');
  });

  it('reads the owners once for two who turns, and again after the sync stores owners or the rotations change', async () => {
    h = await startHarness(engine);
    h.graph.setTeamOwners(TEAM, ['erin@contoso.com']);
    await h.sync.reconcile(NOW);
    let ownerReads = 0;
    h.t.db.on('query', (q: { method?: string; sql: string }) => {
      if (q.method === 'select' && q.sql.includes('team_owners')) ownerReads++;
    });
    const who = async () => expect((await whoView(deps(), NOW, 'ops')).ok).toBe(true);

    await who();
    await who();
    expect(ownerReads).toBe(1);

    h.graph.setTeamOwners(TEAM, ['dave@contoso.com']);
    await h.sync.reconcile(NOW);
    await who();
    expect(ownerReads).toBe(2);
    expect((await snapshot(deps())).rotations[0]!.admins).toContain('dave@contoso.com');
    expect(ownerReads).toBe(2);

    expect((await coverAs('dave@contoso.com')).ok).toBe(true); // a change to the rotations drops the cache
    await who();
    await who();
    expect(ownerReads).toBe(3);
  });
});
