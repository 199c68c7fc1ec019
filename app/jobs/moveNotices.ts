import type { LeaseStore } from '../../db/leases/LeaseStore.js';
import type { AuditedChange, NoticeMark, NoticeStore, SeenChange } from '../../db/notices/NoticeStore.js';
import type { StoredState } from '../../db/types.js';
import { dutyStretches } from '../../rotation/personMoves.js';
import { MS_PER_DAY as DAY, MS_PER_MINUTE as MINUTE } from '../../rotation/index.js';
import type { ScheduleInput } from '../../rotation/schedule.js';
import { deliverNotices, GIVE_UP_MS, STALE_NOTICE_MS, type MoveNoticeDelivery } from '../usecases/moveNoticeDelivery.js';
import { WIDEN_MS } from '../../rotation/personMoves.js';
import { overlapping, planMoveNotices } from '../usecases/moveNoticePlan.js';
import { changeParties, SwapCancelled } from '../usecases/moveNoticeParties.js';
import { RETRY_UNDELIVERED_MS } from './reminders.js';

const LEASE = 'move-notices';
const LEASE_TTL = 2 * MINUTE;
/** With no change at all, the stored stretches are still moved along once a day, so the window they cover never runs out. */
const REFRESH_MS = DAY;
/**
 * On PostgreSQL audit ids are handed out before commit, so a lower id can commit after a higher one was seen: the
 * audit rows written this long before the last run are read again (less those already taken into account).
 */
export const LOOKBACK_MS = 15 * MINUTE;

export interface MoveNoticeJobOptions {
  delivery: MoveNoticeDelivery;
  notices: NoticeStore;
  leases: LeaseStore;
  /** The stored state as it is in the database now (not a cache: a change may come from another process, `rota apply`). */
  load(): Promise<{ state: StoredState; schedule: ScheduleInput }>;
  horizonMs: number;
  /** A swap's two parties by its id: a cancelled swap's other party is told by the cancel itself (cancelNotices.ts). */
  swapParties?: (id: string) => Promise<string[]>;
}

/**
 * "Your shifts moved" (issue #13): after each change this process makes (`soon`) and every minute (for changes other
 * processes make), under a lease, every person's own stretches within the horizon are compared with those last made
 * known to them; one notice per person whose shifts moved is recorded in the same transaction as their new stretches
 * and the audit watermark, then the notices are sent, paced. The first run ever only records.
 */
export class MoveNoticeJobs {
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly o: MoveNoticeJobOptions) {}

  /** Runs `tick` after the one in progress (a change made here: its notices go out at once). */
  soon(now: number): Promise<void> {
    this.running = this.running.catch(() => undefined).then(() => this.tick(now));
    return this.running;
  }

  async tick(now: number): Promise<void> {
    if (!(await this.recordOnly(now))) return;
    await this.deliver(now);
  }

  /** Takes the lease and records a run (start-up awaits this, then delivers after serving): false without the lease. */
  async recordOnly(now: number): Promise<boolean> {
    if (!(await this.o.leases.tryAcquire(LEASE, this.o.delivery.holder, LEASE_TTL, now))) return false;
    await this.record(now);
    return true;
  }

  /** Sends what is due: new notices, failed ones, undelivered ones every RETRY_UNDELIVERED_MS for GIVE_UP_MS after the change. */
  async deliver(now: number): Promise<void> {
    const store = this.o.notices;
    await store.settleStaleSends(now - STALE_NOTICE_MS, now);
    await store.giveUp(now - GIVE_UP_MS, now);
    const due = [
      ...(await store.noticesIn('claimed', { updatedBefore: now - STALE_NOTICE_MS })),
      ...(await store.noticesIn('pending')),
      ...(await store.noticesIn('failed')),
      ...(await store.noticesIn('undelivered', { updatedBefore: now - RETRY_UNDELIVERED_MS, createdAfter: now - GIVE_UP_MS })),
    ];
    await deliverNotices(this.o.delivery, due.sort((a, b) => a.id - b.id), now - STALE_NOTICE_MS);
  }

  /** Resolves once the run in progress (if any) is done: stopping waits for it before closing the database. */
  idle(): Promise<void> {
    return this.running.catch(() => undefined);
  }

  /** Hands the lease back at shutdown. */
  release(now: number): Promise<void> {
    return this.o.leases.release(LEASE, this.o.delivery.holder, now);
  }

  /** Compares and records one run; nothing when no change was audited since the last (and the window is fresh). */
  private async record(now: number): Promise<void> {
    const store = this.o.notices;
    const from = await store.mark();
    const before = await this.unseen(from, now);
    if (from && before.length === 0 && now < from.runAt + REFRESH_MS) return;
    const { state, schedule } = await this.o.load();
    // A change committed while the state was read may or may not be in it: the next run takes it with its actor.
    const changes = await this.unseen(from, now);
    if (changes.map((c) => c.id).join() !== before.map((c) => c.id).join()) return;
    const windowEnd = now + this.o.horizonMs;
    const current = overlapping(dutyStretches(schedule, now - WIDEN_MS, windowEnd + WIDEN_MS), now, windowEnd);
    const members = [...new Set(state.rotations.flatMap((r) => r.versions.at(-1)?.definition.members ?? []))];
    const known = await store.known();
    const everyone = [...new Set([...current.map((m) => m.member), ...members, ...known.keys()])];
    const plan = planMoveNotices({ now, windowEnd, current, members, known, first: !from, changes: changeParties(changes, await this.cancelledSwaps(changes)), optedOut: await store.optedOut(everyone) });
    const lastAuditId = Math.max(from?.lastAuditId ?? (await store.latestAuditId()), ...changes.map((c) => c.id));
    const seen: SeenChange[] = [...(from?.seen ?? []), ...changes.map((c) => ({ id: c.id, at: c.at }))].filter((c) => c.at > now - LOOKBACK_MS);
    const batch = await store.recordRun({ from, lastAuditId, seen, runAt: now, windowEnd, known: plan.known, notices: plan.notices });
    if (batch !== undefined && plan.notices.length) this.o.delivery.log.info({ batch, notices: plan.notices.length, changes: changes.length }, 'shifts moved: notices recorded');
  }

  /** Audit rows not taken into account yet: after the mark's id, or within the look-back and not seen (the first run: the look-back's, to be marked seen). */
  private unseen(from: NoticeMark | undefined, now: number): Promise<AuditedChange[]> {
    return from ? this.o.notices.changesSince(from.lastAuditId, from.runAt - LOOKBACK_MS, from.seen) : this.o.notices.changesSince(Number.MAX_SAFE_INTEGER, now - LOOKBACK_MS, []);
  }

  /** The parties of each swap cancelled in `changes`, by swap id. */
  private async cancelledSwaps(changes: readonly AuditedChange[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const c of changes.filter((c) => c.action === 'swap.cancelled')) {
      const d = SwapCancelled.safeParse(c.detail);
      if (d.success && this.o.swapParties) out.set(d.data.swap, await this.o.swapParties(d.data.swap));
    }
    return out;
  }
}
