import type { DutyCopy, DutyRun, NewDutyRun } from '../../db/duties/DutyStore.js';
import { dutyOccurrences, onDutyAt, segmentsBetween, MS_PER_DAY as DAY, MS_PER_HOUR as HOUR, MS_PER_MINUTE as MINUTE, type DutyOccurrence } from '../../rotation/index.js';
import { messageOf } from '../../rotation/messageOf.js';
import { channelsOf, type ChatDeps, type RotationInfo, type Snapshot } from '../usecases/context.js';
import { PersonUnreachable } from '../usecases/conversations.js';
import { DutyCardData } from '../usecases/dutyCardData.js';
import { dutyCardView, type DutyPoster } from '../usecases/dutyCards.js';
import { DUTY_CATCH_UP_MS, missedAt } from '../usecases/dutyRecord.js';

/** A claim this old and still `claimed`: its holder stopped between the claim and the send. */
export const DUTY_STALE_CLAIM_MS = 2 * MINUTE;
/** Sent this long after its time: the card and the record say it is late (the minute tick is never this far behind). */
export const LATE_AFTER_MS = 5 * MINUTE;
/** How far back a tick looks for duties nobody dealt with: past the catch-up window they are recorded as missed. */
const LOOK_BACK_MS = DUTY_CATCH_UP_MS + 18 * HOUR;
const NOT_RUNNING = 'Rota was not running at its time or in the 6 hours after';
const NO_CHAT = 'Rota has no personal chat with them yet, and no id to open one with';
type Posted = { conversationId: string; activityId?: string } | undefined;

export interface DutyJobOptions {
  deps: ChatDeps;
  poster: DutyPoster;
  holder: string;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

/**
 * Duty cards, from the minute tick (HandoffJobs.tick, which holds the posting lease). Each occurrence is claimed by
 * a unique insert before its card is sent, so it goes out once across restarts and replicas, and every claim ends
 * with a recorded outcome: posted, undelivered (with the reason) or, too late to send, missed.
 */
export class DutyJobs {
  constructor(private readonly o: DutyJobOptions) {}

  async tick(snap: Snapshot, now: number): Promise<void> {
    await this.resumeInterrupted(now);
    await this.bringBackSnoozed(now);
    const channels = await channelsOf(this.o.deps, snap.rotations);
    for (const rotation of snap.rotations.filter((r) => r.def.duties?.length)) {
      const due = dutyOccurrences({ id: rotation.id, timezone: rotation.timezone, duties: rotation.def.duties! }, now - LOOK_BACK_MS, now + 1);
      const runs = await this.o.deps.stores.duties.runs(due.map((o) => o.key));
      for (const occurrence of due.filter((o) => !runs.has(o.key))) {
        const channel = occurrence.post === 'channel' ? channels.get(rotation.id) : undefined;
        const run = newRun(snap, rotation, occurrence, channel, now);
        if (now - occurrence.at > DUTY_CATCH_UP_MS) {
          if (await this.o.deps.stores.duties.recordMissed({ ...run, late: false }, NOT_RUNNING, now)) this.o.log.warn({ duty: run.key }, 'duty not sent: Rota was down past the catch-up window');
          continue;
        }
        if (await this.o.deps.stores.duties.claim(run, this.o.holder, now)) await this.deliver((await this.o.deps.stores.duties.run(run.key))!, now);
      }
    }
  }

  /** Sends a claimed run's card to everyone it goes to (or the channel) and records the outcome. */
  private async deliver(run: DutyRun, now: number, back?: boolean): Promise<void> {
    const data = DutyCardData.parse(run.detail);
    const view = await dutyCardView(this.o.deps, run, data, now);
    const card = back && view.snoozedBy && run.snoozedAt !== undefined ? { ...view, back: { by: view.snoozedBy, at: run.snoozedAt } } : view;
    const sends: Array<{ who: string; send: () => Promise<Posted>; via: DutyCopy['via']; unreachable: string }> = data.channel
      ? [{ who: `the channel ${data.channel.id}`, send: () => this.o.poster.postToChannel(card, data.channel!), via: 'channel', unreachable: 'Rota is not installed in that team' }]
      : view.assignees.map((p) => ({ who: p.email, send: () => this.o.poster.sendToPerson(card, p), via: 'personal', unreachable: NO_CHAT }));
    const copies: DutyCopy[] = [];
    const failures: string[] = [];
    if (data.occurrence.post === 'channel' && !data.channel) failures.push('the rotation has no channel to post to (set `channel:` or say "subscribe" in one)');
    else if (sends.length === 0) failures.push('nobody is on duty in the rotation, at its time or in the week after');
    for (const s of sends) {
      const where = await s.send().catch((err: unknown) => (err instanceof PersonUnreachable ? err.reason : `sending failed: ${messageOf(err)}`));
      if (typeof where === 'object' && where.activityId) copies.push({ via: s.via, conversationId: where.conversationId, activityId: where.activityId });
      else failures.push(`${s.who}: ${typeof where === 'string' ? where : s.unreachable}`);
    }
    const note = failures.length ? failures.join('; ') : undefined;
    if (copies.length) await this.o.deps.stores.duties.markPosted(run.key, copies, note, now);
    else await this.o.deps.stores.duties.markUndelivered(run.key, note!, now);
    if (note) this.o.log.warn({ duty: run.key, note }, 'duty card not delivered to everyone');
    else this.o.log.info({ duty: run.key, copies: copies.length, late: run.late }, back ? 'snoozed duty card sent again' : 'duty card sent');
  }

  /** Snoozed cards whose time has come: sent again, once (the take-back is a conditional update). */
  private async bringBackSnoozed(now: number): Promise<void> {
    for (const run of await this.o.deps.stores.duties.dueSnoozes(now)) {
      if (!(await this.o.deps.stores.duties.takeBackSnoozed(run.key, this.o.holder, now))) continue;
      const data = DutyCardData.safeParse(run.detail);
      if (data.success && now < missedAt(data.data.occurrence, data.data.rotation.timezone)) await this.deliver((await this.o.deps.stores.duties.run(run.key))!, now, true);
      else await this.o.deps.stores.duties.markPosted(run.key, [], 'the snooze ran out after the duty counted as missed', now);
    }
  }

  /** A run left `claimed` by a Rota that stopped before sending it: sent now if still in time, else recorded. */
  private async resumeInterrupted(now: number): Promise<void> {
    const before = now - DUTY_STALE_CLAIM_MS;
    for (const run of await this.o.deps.stores.duties.staleClaims(before)) {
      if (!(await this.o.deps.stores.duties.retakeStaleClaim(run.key, this.o.holder, before, now))) continue;
      const data = DutyCardData.safeParse(run.detail);
      if (data.success && now < missedAt(data.data.occurrence, data.data.rotation.timezone)) await this.deliver(run, now, run.snoozedAt !== undefined);
      else await this.o.deps.stores.duties.markUndelivered(run.key, 'Rota stopped before sending it, and the duty now counts as missed', now);
    }
  }
}

/**
 * Who a duty goes to: whoever is on duty at its time (after swaps, covers and overrides); in an `hours` gap (nobody
 * on duty) whoever is on duty next, within a week.
 */
export function dutyAssignees(snap: Snapshot, rotationId: string, at: number): string[] {
  const now = onDutyAt(snap.schedule, at, rotationId)[0]?.members ?? [];
  if (now.length) return now;
  return segmentsBetween(snap.schedule, at, at + 8 * DAY).find((s) => s.rotation === rotationId && s.start >= at && s.members.length > 0)?.members ?? [];
}

function newRun(snap: Snapshot, rotation: RotationInfo, occurrence: DutyOccurrence, channel: { team: string; id: string } | undefined, now: number): NewDutyRun {
  const detail: DutyCardData = { occurrence, rotation: { id: rotation.id, name: rotation.name, timezone: rotation.timezone }, ...(channel ? { channel } : {}) };
  return { key: occurrence.key, rotationId: rotation.id, dueAt: occurrence.at, late: now - occurrence.at > LATE_AFTER_MS, assignees: dutyAssignees(snap, rotation.id, occurrence.at), detail };
}

