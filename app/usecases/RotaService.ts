import type { ApplyOptions, ChatRotationSaved, Preview, RotationStore } from '../../db/rotations/RotationStore.js';
import type { TeamOwnerStore } from '../../db/teamOwners/TeamOwnerStore.js';
import type { Change, ChangeContext, DesiredRotation, StoredRotation, StoredState } from '../../db/types.js';
import type { RotationFile } from '../../rotation/file.js';
import { rolloutFrom, rolloutMode } from '../../rotation/rollout.js';
import type { ScheduleInput } from '../../rotation/schedule.js';
import { desiredFromFile, scheduleFromStored } from './state.js';

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

  /** Each revised rotation takes effect by its roll-out (`effective` when its members change, else the next handoff). */
  async applyFile(file: RotationFile, ctx: ChangeContext, dryRun = false): Promise<Change[]> {
    const changes = await this.store.applyDesired(desiredFromFile(file), ctx, { dryRun, effectiveFrom: rollout(ctx.now) });
    if (!dryRun && changes.length > 0) this.changed('rotation file applied');
    return changes;
  }

  /** `apply --dry-run`: the same transaction as applyFile, rolled back, with the state before and after. */
  previewFile(file: RotationFile, ctx: ChangeContext): Promise<Preview<Change[]>> {
    return this.store.previewDesired(desiredFromFile(file), ctx, { effectiveFrom: rollout(ctx.now) });
  }

  /** A rotation made or edited in chat (`setup`); an edit rolls out as a file edit does. */
  saveChatRotation(next: DesiredRotation, ctx: ChangeContext): Promise<ChatRotationSaved> {
    return this.store.saveChatRotation(next, ctx, { effectiveFrom: rollout(ctx.now) });
  }

  /** The setup preview: saveChatRotation run and rolled back, with the state before and after. */
  previewChatRotation(next: DesiredRotation, ctx: ChangeContext): Promise<Preview<ChatRotationSaved>> {
    return this.store.previewChatRotation(next, ctx, { effectiveFrom: rollout(ctx.now) });
  }
}

/**
 * When an edit takes effect (rotation/rollout.ts): a change of members rolls out by the new definition's `effective`
 * (compared with the version in force now), any other edit at the next handoff, so a shift that has begun is only
 * ever cut by `effective: now`. The schedule is built once per state the store read.
 */
function rollout(now: number): ApplyOptions['effectiveFrom'] {
  const schedules = new WeakMap<StoredState, ScheduleInput>();
  return (current: StoredRotation, next: DesiredRotation, state: StoredState) => {
    let schedule = schedules.get(state);
    if (!schedule) schedules.set(state, (schedule = scheduleFromStored(state)));
    const inForce = current.versions.filter((v) => v.from <= now).at(-1)?.definition;
    return rolloutFrom(schedule, current.id, rolloutMode(inForce, next.definition), now);
  };
}
