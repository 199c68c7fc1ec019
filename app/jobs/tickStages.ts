import { messageOf } from '../../rotation/messageOf.js';

/** One stage of the minute tick that threw: which, for which rotation, and why. */
export interface StageFailure {
  stage: string;
  rotation?: string;
  error: string;
}

/** The minute tick ran every stage, but some failed (each was logged); the message names them all. */
export class TickStagesFailed extends Error {
  constructor(readonly failures: StageFailure[]) {
    super(`minute tick: ${failures.map((f) => `${f.stage}${f.rotation ? ` of ${f.rotation}` : ''} failed: ${f.error}`).join('; ')}`);
    this.name = 'TickStagesFailed';
  }
}

/**
 * The stages of one tick, each on its own: a stage that throws is logged with its name and rotation and the next
 * still runs; `finish` throws `TickStagesFailed` when any failed, so the scheduler records the job's error.
 */
export class TickStages {
  private readonly failures: StageFailure[] = [];

  constructor(private readonly log: { warn(o: object, m: string): void }) {}

  async run(stage: string, rotation: string | undefined, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (err) {
      const where = { stage, ...(rotation ? { rotation } : {}) };
      this.failures.push({ ...where, error: messageOf(err) });
      this.log.warn({ ...where, err: messageOf(err) }, 'a stage of the minute tick failed; the next stages still run');
    }
  }

  finish(): void {
    if (this.failures.length) throw new TickStagesFailed(this.failures);
  }
}
