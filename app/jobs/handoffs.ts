import type { LeaseStore } from '../../db/leases/LeaseStore.js';
import { currentTagOf } from '../../rotation/rotationFileSchema.js';
import { isHandoff, nextShifts, onDutyAt, segmentsBetween, MS_PER_DAY as DAY, MS_PER_HOUR as HOUR, MS_PER_MINUTE as MINUTE } from '../../rotation/index.js';
import { channelsOf, personRefs, snapshot, type ChatDeps, type PersonRef, type RotationInfo, type Snapshot } from '../usecases/context.js';
import { HandoffData, mentionableTag, shortHandoff, type HandoffPoster } from '../usecases/handoffPosts.js';
import { itemsPassingAt, passItemsAt, passRecipient } from '../usecases/itemHandoffs.js';
import { shiftDuties } from '../usecases/handoffDuties.js';
import { RETRY_UNDELIVERED_MS, sendReminders, STALE_CLAIM_MS } from './reminders.js';
import { closeStaleEscalations } from '../usecases/escalationPosts.js';
import type { DutyJobs } from './duties.js';
import { messageOf } from '../../rotation/messageOf.js';
import { TickStages } from './tickStages.js';
import { handoffShadows } from '../usecases/shadowHooks.js';
import { closeStaleShadowCopies } from '../usecases/shadowCopies.js';
import { mendEscalationCopies } from '../usecases/shadowEscalations.js';
import { retryShadowCopies, SHADOW_RETRY_WITHIN_MS, type ShadowSenders } from '../usecases/shadowRetry.js';

export { CATCH_UP_MS } from '../usecases/claims.js';
import { CATCH_UP_MS } from '../usecases/claims.js';

export const handoffKey = (rotationId: string, at: number) => `handoff:${rotationId}:${at}`;

/** Who hands over to whom at `at`, with the outgoing shift's handover notes, duty record (at `now`) and the escalation contact. */
export async function handoffData(deps: ChatDeps, rotation: RotationInfo, at: number, now = at): Promise<HandoffData | undefined> {
  const channel = (await channelsOf(deps, [rotation])).get(rotation.id);
  return channel ? handoffDataIn(deps, await snapshot(deps), rotation, channel, at, now) : undefined;
}

/** `handoffData` from a snapshot and channel already read (the minute tick reads them once for every post). */
async function handoffDataIn(deps: ChatDeps, snap: Snapshot, rotation: RotationInfo, channel: HandoffData['channel'], at: number, now: number): Promise<HandoffData> {
  // The last stretch before the handoff and the first from it: with an `hours` window (the night on call) the
  // incoming person's first stretch may start hours after the handoff instant itself.
  const around = segmentsBetween(snap.schedule, at - 8 * DAY, at + 8 * DAY).filter((s) => s.rotation === rotation.id);
  const before = around.filter((s) => s.start < at).at(-1);
  const after = around.find((s) => s.start >= at);
  const escRotation = rotation.def.escalation ? snap.rotations.find((r) => r.id === rotation.def.escalation) : undefined;
  const esc = escRotation ? onDutyAt(snap.schedule, at, escRotation.id)[0] : undefined;
  const emails = [...(before?.members ?? []), ...(after?.members ?? []), ...(esc?.members ?? [])];
  const refs = await personRefs(deps.stores, [...new Set(emails)]);
  // The rest of a shift kept by the same people (`effective: now`) is the same turn: its notes and duties run from where it began.
  const began = before ? turnStart(snap, rotation.id, before.shiftStart) : undefined;
  const notes = before ? ((await deps.stores.handovers.handover(rotation.id, before.shiftStart)) ?? (began !== before.shiftStart ? await deps.stores.handovers.handover(rotation.id, began!) : undefined)) : undefined;
  const mentioned = currentTagOf(rotation.def);
  const tagId = mentioned ? await mentionableTag(deps, rotation.id, mentioned, channel) : undefined;
  const incoming = after?.members ?? [];
  const passing = await itemsPassingAt(deps, handoffKey(rotation.id, at), rotation.id, before?.members ?? [], incoming);
  const passTo = passRecipient(rotation, incoming);
  // The outgoing shift runs from its own start (the previous handoff) to this one.
  const duties = before ? await shiftDuties(deps, rotation, began!, at, now) : undefined;
  return {
    key: handoffKey(rotation.id, at),
    rotation: { id: rotation.id, name: rotation.name, timezone: rotation.timezone },
    channel,
    at,
    outgoing: (before?.members ?? []).map((e) => refs.get(e)!),
    incoming: (after?.members ?? []).map((e) => refs.get(e)!),
    ...(tagId && mentioned ? { tag: { id: tagId, name: mentioned.name } } : {}),
    ...(notes?.notes ? { notes: notes.notes } : {}),
    openItems: notes?.openItems ?? [],
    ...(escRotation ? { escalation: { name: escRotation.name, members: (esc?.members ?? []).map((e) => refs.get(e)!) } } : {}),
    ...(passing.length && passTo ? { passingItems: { to: refs.get(passTo)!, items: passing } } : {}),
    ...(duties ? { duties } : {}),
  };
}

/** Where the turn that includes the shift starting at `shiftStart` began: past the rests of it kept by the same people. */
function turnStart(snap: Snapshot, rotationId: string, shiftStart: number): number {
  const shifts = nextShifts(snap.schedule, rotationId, shiftStart - 366 * DAY, { count: 100_000, horizon: 366 * DAY + 1 });
  let i = shifts.findIndex((s) => s.start === shiftStart);
  while (i > 0 && !isHandoff(shifts[i]!)) i--;
  return i >= 0 ? shifts[i]!.start : shiftStart;
}

export interface HandoffJobOptions {
  deps: ChatDeps;
  leases: LeaseStore;
  poster: HandoffPoster;
  holder: string;
  ackMinutes: number;
  /** Duty cards, sent from the same minute tick under the same lease. */
  duties?: Pick<DutyJobs, 'tick'>;
  /** The morning and evening checks (app/jobs/checks.ts), run from the same tick under the same lease. */
  checks?: { tick(snap: Snapshot, now: number): Promise<void> };
  /** Outlook out-of-office questions (app/jobs/oofSuggestions.ts), sent from the same tick under the same lease. */
  oof?: { tick(now: number): Promise<void> };
  /** How the bot sends shadow copies of duty cards and escalations (handoff copies go through `poster`), for their retries and repairs. */
  shadows?: Omit<ShadowSenders, 'handoff'>;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

const LEASE = 'bot-posts';
/** How far back the item pass looks for handoffs Rota missed: past the last handoff of a weekly rotation. */
const PASS_LOOK_BACK_MS = 8 * DAY;
const LEASE_TTL = 2 * MINUTE;

/**
 * Handoff posts, their follow-ups and shift reminders. Each post is claimed in the database before it is sent, so
 * it happens at most once per handoff across restarts and replicas; only the replica holding the lease posts.
 */
export class HandoffJobs {
  constructor(private readonly o: HandoffJobOptions) {}

  /** The next handoff of every rotation that posts to a channel: what the scheduler plans `once` jobs for. */
  async nextHandoffs(now: number): Promise<Array<{ rotation: RotationInfo; at: number }>> {
    const snap = await snapshot(this.o.deps);
    const channels = await channelsOf(this.o.deps, snap.rotations);
    return snap.rotations
      .filter((r) => channels.has(r.id))
      .flatMap((r) => {
        const next = nextShifts(snap.schedule, r.id, now + 1, { count: 2 }).find(isHandoff);
        return next ? [{ rotation: r, at: next.start }] : [];
      });
  }

  /** Posts the handoff of `rotationId` at `at` unless it was posted already. */
  async postHandoff(rotationId: string, at: number, now: number): Promise<'posted' | 'already' | 'not-leader' | 'no-channel'> {
    if (!(await this.o.leases.tryAcquire(LEASE, this.o.holder, LEASE_TTL, now))) return 'not-leader';
    const snap = await snapshot(this.o.deps);
    return this.post(snap, await channelsOf(this.o.deps, snap.rotations), rotationId, at, now);
  }

  /** `postHandoff` once the lease is held, from a snapshot and channels already read. */
  private async post(snap: Snapshot, channels: Map<string, HandoffData['channel']>, rotationId: string, at: number, now: number): Promise<'posted' | 'already' | 'no-channel'> {
    const rotation = snap.rotations.find((r) => r.id === rotationId);
    const channel = channels.get(rotationId);
    if (rotation) await passItemsAt(this.o.deps, snap, rotation, handoffKey(rotationId, at), at, now);
    if (!rotation || !channel) return 'no-channel';
    const data = await handoffDataIn(this.o.deps, snap, rotation, channel, at, now);
    const claimed = await this.o.deps.stores.posts.claimPost({ key: data.key, kind: 'handoff', rotationId, detail: data }, this.o.holder, now);
    if (!claimed) return 'already';
    try {
      const where = await this.o.poster.postHandoff(data);
      if (!where) {
        await this.o.deps.stores.posts.markFailed(data.key, now);
        this.o.log.warn({ rotation: rotationId, channel: data.channel }, 'no stored conversation for the rotation\'s team: install Rota in that team');
        return 'no-channel';
      }
      const { tagLeftOut, notesLeftOut, ...place } = where;
      // Posted without the tag or as the short card: the record says so, and later updates of the card
      // (acknowledged) show what was posted.
      const shortened = notesLeftOut ? shortHandoff(data, notesLeftOut.reason) : data;
      const sent = tagLeftOut || notesLeftOut ? { ...shortened, ...(tagLeftOut ? { tag: undefined, tagLeftOut } : {}) } : undefined;
      await this.o.deps.stores.posts.markPosted(data.key, place, now, sent);
      this.o.log.info({ rotation: rotationId, at, ...(tagLeftOut ? { tagLeftOut: tagLeftOut.name } : {}), ...(notesLeftOut ? { notesLeftOut: notesLeftOut.reason } : {}) }, 'handoff posted');
      await handoffShadows(this.o.deps, this.o.poster, rotation, sent ?? data, { holder: this.o.holder, now, log: this.o.log });
      return 'posted';
    } catch (err) {
      await this.o.deps.stores.posts.markFailed(data.key, now);
      throw err;
    }
  }

  /** Hands the posting lease back at shutdown, so another replica can take over at once. */
  async release(now: number): Promise<void> {
    await this.o.leases.release(LEASE, this.o.holder, now);
  }

  /**
   * The safety net run every minute: handoffs missed while down, follow-ups of unacknowledged ones, reminders, duty
   * cards and checks. Each stage (each rotation's item pass and handoff post) stands alone: one that throws (a broken
   * channel answering 403 at every tick for six hours) is logged with its stage and rotation, and the next still
   * runs. The tick then throws `TickStagesFailed`, so the scheduler records the job's error for /healthz and `rota status`.
   */
  async tick(now: number): Promise<void> {
    if (!(await this.o.leases.tryAcquire(LEASE, this.o.holder, LEASE_TTL, now))) return;
    const snap = await snapshot(this.o.deps);
    const channels = await channelsOf(this.o.deps, snap.rotations);
    const stages = new TickStages(this.o.log);
    // The rest of a running shift kept by the same people (`effective: now`) is no handoff: no post, no item pass.
    const since = (id: string, ms: number) => nextShifts(snap.schedule, id, now - ms, { count: 10_000, horizon: ms + DAY }).filter((s) => s.start <= now && s.start > now - ms && isHandoff(s));
    const recent = (id: string) => since(id, CATCH_UP_MS);
    // Items pass at every handoff, posted or not (no channel, Rota not installed in the team, a crash after the post),
    // however long Rota was down: a post is late after six hours, but items left with someone off duty stay there for
    // good. Oldest first, so the items go down the chain of a week of missed handoffs; each key passes once.
    for (const r of snap.rotations) {
      await stages.run('item pass', r.id, async () => {
        const handoffs = since(r.id, PASS_LOOK_BACK_MS).map((s) => ({ at: s.start, key: handoffKey(r.id, s.start) }));
        const run = await this.o.deps.stores.items.passesRun(handoffs.map((h) => h.key));
        for (const h of handoffs.filter((h) => !run.has(h.key))) await passItemsAt(this.o.deps, snap, r, h.key, h.at, now);
      });
    }
    for (const r of snap.rotations.filter((r) => channels.has(r.id))) {
      await stages.run('handoff post', r.id, async () => {
        for (const s of recent(r.id)) {
          const post = await this.o.deps.stores.posts.post(handoffKey(r.id, s.start));
          if (!post || post.state === 'failed') await this.post(snap, channels, r.id, s.start, now);
          else if (post.state === 'posted') await handoffShadows(this.o.deps, this.o.poster, r, post.detail, { holder: this.o.holder, now, log: this.o.log }); // copies a stop left unsent
        }
      });
    }
    await stages.run('follow-ups', undefined, () => this.followUps(now));
    await stages.run('reminders', undefined, () => this.reminders(snap, now));
    await stages.run('escalation claims', undefined, () => closeStaleEscalations(this.o.deps, now - STALE_CLAIM_MS, now));
    await stages.run('shadow claims', undefined, () => closeStaleShadowCopies(this.o.deps, now - STALE_CLAIM_MS, now));
    await stages.run('shadow copies', undefined, () => this.shadowCopies(now));
    await stages.run('duties', undefined, async () => this.o.duties?.tick(snap, now));
    await stages.run('checks', undefined, async () => this.o.checks?.tick(snap, now));
    await stages.run('out-of-office questions', undefined, async () => this.o.oof?.tick(now));
    stages.finish();
  }

  /** Escalation copies a stop left unsent (handoff ones are mended above), then undelivered copies every RETRY_UNDELIVERED_MS. */
  private async shadowCopies(now: number): Promise<void> {
    const o = { holder: this.o.holder, now, log: this.o.log };
    const escalation = this.o.shadows?.escalation;
    if (escalation) await mendEscalationCopies(this.o.deps, escalation, now - SHADOW_RETRY_WITHIN_MS, o);
    await retryShadowCopies(this.o.deps, { ...this.o.shadows, handoff: this.o.poster }, { ...o, triedBefore: now - RETRY_UNDELIVERED_MS });
  }

  private async followUps(now: number): Promise<void> {
    for (const post of await this.o.deps.stores.posts.postsAwaitingAck('handoff', now - this.o.ackMinutes * MINUTE)) {
      if (!(await this.o.deps.stores.posts.markFollowedUp(post.key, now))) continue;
      const parsed = HandoffData.safeParse(post.detail);
      if (!parsed.success) {
        this.o.log.warn({ post: post.key, err: parsed.error.message }, 'handoff post detail does not parse: no follow-up');
        continue;
      }
      const d = parsed.data;
      for (const p of d.incoming) {
        await this.followUp(d, p, `Reminder: you took over **${d.rotation.name}** ${this.o.ackMinutes} minutes ago; please press "I've got it" on the handoff card in the channel.`);
      }
      for (const p of d.outgoing) {
        await this.followUp(d, p, `Note: nobody has acknowledged your **${d.rotation.name}** handoff yet; I reminded ${d.incoming.map((i) => i.displayName ?? i.email).join(', ') || 'nobody'}.`);
      }
    }
  }

  /** One follow-up message; a person Rota cannot reach is logged by name, and the others still get theirs. */
  private async followUp(d: HandoffData, person: PersonRef, text: string): Promise<void> {
    const outcome = await this.o.poster.sendPersonal(person, text).catch((err: unknown) => messageOf(err));
    if (outcome === true) return;
    const reason = outcome === false ? 'Rota has no personal chat with them yet' : outcome;
    this.o.log.warn({ rotation: d.rotation.id, person: person.email, reason }, 'handoff follow-up not delivered');
  }

  /** Reminders before each person's own on-duty stretches, at the lead times they chose (app/reminders.ts). */
  private async reminders(snap: Snapshot, now: number): Promise<void> {
    const poster = this.o.poster;
    await sendReminders({ deps: this.o.deps, sendPersonal: (p, text) => poster.sendPersonal(p, text), holder: this.o.holder, log: this.o.log }, snap, now);
  }
}
