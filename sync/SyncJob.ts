import { randomUUID } from 'node:crypto';
import type { Logger } from '../app/root/logger.js';
import type { LeaseStore } from '../db/leases/LeaseStore.js';
import type { SubscriptionStore } from '../db/subscriptions/SubscriptionStore.js';
import type { SyncStateStore, TargetState } from '../db/sync/SyncStateStore.js';
import type { TeamOwnerStore } from '../db/teamOwners/TeamOwnerStore.js';
import type { StoredState } from '../db/types.js';
import type { ScheduleInput, Segment } from '../rotation/schedule.js';
import { MS_PER_DAY, MS_PER_MINUTE } from '../rotation/localDate.js';
import { messageOf } from '../rotation/messageOf.js';
import { segmentsBetween } from '../rotation/segmentsBetween.js';
import { z } from 'zod';
import { applyEventOps, calendarKey, ensureCalendar, parseEvents } from './CalendarSync.js';
import type { GraphApi } from './GraphApi.js';
import type { GraphMode } from './graphClient.js';
import { desiredEvent, eventsQuery, personalEvent, planEvents, planTag, READ_MARGIN_MS, ROTATION_PROPERTY, type EventOp, type RemoteEvent, type RemoteTagMember, type TagIdentity } from './syncPlan.js';
import { describeEventOp, describeTagPlan, emptyReport, tagDrift, type TargetReport } from './syncReport.js';
import { taggedRotations, targetsOf, type CalendarPlanInput, type PersonalInput } from './syncTargets.js';
import { applyTagPlan, findTag, membersUrl, parseMembers, resolveIdentities, tagKey, type TagTarget } from './TagSync.js';
import { readChannelKinds, readTeamOwners, type TeamOwnersRead } from './teamDirectory.js';

export type { PlannedOp, TargetReport } from './syncReport.js';

export interface SyncReport {
  mode: GraphMode;
  dryRun: boolean;
  /** False when another replica holds the sync lease, so this one did nothing. */
  ran: boolean;
  /** Where the remote state came from: Graph itself, or what Rota last wrote (dry-run). */
  remoteState: 'graph' | 'last-written';
  targets: TargetReport[];
  /** The owners read per team a rotation names (team owners are the rotations' admins in chat). */
  teamOwners: TeamOwnersRead;
  requests: number;
}

/** The stores the sync reads and writes, by their ports. */
export interface SyncStores {
  syncState: SyncStateStore;
  leases: LeaseStore;
  teamOwners: TeamOwnerStore;
  subscriptions: SubscriptionStore;
}

export interface SyncJobOptions {
  mode: GraphMode;
  log: Logger;
  stores: SyncStores;
  snapshot(): Promise<{ state: StoredState; schedule: ScheduleInput }>;
  /** Absent in dry-run mode. */
  api?: GraphApi;
  horizonMs: number;
  /** A per-process id for the lease. */
  holder?: string;
  leaseTtlMs?: number;
}

const LEASE = 'sync';

/**
 * One reconcile: read what should be (the rotation core) and what is (Graph), plan the difference, write only
 * that. Only the holder of the 'sync' lease writes. Runs never overlap; a change during a run causes one more.
 */
export class SyncJob {
  private readonly store: SyncStateStore;
  private readonly leases: LeaseStore;
  private readonly owners: TeamOwnerStore;
  private readonly chat: SubscriptionStore;
  readonly holder: string;
  private running: Promise<SyncReport> | undefined;
  private again = false;
  private debounce: NodeJS.Timeout | undefined;
  private readonly ownerListeners: Array<() => void> = [];

  constructor(private readonly options: SyncJobOptions) {
    this.store = options.stores.syncState;
    this.leases = options.stores.leases;
    this.owners = options.stores.teamOwners;
    this.chat = options.stores.subscriptions;
    this.holder = options.holder ?? `rota-${process.pid}-${randomUUID().slice(0, 8)}`;
  }
  /** The stretch of a calendar Rota reads and manages: from a little before now to the horizon. */
  private readWindow(now: number): { start: number; end: number } {
    return { start: now - READ_MARGIN_MS, end: now + this.options.horizonMs };
  }


  /** Called after a reconcile wrote the team owners (the chat caches them as admins). */
  onTeamOwnersStored(listener: () => void): void {
    this.ownerListeners.push(listener);
  }

  get mode(): GraphMode {
    return this.options.mode;
  }

  /** A reconcile soon (debounced), e.g. after a change made in the bot. */
  requestSoon(now: () => number, delayMs = 250): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.reconcile(now()).catch((err: unknown) => this.options.log.error({ err }, 'sync after a change failed'));
    }, delayMs);
    this.debounce.unref?.();
  }

  cancelPending(): void {
    clearTimeout(this.debounce);
  }

  /** Gives the sync lease up (one-shot runs, shutdown), so another process need not wait for it to expire. */
  async release(now: number): Promise<void> {
    await this.leases.release(LEASE, this.holder, now);
  }

  /** Serialised: a call during a run waits for it and then runs once more (changes are never missed). */
  async reconcile(now: number, options: { dryRun?: boolean } = {}): Promise<SyncReport> {
    if (this.running) {
      this.again = true;
      await this.running.catch(() => undefined);
      if (this.running) return this.running;
    }
    this.again = false;
    this.running = this.run(now, options).finally(() => (this.running = undefined));
    const report = await this.running;
    if (this.again) return this.reconcile(Date.now(), options);
    return report;
  }

  /** The instants at which the tag's members change next, per rotation (for the handoff jobs). */
  async nextBoundaries(now: number): Promise<Map<string, number>> {
    const { state, schedule } = await this.options.snapshot();
    const out = new Map<string, number>();
    const synced = taggedRotations(state);
    for (const s of segmentsBetween(schedule, now, now + 8 * MS_PER_DAY)) {
      if (!synced.has(s.rotation)) continue;
      for (const t of [s.start, s.end]) if (t > now && t < (out.get(s.rotation) ?? Infinity)) out.set(s.rotation, t);
    }
    return out;
  }

  private async run(now: number, { dryRun = false }: { dryRun?: boolean }): Promise<SyncReport> {
    const { log, api } = this.options;
    const planOnly = dryRun || this.options.mode === 'dry-run' || !api;
    const before = api?.requestCount ?? 0;
    if (!planOnly && !(await this.leases.tryAcquire(LEASE, this.holder, this.options.leaseTtlMs ?? 5 * MS_PER_MINUTE, now))) {
      log.info({ holder: await this.leases.holderOf(LEASE, now) }, 'sync skipped: another replica holds the sync lease');
      return { mode: this.options.mode, dryRun: planOnly, ran: false, remoteState: 'graph', targets: [], teamOwners: [], requests: 0 };
    }
    const { state, schedule } = await this.options.snapshot();
    const { tags, calendars, personal } = targetsOf(state, schedule, now);
    // The segments that have not ended, computed once for the shared and the personal calendars.
    const coming = calendars.length || personal.length ? segmentsBetween(schedule, now, now + this.options.horizonMs).filter((s) => s.end > now) : [];
    let reports: TargetReport[];
    let teamOwners: TeamOwnersRead = [];
    if (planOnly) reports = await this.planFromLastWritten(tags, calendars, state, coming, now);
    else {
      // Everyone of a synced rotation, resolved once (then cached): tag members by id, event subjects by name.
      const synced = new Set([...tags.map((t) => t.rotationId), ...calendars.map((c) => c.target.rotationId)]);
      const people = await resolveIdentities(api, this.store, [
        ...state.rotations.filter((r) => synced.has(r.id)).flatMap((r) => r.members),
        ...state.overrides.filter((o) => synced.has(o.rotationId)).map((o) => o.member),
        ...tags.flatMap((t) => t.onDuty),
      ]);
      // Clean-up first: a calendar that moved must lose the old event rows before the new calendar writes its own.
      const removed = await this.cleanUpRemoved(api, tags, calendars, personal, now);
      reports = [
        ...removed,
        ...(await this.syncTags(api, tags, people, now)),
        ...(await this.syncCalendars(api, calendars, state, coming, now)),
        ...(await this.syncPersonal(api, personal, coming, now)),
      ];
      try {
        teamOwners = await readTeamOwners(api, this.owners, log, state, now);
      } finally {
        for (const listener of this.ownerListeners) listener();
      }
      await readChannelKinds(api, { sync: this.store, chat: this.chat }, log, state, now);
    }
    const report: SyncReport = {
      mode: this.options.mode,
      dryRun: planOnly,
      ran: true,
      remoteState: planOnly ? 'last-written' : 'graph',
      targets: reports,
      teamOwners,
      requests: (api?.requestCount ?? 0) - before,
    };
    const summary = reports.map((r) => ({ rotation: r.rotationId, target: r.target, planned: r.planned.length, written: r.written, errors: r.errors.length }));
    // The plan repeats at every reconcile (every 15 minutes by default) and runs to hundreds of lines: debug only.
    if (planOnly) log.debug({ mode: this.options.mode, plan: reports.flatMap((r) => r.planned.map((p) => ({ rotation: r.rotationId, ...p }))) }, 'sync dry-run: changes it would make (against what Rota last wrote)');
    if (planOnly) log.info({ mode: this.options.mode, targets: summary }, 'sync dry-run: nothing written (the plan is logged at debug; `npm run rota -- sync --dry-run` prints it)');
    else log.info({ targets: summary, requests: report.requests }, 'sync reconciled');
    return report;
  }

  // ---- tags --------------------------------------------------------------------------------------------

  private async syncTags(api: GraphApi, tags: TagTarget[], people: Awaited<ReturnType<typeof resolveIdentities>>, now: number): Promise<TargetReport[]> {
    if (tags.length === 0) return [];
    const { ids, unknown } = people;
    const labels = new Map([...ids].map(([email, v]) => [v.objectId.toLowerCase(), email]));
    const states = await Promise.all(tags.map((t) => this.store.target(t.rotationId, 'tag', tagKey(t))));
    const tagIds = new Map<TagTarget, string | undefined>();
    for (const [i, t] of tags.entries()) {
      let id = states[i]?.remoteId;
      if (!id) id = await findTag(api, t.team, t.name).catch(() => undefined);
      tagIds.set(t, id);
    }
    // One read per tag, batched: the members now.
    const withId = tags.filter((t) => tagIds.get(t));
    const reads = await api.batch(withId.map((t) => ({ method: 'GET' as const, url: `${membersUrl(t.team, tagIds.get(t)!)}?$top=100` })));
    const remote = new Map<TagTarget, RemoteTagMember[] | Error>();
    for (const [i, t] of withId.entries()) {
      const r = reads[i]!;
      if (r.status === 404) tagIds.set(t, undefined); // deleted by hand: create it again
      else if (r.error) remote.set(t, r.error);
      else remote.set(t, parseMembers(await api.all(membersUrl(t.team, tagIds.get(t)!), r.body), labels));
    }
    const reports: TargetReport[] = [];
    for (const [i, t] of tags.entries()) {
      const report = emptyReport(t.rotationId, 'tag', tagKey(t));
      reports.push(report);
      try {
        const current = remote.get(t);
        if (current instanceof Error) throw current;
        const desired: TagIdentity[] = [];
        for (const email of t.onDuty) {
          const id = ids.get(email.toLowerCase());
          if (id) desired.push({ id: id.objectId, label: email });
          else report.errors.push(unknown.get(email.toLowerCase()) ?? `${email}: not resolved`);
        }
        const plan = planTag(desired, current ?? []);
        const lastWritten = (states[i]?.written.members as TagIdentity[] | undefined) ?? undefined;
        if (current && lastWritten) report.drift = tagDrift(lastWritten, current);
        if (report.drift.length) this.options.log.warn({ rotation: t.rotationId, tag: t.name, drift: report.drift }, 'tag changed by hand: repairing');
        report.planned = describeTagPlan(plan, !tagIds.get(t));
        const outcome = await applyTagPlan(api, this.options.log, t, tagIds.get(t), plan);
        report.written = outcome.written;
        report.errors.push(...outcome.errors);
        await this.store.saveTarget(
          t.rotationId,
          'tag',
          tagKey(t),
          {
            remoteId: outcome.tagId ?? null,
            // The id of a tag Rota made itself: only such a tag is deleted when the rotation stops syncing it.
            written: { members: desired, ...(outcome.created && outcome.tagId ? { createdTagId: outcome.tagId } : {}) },
            ok: report.errors.length === 0,
            pending: outcome.pending,
            ...(report.errors.length ? { error: report.errors.join('; ') } : {}),
          },
          now,
        );
      } catch (err) {
        report.errors.push(messageOf(err));
        await this.store.saveTarget(t.rotationId, 'tag', tagKey(t), { error: report.errors.join('; '), pending: Math.max(1, report.planned.length) }, now);
      }
    }
    return reports;
  }

  // ---- targets no longer synced -------------------------------------------------------------------------

  /**
   * A rotation that lost its tag or calendar (or was archived, or left the file) leaves nothing of Rota behind in
   * the future: its coming events are deleted by key (running and past ones are history), and a tag Rota created
   * itself is deleted. A tag Rota found already there (made by people, maybe used beyond Rota) is left as it is,
   * with a warning. The target's sync_state rows go once the clean-up succeeded; a failure is retried next time.
   */
  private async cleanUpRemoved(api: GraphApi, tags: TagTarget[], calendars: CalendarPlanInput[], personal: PersonalInput[], now: number): Promise<TargetReport[]> {
    const id = (rotationId: string, target: string, key: string) => `${rotationId}\u0000${target}\u0000${key}`;
    const live = new Set([
      ...tags.map((t) => id(t.rotationId, 'tag', tagKey(t))),
      ...calendars.map((c) => id(c.target.rotationId, 'calendar', calendarKey(c.target))),
      ...personal.map((p) => id(p.rotationId, 'personal', p.upn)),
    ]);
    const liveTags = new Set(tags.map(tagKey));
    const liveCalendars = new Set(calendars.map((c) => c.target.rotationId));
    const reports: TargetReport[] = [];
    for (const s of await this.store.targets()) {
      if (live.has(id(s.rotationId, s.target, s.key))) continue;
      const report = emptyReport(s.rotationId, s.target, s.key);
      reports.push(report);
      try {
        if (s.target === 'tag') await this.removeTag(api, s, liveTags.has(s.key), report);
        else if (s.remoteId) {
          const mailbox = s.target === 'personal' ? s.key : s.key.slice(0, s.key.indexOf('/'));
          await this.removeComingEvents(api, { rotationId: s.rotationId, mailbox, calendarId: s.remoteId }, now, report);
        }
        if (report.errors.length) {
          await this.store.saveTarget(s.rotationId, s.target, s.key, { error: `clean-up after the target was removed: ${report.errors.join('; ')}`, pending: 1 }, now);
          continue;
        }
        await this.store.deleteTarget(s.rotationId, s.target, s.key);
        if (s.target === 'calendar' && !liveCalendars.has(s.rotationId)) await this.store.deleteEvents(s.rotationId);
        this.options.log.info({ rotation: s.rotationId, target: s.target, key: s.key, done: report.planned }, 'sync target removed: cleaned up');
      } catch (err) {
        report.errors.push(messageOf(err));
        await this.store.saveTarget(s.rotationId, s.target, s.key, { error: report.errors.join('; '), pending: 1 }, now);
      }
    }
    return reports;
  }

  private async removeTag(api: GraphApi, s: TargetState, stillSynced: boolean, report: TargetReport): Promise<void> {
    const team = s.key.slice(0, s.key.indexOf('/'));
    const name = s.key.slice(s.key.indexOf('/') + 1);
    if (!s.remoteId || stillSynced) return; // never made, or another rotation keeps the same tag
    if (s.written.createdTagId !== s.remoteId) {
      report.planned.push({ action: 'leave tag', detail: `"${name}" in team ${team}: Rota did not create it` });
      this.options.log.warn({ rotation: s.rotationId, team, tag: name }, 'tag no longer synced and left in place: Rota found it already there, so people may use it; delete it in Teams if it is not needed');
      return;
    }
    report.planned.push({ action: 'delete tag', detail: `"${name}" in team ${team}` });
    try {
      await api.delete(`/teams/${encodeURIComponent(team)}/tags/${encodeURIComponent(s.remoteId)}`);
      report.written++;
    } catch (err) {
      if ((err as { status?: number }).status !== 404) report.errors.push(messageOf(err));
    }
  }

  /** Deletes Rota's events of a rotation that have not started yet, found by Rota's property (never another's event). */
  private async removeComingEvents(api: GraphApi, where: { rotationId: string; mailbox: string; calendarId: string | undefined }, now: number, report: TargetReport): Promise<void> {
    const url = eventsQuery(where.mailbox, where.calendarId, { property: ROTATION_PROPERTY, value: where.rotationId }, { start: now, end: now + this.options.horizonMs });
    let remote: RemoteEvent[];
    try {
      remote = parseEvents(await api.all(url)).filter((e) => e.start >= now);
    } catch (err) {
      if ((err as { status?: number }).status === 404) return; // the calendar or mailbox is gone: nothing left to clean
      throw err;
    }
    const ops: EventOp[] = remote.map((e) => ({ kind: 'delete', id: e.id, key: e.key, start: e.start, end: e.end, reason: 'vanished' }));
    report.planned.push(...ops.map(describeEventOp));
    const results = await applyEventOps(api, { rotationId: where.rotationId, mailbox: where.mailbox, name: '' }, where.calendarId ?? '', ops);
    for (const r of results) {
      if (r.ok) report.written++;
      else report.errors.push(r.error ?? 'failed');
    }
  }

  // ---- members' own calendars --------------------------------------------------------------------------------

  /**
   * `blockPersonalCalendars`: one "On interrupt duty" event per segment in each member's default calendar, kept
   * like the shared calendar (same keys and properties, bounded reads, minimal writes). Needs Calendars.ReadWrite
   * on those mailboxes; a mailbox Rota may not reach is reported for that person only.
   */
  private async syncPersonal(api: GraphApi, personal: PersonalInput[], coming: Segment[], now: number): Promise<TargetReport[]> {
    if (personal.length === 0) return [];
    const saved = await Promise.all(personal.map((p) => this.store.target(p.rotationId, 'personal', p.upn)));
    const calIds = new Map<PersonalInput, string>();
    const reports = new Map<PersonalInput, TargetReport>(personal.map((p) => [p, emptyReport(p.rotationId, 'personal', p.upn)]));
    const unknown = personal.filter((p, i) => {
      if (saved[i]?.remoteId) calIds.set(p, saved[i]!.remoteId!);
      return !saved[i]?.remoteId;
    });
    const found = await api.batch(unknown.map((p) => ({ method: 'GET' as const, url: `/users/${encodeURIComponent(p.upn)}/calendar?$select=id` })));
    for (const [i, r] of found.entries()) {
      const p = unknown[i]!;
      if (r.error) reports.get(p)!.errors.push(`${p.upn}'s own calendar cannot be reached (no mailbox, or outside the mailboxes Rota may write): ${r.error.message}`);
      else calIds.set(p, z.object({ id: z.string() }).parse(r.body).id);
    }
    const readable = personal.filter((p) => calIds.has(p));
    const window = this.readWindow(now);
    const query = (p: PersonalInput) => eventsQuery(p.upn, calIds.get(p)!, { property: ROTATION_PROPERTY, value: p.rotationId }, window);
    const reads = await api.batch(readable.map((p) => ({ method: 'GET' as const, url: query(p) })));
    for (const [i, p] of readable.entries()) {
      const report = reports.get(p)!;
      const r = reads[i]!;
      try {
        if (r.status === 404) {
          await this.store.saveTarget(p.rotationId, 'personal', p.upn, { remoteId: null, error: 'calendar not found; looked up again on the next reconcile', pending: 1 }, now);
          report.errors.push(`${p.upn}'s calendar not found; looked up again on the next reconcile`);
          continue;
        }
        if (r.error) throw r.error;
        const remote = parseEvents(await api.all(query(p), r.body));
        const desired = coming
          .filter((s) => s.rotation === p.rotationId && s.members.some((m) => m.toLowerCase() === p.upn))
          .map((s) => personalEvent(s, { rotationId: p.rotationId, rotationName: p.rotationName, timezone: p.timezone }));
        const ops = planEvents(desired, remote, now);
        report.planned.push(...ops.map(describeEventOp));
        const results = await applyEventOps(api, { rotationId: p.rotationId, mailbox: p.upn, name: '' }, calIds.get(p)!, ops);
        for (const res of results) {
          if (res.ok) report.written++;
          else report.errors.push(res.error ?? 'failed');
        }
        const failed = results.filter((x) => !x.ok).length;
        await this.store.saveTarget(p.rotationId, 'personal', p.upn, { remoteId: calIds.get(p)!, ok: failed === 0, pending: failed, ...(failed ? { error: report.errors.join('; ') } : {}) }, now);
      } catch (err) {
        report.errors.push(messageOf(err));
      }
    }
    for (const p of personal) {
      const report = reports.get(p)!;
      if (report.errors.length && report.written === 0) await this.store.saveTarget(p.rotationId, 'personal', p.upn, { error: report.errors.join('; '), pending: Math.max(1, report.planned.length) }, now);
    }
    return [...reports.values()];
  }

  // ---- calendars ------------------------------------------------------------------------------------------

  private async syncCalendars(api: GraphApi, calendars: CalendarPlanInput[], state: StoredState, coming: Segment[], now: number): Promise<TargetReport[]> {
    if (calendars.length === 0) return [];
    const calIds = new Map<CalendarPlanInput, string>();
    const reports = new Map<CalendarPlanInput, TargetReport>();
    const saved = await Promise.all(calendars.map((c) => this.store.target(c.target.rotationId, 'calendar', calendarKey(c.target))));
    for (const [i, c] of calendars.entries()) {
      const report = emptyReport(c.target.rotationId, 'calendar', calendarKey(c.target));
      reports.set(c, report);
      try {
        const remoteId = saved[i]?.remoteId;
        if (remoteId) calIds.set(c, remoteId);
        else {
          const { id, created } = await ensureCalendar(api, c.target);
          if (created) {
            report.planned.push({ action: 'create calendar', detail: `"${c.target.name}" in ${c.target.mailbox}` });
            report.written++;
          }
          calIds.set(c, id);
        }
      } catch (err) {
        report.errors.push(messageOf(err));
      }
    }
    const readable = calendars.filter((c) => calIds.has(c));
    // Only the window Rota manages is read: events that ended before it are history and never touched.
    const window = this.readWindow(now);
    const query = (c: CalendarPlanInput) => eventsQuery(c.target.mailbox, calIds.get(c)!, { property: ROTATION_PROPERTY, value: c.target.rotationId }, window);
    const reads = await api.batch(readable.map((c) => ({ method: 'GET' as const, url: query(c) })));
    const names = await this.displayNames(state);
    for (const [i, c] of readable.entries()) {
      const report = reports.get(c)!;
      const r = reads[i]!;
      try {
        if (r.status === 404) {
          // The calendar was deleted by hand: find or create it again on the next run.
          await this.store.saveTarget(c.target.rotationId, 'calendar', calendarKey(c.target), { remoteId: null, error: 'calendar not found; it is recreated on the next reconcile', pending: 1 }, now);
          report.errors.push('calendar not found (deleted?); recreated on the next reconcile');
          continue;
        }
        if (r.error) throw r.error;
        const remote = parseEvents(await api.all(query(c), r.body));
        const desired = await this.desiredEvents(c, coming, names);
        const ops = planEvents(desired, remote, now);
        report.planned.push(...ops.map(describeEventOp));
        const results = await applyEventOps(api, c.target, calIds.get(c)!, ops);
        for (const res of results) {
          if (!res.ok) {
            report.errors.push(res.error ?? 'failed');
            continue;
          }
          report.written++;
          if (res.op.kind === 'delete') await this.store.deleteEvent(c.target.rotationId, res.op.key);
          else await this.store.saveEvent(c.target.rotationId, { key: res.op.event.key, remoteId: res.id!, written: { hash: res.op.event.hash, start: res.op.event.start, end: res.op.event.end, subject: res.op.event.subject } }, now);
        }
        const failed = results.filter((x) => !x.ok).length;
        await this.store.saveTarget(c.target.rotationId, 'calendar', calendarKey(c.target), {
          remoteId: calIds.get(c)!,
          ok: failed === 0,
          pending: failed,
          ...(failed ? { error: report.errors.join('; ') } : {}),
        }, now);
      } catch (err) {
        report.errors.push(messageOf(err));
        await this.store.saveTarget(c.target.rotationId, 'calendar', calendarKey(c.target), { error: report.errors.join('; '), pending: 1 }, now);
      }
    }
    for (const c of calendars) {
      if (!calIds.has(c)) await this.store.saveTarget(c.target.rotationId, 'calendar', calendarKey(c.target), { error: reports.get(c)!.errors.join('; '), pending: 1 }, now);
    }
    return [...reports.values()];
  }

  private async desiredEvents(c: CalendarPlanInput, coming: Segment[], names: Map<string, string>) {
    const segments = coming.filter((s) => s.rotation === c.target.rotationId);
    const notes = new Map<number, string | undefined>();
    for (const s of segments.slice(0, 1)) notes.set(s.start, await this.store.latestNotes(c.target.rotationId, s.shiftStart));
    return segments.map((s) => desiredEvent(s, { rotationId: c.target.rotationId, rotationName: c.rotationName, timezone: c.timezone, names, notesBefore: (t) => notes.get(t) }));
  }

  private async displayNames(state: StoredState): Promise<Map<string, string>> {
    const emails = [...new Set(state.rotations.flatMap((r) => r.members))];
    const ids = await this.store.identities(emails);
    return new Map([...ids].filter(([, v]) => v.displayName).map(([email, v]) => [email, v.displayName!]));
  }

  // ---- dry-run -------------------------------------------------------------------------------------------

  /** Without Graph, the remote state is taken to be what Rota last wrote (sync_state). */
  private async planFromLastWritten(tags: TagTarget[], calendars: CalendarPlanInput[], state: StoredState, coming: Segment[], now: number): Promise<TargetReport[]> {
    const reports: TargetReport[] = [];
    const ids = await this.store.identities(tags.flatMap((t) => t.onDuty));
    for (const t of tags) {
      const saved = await this.store.target(t.rotationId, 'tag', tagKey(t));
      const desired = t.onDuty.map((e) => ({ id: ids.get(e.toLowerCase())?.objectId ?? e.toLowerCase(), label: e }));
      const last = ((saved?.written.members as TagIdentity[] | undefined) ?? []).map((m) => ({ ...m, memberId: m.id }));
      const planned = describeTagPlan(planTag(desired, last), !saved?.remoteId);
      reports.push({ ...emptyReport(t.rotationId, 'tag', tagKey(t)), planned });
      await this.store.saveTarget(t.rotationId, 'tag', tagKey(t), { pending: planned.length }, now); // for `status`
    }
    const names = await this.displayNames(state);
    for (const c of calendars) {
      const saved = await this.store.target(c.target.rotationId, 'calendar', calendarKey(c.target));
      const remote: RemoteEvent[] = (await this.store.events(c.target.rotationId)).map((e) => ({ id: e.remoteId, key: e.key, start: e.written.start, end: e.written.end, subject: e.written.subject, hash: e.written.hash }));
      const ops = planEvents(await this.desiredEvents(c, coming, names), remote, now);
      const planned = [...(saved?.remoteId ? [] : [{ action: 'create calendar' as const, detail: `"${c.target.name}" in ${c.target.mailbox} (unless it exists)` }]), ...ops.map(describeEventOp)];
      reports.push({ ...emptyReport(c.target.rotationId, 'calendar', calendarKey(c.target)), planned });
      await this.store.saveTarget(c.target.rotationId, 'calendar', calendarKey(c.target), { pending: planned.length }, now);
    }
    return reports;
  }
}
