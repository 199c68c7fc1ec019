import type { Logger } from 'pino';
import type { StoredState } from '../../db/types.js';
import { nextBoundaries } from '../../rotation/nextBoundaries.js';
import type { ScheduleInput } from '../../rotation/schedule.js';
import { taggedRotations } from '../../sync/syncTargets.js';
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
 * One job per rotation with a tag at its next tag change (a handoff or an override boundary), named
 * `sync:handoff:<rotation>`; each run reconciles and plans the next. Call the returned function again whenever
 * the schedule changes.
 */
export function syncHandoffPlanner({ sync, scheduler, snapshot, clock, log }: SyncHandoffOptions): () => Promise<void> {
  return oneShotPlanner(scheduler, {
    prefix: 'sync:handoff:',
    next: async () => {
      const { state, schedule } = await snapshot();
      return [...nextBoundaries(schedule, taggedRotations(state), clock())].map(([key, at]) => ({ key, at }));
    },
    run: async () => {
      await sync.reconcile(clock());
    },
    onError: (err) => log.error({ err }, 'could not plan the handoff sync jobs'),
  });
}
