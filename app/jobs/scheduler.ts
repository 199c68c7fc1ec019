import schedule from 'node-schedule';
import type { Logger } from 'pino';
import { messageOf } from '../../rotation/messageOf.js';

export interface JobStatus {
  name: string;
  lastStartedAt?: number;
  lastFinishedAt?: number;
  lastError?: string;
  nextRunAt?: number;
  running: boolean;
}

interface Entry {
  job: schedule.Job;
  work: () => Promise<void>;
  status: JobStatus;
  inFlight?: Promise<void>;
  /** One-shot jobs leave no next invocation once run; they do not count for isUp(). */
  oneShot?: boolean;
}

/**
 * node-schedule only says "now would be a good time"; the work itself decides what to do (and, with several
 * replicas, the database decides who does it). A job never overlaps itself, and stop() waits for runs in flight.
 */
export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private stopped = false;

  constructor(
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  /** `cron` is evaluated in UTC, so the server's own zone never matters. */
  register(name: string, cron: string, work: () => Promise<void>): void {
    if (this.stopped) throw new Error(`scheduler is stopped; cannot add job "${name}"`);
    if (this.entries.has(name)) throw new Error(`a job named "${name}" is already scheduled`);
    const job = schedule.scheduleJob(name, { rule: cron, tz: 'Etc/UTC' }, () => void this.run(name));
    if (!job) throw new Error(`job "${name}": the schedule "${cron}" never fires`);
    this.entries.set(name, { job, work, status: { name, running: false } });
  }

  /**
   * A one-shot job at an exact instant (a handoff). Re-planning with the same name replaces the earlier plan;
   * an instant already past runs at once.
   */
  once(name: string, at: number, work: () => Promise<void>): void {
    if (this.stopped) return;
    this.cancel(name);
    const when = new Date(Math.max(at, this.clock() + 10));
    const job = schedule.scheduleJob(name, when, () => {
      void this.run(name).finally(() => {
        const entry = this.entries.get(name);
        if (entry && entry.job === job) this.entries.delete(name);
      });
    });
    if (job) this.entries.set(name, { job, work, status: { name, running: false }, oneShot: true });
  }

  /**
   * Makes the one-shot jobs named `prefix` + key exactly `plan`: stale ones are cancelled, the rest (re)planned.
   * Handoff jobs are planned this way, one per rotation, and re-planned after every change and every run.
   */
  replan(prefix: string, plan: ReadonlyMap<string, { at: number; work: () => Promise<void> }>): void {
    for (const name of this.names(prefix)) if (!plan.has(name.slice(prefix.length))) this.cancel(name);
    for (const [key, { at, work }] of plan) this.once(`${prefix}${key}`, at, work);
  }

  /** Cancels a planned job; a run in flight finishes. */
  cancel(name: string): void {
    const entry = this.entries.get(name);
    if (!entry) return;
    entry.job.cancel();
    if (!entry.inFlight) this.entries.delete(name);
  }

  /** Names of the planned jobs, e.g. to re-plan every `handoff:*` job after a change. */
  names(prefix = ''): string[] {
    return [...this.entries.keys()].filter((n) => n.startsWith(prefix));
  }

  /** Runs a job now (also used at start-up); a run already in flight is joined, not duplicated. */
  run(name: string): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) return Promise.reject(new Error(`no job named "${name}"`));
    if (entry.inFlight) return entry.inFlight;
    if (this.stopped) return Promise.resolve();
    const { status } = entry;
    status.running = true;
    status.lastStartedAt = this.clock();
    entry.inFlight = entry
      .work()
      .then(() => {
        delete status.lastError;
      })
      .catch((err: unknown) => {
        status.lastError = messageOf(err);
        this.log.error({ err, job: name }, 'scheduled job failed');
      })
      .finally(() => {
        status.running = false;
        status.lastFinishedAt = this.clock();
        delete entry.inFlight;
      });
    return entry.inFlight;
  }

  isUp(): boolean {
    if (this.stopped || ![...this.entries.values()].some((e) => !e.oneShot)) return false;
    return [...this.entries.values()].filter((e) => !e.oneShot).every((e) => e.job.nextInvocation() !== null);
  }

  statuses(): JobStatus[] {
    return [...this.entries.values()].map(({ job, status }) => {
      const next = job.nextInvocation();
      return { ...status, ...(next ? { nextRunAt: next.getTime() } : {}) };
    });
  }

  /** Cancels future runs and waits for those in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const { job } of this.entries.values()) job.cancel();
    await Promise.all([...this.entries.values()].map((e) => e.inFlight));
  }
}
