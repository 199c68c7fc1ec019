import type { DutyRun, NewDutyRun } from '../../db/duties/DutyStore.js';
import { dutyOccurrences, MS_PER_HOUR as HOUR, MS_PER_MINUTE as MINUTE, type DutyOccurrence } from '../../rotation/index.js';
import { channelsOf, type ChatDeps, type RotationInfo, type Snapshot } from '../usecases/context.js';
import type { DutyCardData } from '../usecases/dutyCardData.js';
import type { DutyPoster } from '../usecases/dutyCards.js';
import { deliverDutyRun, redeliverDuties, stillOpen } from '../usecases/dutyDelivery.js';
import { RETRY_UNDELIVERED_MS } from './reminders.js';
import { CATCH_UP_MS, resumeStaleClaims, STALE_CLAIM_MS } from '../usecases/claims.js';
import { countsSince, dutiesSince } from '../usecases/dutySince.js';
import { onDutyFor } from '../usecases/onDuty.js';

/** Sent this long after its time: the card and the record say it is late (the minute tick is never this far behind). */
export const LATE_AFTER_MS = 5 * MINUTE;
/** How far back a tick looks for duties nobody dealt with: past the catch-up window they are recorded as missed. */
const LOOK_BACK_MS = CATCH_UP_MS + 18 * HOUR;
const NOT_RUNNING = 'Rota was not running at its time or in the 6 hours after';

export interface DutyJobOptions {
  deps: ChatDeps;
  poster: DutyPoster;
  holder: string;
  /** The time of each send: a delivery may outlast the tick's `now`, and its claim is refreshed as it goes. */
  clock: () => number;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

/**
 * Duty cards, from the minute tick (HandoffJobs.tick, which holds the posting lease). Each occurrence is claimed by
 * a unique insert before its card is sent, so it goes out once across restarts and replicas, and every claim ends
 * with a recorded outcome: posted, undelivered (with the reason; tried again every 15 minutes and when the person
 * next writes to Rota, while the duty is open) or, too late to send, missed.
 */
export class DutyJobs {
  constructor(private readonly o: DutyJobOptions) {}

  async tick(snap: Snapshot, now: number): Promise<void> {
    await this.resumeInterrupted(now);
    await this.bringBackSnoozed(now);
    // As reminders: the sync may have installed Rota for them since, or they may have written to it (then sooner).
    await redeliverDuties(this.o, this.o.holder, now, undefined, now - RETRY_UNDELIVERED_MS);
    const channels = await channelsOf(this.o.deps, snap.rotations);
    for (const rotation of snap.rotations.filter((r) => r.def.duties?.length)) {
      // Only occurrences from when their duty appeared: a duty added today was not missed yesterday (dutySince.ts).
      const stored = snap.state.rotations.find((r) => r.id === rotation.id);
      const counts = countsSince(stored ? dutiesSince(stored) : new Map());
      const due = dutyOccurrences({ id: rotation.id, timezone: rotation.timezone, duties: rotation.def.duties! }, now - LOOK_BACK_MS, now + 1).filter(counts);
      const runs = await this.o.deps.stores.duties.runs(due.map((o) => o.key));
      for (const occurrence of due.filter((o) => !runs.has(o.key))) {
        const channel = occurrence.post === 'channel' ? channels.get(rotation.id) : undefined;
        const run = newRun(snap, rotation, occurrence, channel, now);
        if (now - occurrence.at > CATCH_UP_MS) {
          if (await this.o.deps.stores.duties.recordMissed({ ...run, late: false }, NOT_RUNNING, now)) this.o.log.warn({ duty: run.key }, 'duty not sent: Rota was down past the catch-up window');
          continue;
        }
        if (await this.o.deps.stores.duties.claim(run, this.o.holder, now)) await this.deliver((await this.o.deps.stores.duties.run(run.key))!, now);
      }
    }
  }

  /** Sends a claimed run's card and records the outcome (app/usecases/dutyDelivery.ts). */
  private deliver(run: DutyRun, now: number): Promise<void> {
    return deliverDutyRun(this.o, run, this.o.holder, now);
  }

  /** Snoozed cards whose time has come: sent again, once (the take-back is a conditional update). */
  private async bringBackSnoozed(now: number): Promise<void> {
    for (const run of await this.o.deps.stores.duties.dueSnoozes(now)) {
      if (!(await this.o.deps.stores.duties.takeBackSnoozed(run.key, this.o.holder, now))) continue;
      if (stillOpen(run, now)) await this.deliver((await this.o.deps.stores.duties.run(run.key))!, now);
      else await this.o.deps.stores.duties.markPosted(run.key, 'the snooze ran out after the duty counted as missed', now);
    }
  }

  /**
   * A run left `claimed` by a Rota that stopped before sending it (or midway): sent now, to those without a copy from
   * this round, if still in time; else recorded.
   */
  private async resumeInterrupted(now: number): Promise<void> {
    const before = now - STALE_CLAIM_MS;
    const duties = this.o.deps.stores.duties;
    await resumeStaleClaims(await duties.staleClaims(before), (key) => duties.retakeStaleClaim(key, this.o.holder, before, now), async (run) => {
      // Read again once retaken: the copies recorded up to the take-over are the ones not to send twice.
      if (stillOpen(run, now)) await this.deliver((await duties.run(run.key))!, now);
      else await duties.markUndelivered(run.key, 'Rota stopped before sending it, and the duty now counts as missed', now);
    });
  }
}

function newRun(snap: Snapshot, rotation: RotationInfo, occurrence: DutyOccurrence, channel: { team: string; id: string } | undefined, now: number): NewDutyRun {
  const detail: DutyCardData = { occurrence, rotation: { id: rotation.id, name: rotation.name, timezone: rotation.timezone }, ...(channel ? { channel } : {}) };
  return { key: occurrence.key, rotationId: rotation.id, dueAt: occurrence.at, late: now - occurrence.at > LATE_AFTER_MS, assignees: onDutyFor(snap, rotation.id, occurrence.at), detail };
}

