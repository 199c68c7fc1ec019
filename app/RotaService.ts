import type { Knex } from '../db/connection.js';
import { KnexRotationStore } from '../db/KnexRotationStore.js';
import type { Change, ChangeContext, StoredState } from '../db/types.js';
import type { RotationFile } from '../rotation/file.js';
import type { ScheduleInput, Segment } from '../rotation/schedule.js';
import { segmentsBetween } from '../rotation/query.js';
import { nextHandoffAfter } from '../rotation/shiftBoundaries.js';
import { desiredFromFile, historyFromStored, scheduleFromStored } from './state.js';

const WEEK = 7 * 24 * 3_600_000;

export interface DutyAnswer {
  rotationId: string;
  name: string;
  now: Segment | undefined;
  next: Segment | undefined;
}

/**
 * The one place that joins the database and the rotation core. The schedule input is cached and dropped
 * after every change this process makes.
 */
export class RotaService {
  private readonly store: KnexRotationStore;
  private cached: Promise<{ state: StoredState; schedule: ScheduleInput }> | undefined;

  constructor(db: Knex) {
    this.store = KnexRotationStore.create(db);
  }

  private load(): Promise<{ state: StoredState; schedule: ScheduleInput }> {
    this.cached ??= this.store.load().then((state) => ({ state, schedule: scheduleFromStored(state) }));
    this.cached.catch(() => (this.cached = undefined));
    return this.cached;
  }

  async applyFile(file: RotationFile, ctx: ChangeContext, dryRun = false): Promise<Change[]> {
    const changes = await this.store.applyDesired(desiredFromFile(file), ctx, {
      dryRun,
      // A roster or rule edit takes effect at the next handoff, so the shift in progress is never rewritten.
      effectiveFrom: (current) => nextHandoffAfter(historyFromStored(current), ctx.now),
    });
    if (!dryRun && changes.length > 0) this.cached = undefined;
    return changes;
  }

  async rotationIds(): Promise<Array<{ id: string; name: string; timezone: string; members: string[] }>> {
    const { state } = await this.load();
    return state.rotations.map(({ id, name, timezone, members }) => ({ id, name, timezone, members }));
  }

  /** Who is on duty at `now` and who comes next, per rotation (or for one). */
  async who(now: number, rotationId?: string): Promise<DutyAnswer[]> {
    const { state, schedule } = await this.load();
    const rotations = state.rotations.filter((r) => !rotationId || r.id === rotationId);
    const segments = segmentsBetween(schedule, now, now + 8 * WEEK);
    return rotations.map((r) => {
      const mine = segments.filter((s) => s.rotation === r.id);
      const current = mine.find((s) => s.start <= now && now < s.end);
      const next = mine.find((s) => s.start >= (current?.end ?? now) && !sameMembers(s, current));
      return { rotationId: r.id, name: r.name, now: current, next };
    });
  }

  async segments(from: number, to: number): Promise<Segment[]> {
    const { schedule } = await this.load();
    return segmentsBetween(schedule, from, to);
  }
}

function sameMembers(a: Segment, b: Segment | undefined): boolean {
  return !!b && a.members.length === b.members.length && a.members.every((m, i) => m === b.members[i]);
}
