import { afterEach, describe, expect, it } from 'vitest';
import { MAILBOX, NOW, opsFile, startHarness, TEAM, WEEK, type SyncHarness } from './syncHarness.js';

/**
 * Graph's tag and tag-member ids are base64 and may hold '/', '+' and '==' (the stand-in's always do). Every path
 * Rota builds with one — list members, add a member, remove a membership, delete the tag — must carry it encoded:
 * an unencoded '/' would split the path and reach another resource (or none).
 */
describe('tag and tag-member ids with "/", "+" and "==" are encoded in every path', () => {
  let h: SyncHarness;
  afterEach(() => h.stop());

  /** Requests whose path holds a tag id: "/teams/{team}/tags/{id}…", the id still encoded as it arrived. */
  const tagPaths = () => h.graph.requests.map((r) => `${r.method} ${r.path}`).filter((p) => p.includes('/tags/'));

  it('reads, adds, removes and deletes through the real client, and Graph sees the ids it gave', async () => {
    h = await startHarness('sqlite');
    await h.sync.reconcile(NOW); // creates the tag with alice (on duty this week)
    const saved = await h.stores.syncState.target('ops', 'tag', `${TEAM}/ops-oncall`);
    const tagId = saved!.remoteId!;
    expect(tagId).toMatch(/\/.*\+.*==$/);
    const encoded = encodeURIComponent(tagId);
    expect(encoded).not.toContain('/');

    h.graph.clearLog();
    await h.sync.reconcile(NOW + WEEK); // bob's week: read the members, add bob, remove alice's membership
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['bob@contoso.com']);
    const week2 = tagPaths();
    expect(week2).toContain(`GET /teams/${TEAM}/tags/${encoded}/members`);
    expect(week2).toContain(`POST /teams/${TEAM}/tags/${encoded}/members`);
    const removal = week2.find((p) => p.startsWith('DELETE '))!;
    const memberId = decodeURIComponent(removal.slice(removal.lastIndexOf('/') + 1));
    expect(memberId).toMatch(/\/.*\+.*==$/);
    expect(removal).toBe(`DELETE /teams/${TEAM}/tags/${encoded}/members/${encodeURIComponent(memberId)}`);
    expect(h.graph.requests.filter((r) => r.path.includes('/tags/')).every((r) => r.status < 400)).toBe(true);

    h.graph.clearLog();
    await h.service.applyFile(opsFile(`    calendar: { mailbox: ${MAILBOX}, name: On call }`), { actor: 't', source: 'file', now: NOW + WEEK });
    await h.sync.reconcile(NOW + WEEK); // the tag is no longer synced: Rota deletes the tag it made
    expect(tagPaths()).toEqual([`DELETE /teams/${TEAM}/tags/${encoded}`]);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toBeUndefined();
  });

  it('a path with the id left unencoded is refused by the stand-in, so the test above could fail', async () => {
    h = await startHarness('sqlite');
    await h.sync.reconcile(NOW);
    const tagId = (await h.stores.syncState.target('ops', 'tag', `${TEAM}/ops-oncall`))!.remoteId!;
    const res = await fetch(`${h.graph.url}/teams/${TEAM}/tags/${tagId}/members`, { headers: { authorization: 'Bearer t' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
