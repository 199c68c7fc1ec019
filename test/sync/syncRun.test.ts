import { afterEach, describe, expect, it } from 'vitest';
import { MAILBOX, NOW, opsFile, PEOPLE, startHarness, TEAM, WEEK, type SyncHarness } from './syncHarness.js';

const EVERYTHING = `    tag: { team: "${TEAM}", name: ops-oncall }\n    calendar: { mailbox: ${MAILBOX}, name: On call }\n    blockPersonalCalendars: true`;
const SWAP = `overrides:
  - { rotation: ops, from: "2026-03-02T12:00", to: "2026-03-09T12:00", member: bob@contoso.com, replaces: alice@contoso.com }
  - { rotation: ops, from: "2026-03-09T12:00", to: "2026-03-16T12:00", member: alice@contoso.com, replaces: bob@contoso.com }`;

describe('one reconcile: read, plan, apply, record', () => {
  let h: SyncHarness;
  afterEach(() => h.stop());

  it('a tag lookup that fails stays a failure: reported and recorded, and no tag is created', async () => {
    h = await startHarness();
    h.graph.addTagByHand(TEAM, 'ops-oncall', ['bob@contoso.com']);
    // "Microsoft Graph error responses": 403 Forbidden when access is denied, e.g. TeamworkTag.Read.All not granted.
    h.graph.inject({ method: 'GET', path: /\/teams\/[^/]+\/tags$/ }, { kind: 'status', status: 403 }, 5);
    const report = await h.sync.reconcile(NOW);
    const tag = report.targets.find((r) => r.target === 'tag')!;
    expect(tag.errors).toHaveLength(1);
    expect(tag.errors[0]).toMatch(/^GET \/teams\/.+\/tags: 403 /);
    expect(tag.planned).toEqual([]);
    expect(h.graph.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/tags'))).toEqual([]);
    expect(h.graph.tagMembers(TEAM, 'ops-oncall')).toEqual(['bob@contoso.com']); // untouched
    const row = await h.stores.syncState.target('ops', 'tag', `${TEAM}/ops-oncall`);
    expect(row).toMatchObject({ lastError: tag.errors[0], pending: 1, errorAt: NOW });
    expect(row?.remoteId).toBeUndefined();
    // The calendar is not held up by the tag.
    expect(report.targets.find((r) => r.target === 'calendar')!.errors).toEqual([]);
  });

  it('a change during a run causes one more run, at the injected clock\'s time', async () => {
    const LATER = NOW + 3_600_000;
    h = await startHarness('sqlite', opsFile(), { clock: () => LATER });
    const first = h.sync.reconcile(NOW);
    const second = h.sync.reconcile(NOW);
    await Promise.all([first, second]);
    const row = await h.stores.syncState.target('ops', 'tag', `${TEAM}/ops-oncall`);
    expect(row?.syncedAt).toBe(LATER);
  });
});

describe('the dry-run covers every target kind and the clean-ups, with the live run\'s plan', () => {
  let h: SyncHarness;
  afterEach(() => h.stop());

  it('after a swap: the dry-run plan is what the live run then does, for the tag, the calendar and the own calendars', async () => {
    h = await startHarness('sqlite', opsFile(EVERYTHING));
    for (const p of PEOPLE) h.graph.addMailbox(p);
    expect((await h.sync.reconcile(NOW)).targets.flatMap((r) => r.errors)).toEqual([]);
    await h.service.applyFile(opsFile(EVERYTHING, SWAP), { actor: 't', source: 'file', now: NOW });
    h.graph.clearLog();
    const dry = await h.sync.reconcile(NOW, { dryRun: true });
    expect(h.graph.requests).toEqual([]);
    const live = await h.sync.reconcile(NOW);
    const plans = (r: typeof dry) => r.targets.map((t) => ({ target: t.target, key: t.key, planned: t.planned }));
    expect(plans(dry)).toEqual(plans(live));
    expect(plans(dry).filter((p) => p.planned.length).map((p) => `${p.target} ${p.key}: ${p.planned.map((o) => o.action).join(', ')}`)).toEqual([
      `tag ${TEAM}/ops-oncall: add member, remove member`,
      'calendar oncall@contoso.com/On call: update event, update event',
      // Own blocks are keyed by segment start: alice's moves from the week of 2 Mar to that of 9 Mar, bob's back.
      'personal alice@contoso.com: create event, delete event',
      'personal bob@contoso.com: create event, delete event',
    ]);
    expect(live.targets.flatMap((r) => r.errors)).toEqual([]);
  });

  it('a calendar and own calendars turned off: the dry-run lists their clean-ups as the live run does them', async () => {
    h = await startHarness('sqlite', opsFile(EVERYTHING));
    for (const p of PEOPLE) h.graph.addMailbox(p);
    await h.sync.reconcile(NOW - WEEK);
    await h.sync.reconcile(NOW);
    await h.service.applyFile(opsFile(`    tag: { team: "${TEAM}", name: ops-oncall }`), { actor: 't', source: 'file', now: NOW });
    const dry = await h.sync.reconcile(NOW, { dryRun: true });
    const live = await h.sync.reconcile(NOW);
    const plans = (r: typeof dry) => r.targets.map((t) => ({ target: t.target, key: t.key, planned: t.planned }));
    expect(plans(dry)).toEqual(plans(live));
    const deletes = (r: typeof dry, target: string) => r.targets.filter((t) => t.target === target).flatMap((t) => t.planned.map((p) => p.action));
    expect(deletes(dry, 'calendar')).toEqual(['delete event', 'delete event', 'delete event', 'delete event']);
    expect(deletes(dry, 'personal')).toEqual(['delete event', 'delete event', 'delete event', 'delete event']);
    expect(live.targets.flatMap((r) => r.errors)).toEqual([]);
  });
});
