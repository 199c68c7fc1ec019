import { afterEach, describe, expect, it } from 'vitest';
import { parseRotationFile } from '../../rotation/file.js';
import { ENGINES } from '../helpers/databases.js';
import { MAILBOX, NOW, opsFile, rotaKey, startHarness, TEAM, WEEK, type SyncHarness } from './syncHarness.js';

const TAG_ONLY = `    tag: { team: "${TEAM}", name: ops-oncall }`;
const CALENDAR_ONLY = `    calendar: { mailbox: ${MAILBOX}, name: On call }`;
const LATER = NOW + 2 * 86_400_000; // Friday of the same week: alice's shift still runs

describe.each(ENGINES)('a target removed from the sync is cleaned up (%s)', (engine) => {
  let h: SyncHarness;
  afterEach(() => h.stop());

  const apply = (fields: string, extra = '') => h.service.applyFile(opsFile(fields, extra), { actor: 't', source: 'file', now: LATER });
  const rows = async () => (await h.t.db('sync_state').where({ rotation_id: 'ops' }).select('target', 'key')) as Array<{ target: string; key: string }>;

  it('calendar removed: coming Rota events deleted, the running and past ones and foreign events kept, rows cleared', async () => {
    h = await startHarness(engine);
    await h.sync.reconcile(NOW - WEEK); // last week's segment is in the calendar too
    await h.sync.reconcile(NOW);
    const foreign = h.graph.addForeignEvent(MAILBOX, 'On call', 'Team lunch', new Date(NOW + WEEK), new Date(NOW + WEEK + 3_600_000));
    const before = h.graph.calendar(MAILBOX, 'On call')!.events.filter(rotaKey);
    const started = before.filter((e) => Date.parse(`${e.start.dateTime.slice(0, 19)}Z`) < LATER);
    expect(started.length).toBe(2);
    await apply(TAG_ONLY);
    h.graph.clearLog();
    const report = await h.sync.reconcile(LATER);
    expect(report.targets.flatMap((r) => r.errors)).toEqual([]);
    const after = h.graph.calendar(MAILBOX, 'On call')!.events;
    expect(after.filter(rotaKey).map((e) => e.id)).toEqual(started.map((e) => e.id));
    expect(after.some((e) => e.id === foreign)).toBe(true);
    expect(h.graph.writes().every((w) => w.method === 'DELETE' && w.path.includes('/events/'))).toBe(true);
    expect(h.graph.writes()).toHaveLength(before.length - started.length);
    expect((await rows()).map((r) => r.target).sort()).toEqual(['tag']);
    h.graph.clearLog();
    await h.sync.reconcile(LATER);
    expect(h.graph.writes()).toEqual([]);
  });

  it('tag removed: the tag Rota created is deleted (DELETE /teams/{id}/tags/{id}) and its row cleared', async () => {
    h = await startHarness(engine);
    await h.sync.reconcile(NOW);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com']);
    await apply(CALENDAR_ONLY);
    h.graph.clearLog();
    const report = await h.sync.reconcile(LATER);
    expect(report.targets.find((r) => r.target === 'tag')!.planned).toEqual([{ action: 'delete tag', detail: `"ops-oncall" in team ${TEAM}` }]);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toBeUndefined();
    expect(h.graph.writes().map((w) => `${w.method} ${w.path.replace(/tags\/.*/, 'tags/{id}')}`)).toEqual([`DELETE /teams/${TEAM}/tags/{id}`]);
    expect((await rows()).some((r) => r.target === 'tag')).toBe(false);
  });

  it('a tag Rota found already there is left in place (and reported), its row cleared', async () => {
    h = await startHarness(engine);
    h.graph.addTagByHand(TEAM, 'ops-oncall', ['bob@contoso.com']);
    await h.sync.reconcile(NOW);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com']); // adopted and kept in step
    await apply(CALENDAR_ONLY);
    h.graph.clearLog();
    const report = await h.sync.reconcile(LATER);
    expect(report.targets.find((r) => r.target === 'tag')!.planned.map((p) => p.action)).toEqual(['leave tag']);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['alice@contoso.com']);
    expect(h.graph.writes()).toEqual([]);
    expect(await h.stores.syncState.targets('ops')).toHaveLength(1);
  });

  it('rotation removed from the file (archived): both targets cleaned up, nothing of it left in sync_state', async () => {
    h = await startHarness(engine);
    await h.sync.reconcile(NOW);
    const other = parseRotationFile('rotations:\n  - { id: other, start: 2026-01-05, every: 1w, handoff: "Mon 12:00", members: [bob@contoso.com] }\n');
    if (!other.ok) throw new Error('bad file');
    await h.service.applyFile(other.value, { actor: 't', source: 'file', now: LATER });
    const report = await h.sync.reconcile(LATER);
    expect(report.targets.flatMap((r) => r.errors)).toEqual([]);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toBeUndefined();
    const left = h.graph.calendar(MAILBOX, 'On call')!.events.filter(rotaKey);
    expect(left).toHaveLength(1); // the running segment: history
    expect(await rows()).toEqual([]);
  });
});
