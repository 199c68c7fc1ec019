import type { ChatRotationSaved, RotationStore } from '../../db/rotations/RotationStore.js';
import type { TeamOwnerStore } from '../../db/teamOwners/TeamOwnerStore.js';
import type { Change, ChangeContext, DesiredRotation, StoredRotation, StoredState } from '../../db/types.js';
import type { RotationFile } from '../../rotation/file.js';
import type { ScheduleInput } from '../../rotation/schedule.js';
import { nextHandoffAfter } from '../../rotation/shiftBoundaries.js';
import { desiredFromFile, historyFromStored, scheduleFromStored } from './state.js';

/** Who made a change, and what it was about (no secrets: e-mail addresses, rotation ids, instants). */
export type ChangeDetail = { actor: string; rotation?: string } & Record<string, string | number | boolean | undefined>;

/**
 * The one place that joins the database and the rotation core. The schedule input and the team owners are
 * cached and dropped after every change this process makes; the owners also when the sync stores them.
 */
export class RotaService {
  private readonly store: RotationStore;
  private readonly owners: TeamOwnerStore;
  private cached: Promise<{ state: StoredState; schedule: ScheduleInput }> | undefined;
  private cachedOwners: Promise<Map<string, string[]>> | undefined;
  private readonly listeners: Array<(reason: string) => void> = [];
  private readonly recorders: Array<(what: string, detail: ChangeDetail) => void> = [];

  constructor(stores: { rotations: RotationStore; teamOwners: TeamOwnerStore }) {
    this.store = stores.rotations;
    this.owners = stores.teamOwners;
  }

  /** Team id → its owners' e-mail addresses and UPNs as the Graph sync last stored them (cached like the snapshot). */
  teamOwners(): Promise<Map<string, string[]>> {
    this.cachedOwners ??= this.owners.emailsByTeam();
    this.cachedOwners.catch(() => (this.cachedOwners = undefined));
    return this.cachedOwners;
  }

  /** The sync stored team owners (owners change in Teams): read them again, but re-plan nothing. */
  teamOwnersChanged(): void {
    this.cachedOwners = undefined;
  }

  /** Called after every change this process makes (re-plan handoff jobs, reconcile the sync, …). */
  onChanged(listener: (reason: string) => void): void {
    this.listeners.push(listener);
  }

  /** Called for every change a person makes, with who and what (the log's "change recorded" lines). */
  onRecorded(recorder: (what: string, detail: ChangeDetail) => void): void {
    this.recorders.push(recorder);
  }

  /** A change that does not move the schedule (a swap proposed or declined, reminders): told, not re-planned. */
  recorded(what: string, detail: ChangeDetail): void {
    for (const recorder of this.recorders) recorder(what, detail);
  }

  /** Drops the cached schedule and tells the listeners; call after writing through another store. */
  changed(reason: string, detail?: ChangeDetail): void {
    this.cached = undefined;
    this.cachedOwners = undefined;
    if (detail) this.recorded(reason, detail);
    for (const listener of this.listeners) listener(reason);
  }

  /** The stored state and the rotation core's input built from it (cached until the next change). */
  snapshot(): Promise<{ state: StoredState; schedule: ScheduleInput }> {
    this.cached ??= this.store.load().then((state) => ({ state, schedule: scheduleFromStored(state) }));
    this.cached.catch(() => (this.cached = undefined));
    return this.cached;
  }

  async applyFile(file: RotationFile, ctx: ChangeContext, dryRun = false): Promise<Change[]> {
    const changes = await this.store.applyDesired(desiredFromFile(file), ctx, {
      dryRun,
      effectiveFrom: atNextHandoff(ctx.now),
    });
    if (!dryRun && changes.length > 0) this.changed('rotation file applied');
    return changes;
  }

  /** A rotation made or edited in chat (`setup`); an edit takes effect at the next handoff, as a file edit does. */
  saveChatRotation(next: DesiredRotation, ctx: ChangeContext): Promise<ChatRotationSaved> {
    return this.store.saveChatRotation(next, ctx, { effectiveFrom: atNextHandoff(ctx.now) });
  }
}

/** A roster or rule edit takes effect at the next handoff, so the shift in progress is never rewritten. */
function atNextHandoff(now: number): (current: StoredRotation) => number {
  return (current) => nextHandoffAfter(historyFromStored(current), now);
}
