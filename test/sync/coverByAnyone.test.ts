import { afterEach, describe, expect, it } from 'vitest';
import { personRefs } from '../../app/usecases/context.js';
import { ENGINES } from '../helpers/databases.js';
import { NOW, opsFile, PEOPLE, startHarness, TEAM, type SyncHarness } from './syncHarness.js';

const GUEST = 'guest@fabrikam.com';
/** Alice's running shift (Mon 2 Mar 12:00 – Mon 9 Mar 12:00 Berlin) is covered on Wednesday by someone in no rotation. */
const COVER = `overrides:\n  - { rotation: ops, from: "2026-03-04T00:00", to: "2026-03-05T00:00", member: ${GUEST}, replaces: alice@contoso.com }`;

describe.each(ENGINES)('a cover by someone in no rotation, through the sync, on %s', (engine) => {
  let h: SyncHarness;
  afterEach(() => h?.stop());

  it('is resolved like everyone else: the tag holds them, and chat then mentions them by object id and name', async () => {
    h = await startHarness(engine, opsFile(undefined, COVER), { users: [...PEOPLE, GUEST], team: [...PEOPLE, GUEST] });
    const report = await h.sync.reconcile(NOW);
    const lookUps = (from: number) => h.graph.requests.slice(from).filter((r) => decodeURIComponent(r.path) === `/users/${GUEST}`);
    expect(lookUps(0)).toHaveLength(1);
    expect(report.targets.flatMap((r) => r.errors)).toEqual([]);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toEqual([GUEST]);

    const guestId = h.graph.user(GUEST)!.id;
    const ref = (await personRefs(h.stores, [GUEST])).get(GUEST);
    expect(ref).toEqual({ email: GUEST, displayName: 'Guest Archer', objectId: guestId, upn: GUEST }); // Graph confirmed the address is their UPN

    // Cached like a member's identity: the next run does not look them up again.
    const before = h.graph.requests.length;
    await h.sync.reconcile(NOW + 60_000);
    expect(lookUps(before)).toEqual([]);
  });
});
