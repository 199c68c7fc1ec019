import type { Scheduler } from './scheduler.js';

/** The next run of one job: `key` names it under the planner's prefix, `at` is the instant. */
export interface OneShot {
  key: string;
  at: number;
}

export interface OneShotPlan {
  /** The job names' prefix, e.g. `sync:handoff:` (one job per rotation under it). */
  prefix: string;
  /** The next instant of each job, computed afresh at every (re)plan. */
  next(): Promise<OneShot[]>;
  /** The work at that instant; the jobs are planned again right after it. */
  run(shot: OneShot): Promise<void>;
  /** Where a failed plan goes; without it the failure reaches the caller (at start-up) or the scheduler (after a run). */
  onError?(err: unknown): void;
}

/**
 * "Plan the next one-shot job" for jobs that run at exact instants (handoff posts, the tag sync at a handoff):
 * the returned function makes the scheduler's `prefix` jobs exactly `next()`, each one re-planning all of them
 * after its run. Call it at start-up and whenever the schedule changes.
 */
export function oneShotPlanner(scheduler: Pick<Scheduler, 'replan'>, plan: OneShotPlan): () => Promise<void> {
  const replan = async (): Promise<void> => {
    try {
      const shots = await plan.next();
      const work = (shot: OneShot) => async () => {
        await plan.run(shot);
        await replan();
      };
      scheduler.replan(plan.prefix, new Map(shots.map((shot) => [shot.key, { at: shot.at, work: work(shot) }])));
    } catch (err) {
      if (!plan.onError) throw err;
      plan.onError(err);
    }
  };
  return replan;
}
