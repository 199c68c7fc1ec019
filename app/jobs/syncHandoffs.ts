import type { Logger } from 'pino';
import type { StoredState } from '../../db/types.js';
import { nextBoundaries } from '../../rotation/nextBoundaries.js';
import type { ScheduleInput } from '../../rotation/schedule.js';
import { nextTagHandoffs, taggedRotations } from '../../sync/syncTargets.js';
import { oneShotPlanner } from './oneShotPlanner.js';
import type { Scheduler } from './scheduler.js';

export interface SyncHandoffOptions {
  sync: { reconcile(now: number): Promise<unknown> };
  scheduler: Pick<Scheduler, 'replan'>;
  snapshot(): Promise<{ state: StoredState; schedule: ScheduleInput }>;
  clock: () => number;
  log: Logger;
}

/**
 * One job per rotation with a tag (its own, or a top-level one it is in) at its next tag change (a handoff, an
 * override or time-off boundary, an `hours` edge; for a `next` tag its next handoff), named
 * `sync:handoff:<rotation>`; each run reconciles and plans the next. Call the returned function again whenever
 * the schedule changes.
 */
export function syncHandoffPlanner({ sync, scheduler, snapshot, clock, log }: SyncHandoffOptions): () => Promise<void> {
  return oneShotPlanner(scheduler, {
    prefix: 'sync:handoff:',
    next: async () => {
      const { state, schedule } = await snapshot();
      const now = clock();
      const at = nextBoundaries(schedule, taggedRotations(state), now);
      // A `next` tag moves at the handoff itself, which need not be a segment's edge (`hours: 09:00-17:00`, handoff 08:00).
      for (const [id, handoff] of nextTagHandoffs(state, schedule, now)) at.set(id, Math.min(handoff, at.get(id) ?? Infinity));
      return [...at].map(([key, at]) => ({ key, at }));
    },
    run: async () => {
      await sync.reconcile(clock());
    },
    onError: (err) => log.error({ err }, 'could not plan the handoff sync jobs'),
  });
}
