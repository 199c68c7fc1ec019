import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { MS_PER_MINUTE } from '../rotation/localDate.js';
import type { GraphClient } from './graph/GraphClient.js';
import type { SyncSettings } from './SyncSettings.js';
import { syncOnce, type SyncOnceDeps } from './syncOnce.js';
import type { TargetReport } from './syncReport.js';
import type { InstallationReport } from './installations/InstallationSync.js';
import type { TeamOwnersRead } from './teamDirectory.js';
import type { OofReport } from './oof/OofSync.js';

export type { PlannedOp, TargetReport } from './syncReport.js';

export interface SyncReport {
  mode: SyncSettings['mode'];
  dryRun: boolean;
  /** False when another replica holds the sync lease, so this one did nothing. */
  ran: boolean;
  /** Where the remote state came from: Graph itself, or what Rota last wrote (dry-run). */
  remoteState: 'graph' | 'last-written';
  targets: TargetReport[];
  /** The owners read per team a rotation names (team owners are the rotations' admins in chat). */
  teamOwners: TeamOwnersRead;
  /** Teams named by a thread id whose group id Rota has not learned: not synced (teamResolution.ts). */
  unresolvedTeams: string[];
  /** Proactive installation's outcome (live runs with a bot app id only). */
  installations?: InstallationReport;
  /** Outlook out-of-office blocks read and the questions found (a dry-run reads none, and says so). */
  oof?: OofReport;
  requests: number;
}

export interface SyncJobOptions extends SyncOnceDeps {
  mode: SyncSettings['mode'];
  log: Logger;
  clock: () => number;
  /** Absent in dry-run mode. */
  graph?: GraphClient;
  /** A per-process id for the lease. */
  holder?: string;
  leaseTtlMs?: number;
}

const LEASE = 'sync';

/**
 * The reconcile job: only the holder of the 'sync' lease writes, runs never overlap, and a change during a run
 * causes one more (with the clock's time then). The reconcile itself is syncOnce: read, plan, apply, record.
 */
export class SyncJob {
  readonly holder: string;
  private running: Promise<SyncReport> | undefined;
  private again = false;
  private debounce: NodeJS.Timeout | undefined;
  private readonly ownerListeners: Array<() => void> = [];

  constructor(private readonly options: SyncJobOptions) {
    this.holder = options.holder ?? `rota-${process.pid}-${randomUUID().slice(0, 8)}`;
  }

  /** Called after a reconcile wrote the team owners (the chat caches them as admins). */
  onTeamOwnersStored(listener: () => void): void {
    this.ownerListeners.push(listener);
  }

  get mode(): SyncSettings['mode'] {
    return this.options.mode;
  }

  /** A reconcile soon (debounced), e.g. after a change made in the bot. */
  requestSoon(delayMs = 250): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.reconcile(this.options.clock()).catch((err: unknown) => this.options.log.error({ err }, 'sync after a change failed'));
    }, delayMs);
    this.debounce.unref?.();
  }

  cancelPending(): void {
    clearTimeout(this.debounce);
  }

  /** Gives the sync lease up (one-shot runs, shutdown), so another process need not wait for it to expire. */
  async release(now: number): Promise<void> {
    await this.options.stores.leases.release(LEASE, this.holder, now);
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
    if (this.again) return this.reconcile(this.options.clock(), options);
    return report;
  }

  private async run(now: number, { dryRun = false }: { dryRun?: boolean }): Promise<SyncReport> {
    const { log, mode, stores } = this.options;
    const graph = dryRun ? undefined : this.options.graph; // no client at all in dry-run mode
    const before = graph?.requestCount ?? 0;
    const report = { mode, dryRun: !graph, ran: true, remoteState: graph ? ('graph' as const) : ('last-written' as const) };
    if (graph && !(await stores.leases.tryAcquire(LEASE, this.holder, this.options.leaseTtlMs ?? 5 * MS_PER_MINUTE, now))) {
      log.info({ holder: await stores.leases.holderOf(LEASE, now) }, 'sync skipped: another replica holds the sync lease');
      return { ...report, ran: false, targets: [], teamOwners: [], unresolvedTeams: [], requests: 0 };
    }
    const ownersStored = () => this.ownerListeners.forEach((listener) => listener());
    const { targets, teamOwners, unresolvedTeams, installations, oof } = await syncOnce({ ...this.options, ownersStored }, graph, now);
    const summary = targets.map((r) => ({ rotation: r.rotationId, target: r.target, planned: r.planned.length, written: r.written, errors: r.errors.length }));
    const requests = (graph?.requestCount ?? 0) - before;
    if (graph) log.info({ targets: summary, requests }, 'sync reconciled');
    else {
      // The plan repeats at every reconcile (every 15 minutes by default) and runs to hundreds of lines: debug only.
      log.debug({ mode, plan: targets.flatMap((r) => r.planned.map((p) => ({ rotation: r.rotationId, ...p }))) }, 'sync dry-run: changes it would make (against what Rota last wrote)');
      log.info({ mode, targets: summary }, 'sync dry-run: nothing written (the plan is logged at debug; `npm run rota -- sync --dry-run` prints it)');
    }
    return { ...report, targets, teamOwners, unresolvedTeams, requests, ...(installations ? { installations } : {}), ...(oof ? { oof } : {}) };
  }
}
