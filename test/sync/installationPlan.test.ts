import { describe, expect, it } from 'vitest';
import { installOutcome, NO_CATALOG_ID, planInstallations, type PersonRead } from '../../sync/installations/installationPlan.js';

const NOW = 1_000;
const reads: PersonRead[] = [
  { email: 'a@contoso.com', kind: 'read', objectId: 'oid-a', installed: false },
  { email: 'b@contoso.com', kind: 'read', objectId: 'oid-b', installed: true },
  { email: 'c@contoso.com', kind: 'unresolved', why: 'c@contoso.com is not a user in this tenant (GET /users: 404)' },
  { email: 'd@contoso.com', kind: 'read-failed', objectId: 'oid-d', why: 'GET /users/oid-d/teamwork/installedApps: 403 Forbidden: no' },
];

describe('planInstallations', () => {
  it('installs only a resolved person without Rota; everyone else is settled with why', () => {
    expect(planInstallations(reads, 'cat-1', NOW)).toEqual({
      install: [{ email: 'a@contoso.com', objectId: 'oid-a' }],
      settled: [
        { email: 'b@contoso.com', objectId: 'oid-b', state: 'already-installed', checkedAt: NOW },
        { email: 'c@contoso.com', state: 'unresolved', detail: 'c@contoso.com is not a user in this tenant (GET /users: 404)', checkedAt: NOW },
        { email: 'd@contoso.com', objectId: 'oid-d', state: 'failed', detail: 'GET /users/oid-d/teamwork/installedApps: 403 Forbidden: no', checkedAt: NOW },
      ],
    });
  });

  it('without a catalog id nobody is installed, and whoever needed it is failed naming ROTA_TEAMS_APP_ID', () => {
    const plan = planInstallations(reads, undefined, NOW);
    expect(plan.install).toEqual([]);
    expect(plan.settled[0]).toEqual({ email: 'a@contoso.com', objectId: 'oid-a', state: 'failed', detail: NO_CATALOG_ID, checkedAt: NOW });
    expect(NO_CATALOG_ID).toContain('ROTA_TEAMS_APP_ID');
  });
});

describe('installOutcome', () => {
  const person = { email: 'a@contoso.com', objectId: 'oid-a' };
  it.each([
    [{ status: 201 }, 'installed', undefined],
    [{ status: 409, error: { message: 'POST …: 409 Conflict: App is already installed' } }, 'already-installed', undefined],
    [{ status: 403, error: { message: 'POST …: 403 Forbidden: denied' } }, 'failed', 'POST …: 403 Forbidden: denied'],
    [{ status: -1, error: { message: 'POST …: no response TimeoutError: timed out' } }, 'failed', 'POST …: no response TimeoutError: timed out'],
  ])('%j → %s', (result, state, detail) => {
    expect(installOutcome(person, result, NOW)).toEqual({ ...person, state, ...(detail ? { detail } : {}), checkedAt: NOW });
  });
});
