import { checkOccurrences, MS_PER_HOUR as HOUR, MS_PER_MINUTE as MINUTE, type CheckKind, type CheckOccurrence } from '../../rotation/index.js';
import { messageOf } from '../../rotation/messageOf.js';
import { postCheckToChannel } from '../usecases/checkEvening.js';
import { CHECK_SOURCES } from '../usecases/checkSources.js';
import {
  CheckDetail, ChannelPostDetail, EVENING_CHECK, EVENING_STATUS, EVENING_UNANSWERED, itemLines, MORNING_CHECK,
  type CheckPoster, type Delivered, type EveningFormView,
} from '../usecases/checkPosts.js';
import { CHECK_COPY, RETRY_CHECK_MS, sendOne } from '../usecases/checkReach.js';
import { redeliverChecks } from '../usecases/checkRetries.js';
import { followUpUnanswered, postUnanswered, retryStatusPosts } from './checkFollowUps.js';
import { morningCheckView } from '../usecases/checkViews.js';
import { onDutyFor } from '../usecases/onDuty.js';
import { channelsOf, personRefs, type ChatDeps, type PersonRef, type RotationInfo, type Snapshot } from '../usecases/context.js';
import { resumeStaleClaims, STALE_CLAIM_MS } from '../usecases/claims.js';
import { checkSince } from '../usecases/dutySince.js';

/** A check missed while Rota was down is still sent, marked late, if its time was this recently; older ones are not. */
export const CHECK_CATCH_UP_MS = 2 * HOUR;
/** Sent this long after its time (a tick or two missed): marked late. */
export const CHECK_LATE_AFTER_MS = 2 * MINUTE;
export { UNANSWERED_AFTER_MS } from '../usecases/checkPosts.js';
const KIND_OF: Record<CheckKind, string> = { morning: MORNING_CHECK, evening: EVENING_CHECK };

export interface CheckJobOptions {
  deps: ChatDeps;
  poster: CheckPoster;
  holder: string;
  /** The time of each send: a delivery may outlast the tick's `now`, and its claim is refreshed as it goes. */
  clock: () => number;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

/**
 * The morning and evening checks, run from the minute tick (HandoffJobs.tick, which holds the posting lease). Each
 * check, status and unanswered post is claimed in the posts store before it is sent, so it goes out once across
 * restarts and replicas, and ends `posted` or `undelivered` with the reason. Then the follow-ups: a check tried again
 * for whom it missed (app/usecases/checkRetries.ts), the evening's unanswered post and a refused status posted again
 * (checkFollowUps.ts).
 */
export class CheckJobs {
  constructor(private readonly o: CheckJobOptions) {}

  async tick(snap: Snapshot, now: number): Promise<void> {
    await this.resumeInterrupted(snap, now);
    const channels = await channelsOf(this.o.deps, snap.rotations);
    for (const rotation of snap.rotations) {
      for (const kind of ['morning', 'evening'] as const) {
        // Only checks from when they appeared: a check added today was not missed this morning (dutySince.ts).
        const since = checkSinceIn(snap, rotation.id, kind);
        for (const occurrence of checkOccurrences(rotation.def, kind, now - CHECK_CATCH_UP_MS, now + 1).filter((o) => o.at >= since)) {
          const post = await this.o.deps.stores.posts.post(occurrence.key);
          if (post && post.state !== 'failed') continue;
          const detail = await this.detailOf(snap, rotation, occurrence, channels.get(rotation.id), now);
          if (!(await this.o.deps.stores.posts.claimPost({ key: occurrence.key, kind: KIND_OF[kind], rotationId: rotation.id, detail }, this.o.holder, now))) continue;
          await this.deliver(snap, occurrence.key, detail, now);
        }
      }
    }
    await redeliverChecks(this.o, this.o.holder, now, undefined, now - RETRY_CHECK_MS, snap);
    await followUpUnanswered(this.o, now);
    await retryStatusPosts(this.o, now);
  }

  private async detailOf(snap: Snapshot, rotation: RotationInfo, occurrence: CheckOccurrence, channel: { team: string; id: string } | undefined, now: number): Promise<CheckDetail> {
    const emails = onDutyFor(snap, rotation.id, occurrence.at);
    const refs = await personRefs(this.o.deps.stores, emails);
    const prefill = occurrence.kind === 'evening' ? itemLines(await CHECK_SOURCES.openItems(this.o.deps, rotation.id)) : undefined;
    return {
      kind: occurrence.kind,
      rotation: { id: rotation.id, name: rotation.name, timezone: rotation.timezone },
      date: occurrence.date,
      at: occurrence.at,
      late: now - occurrence.at > CHECK_LATE_AFTER_MS,
      ...(channel ? { channel } : {}),
      ...(prefill !== undefined ? { prefill } : {}),
      recipients: emails.map((e) => refs.get(e)!),
      cards: {},
      unreached: {},
    };
  }

  /** Sends a claimed check to each recipient and records the outcome: posted if anyone got it, else undelivered and why. */
  private async deliver(snap: Snapshot, key: string, d: CheckDetail, now: number): Promise<void> {
    const rotation = snap.rotations.find((r) => r.id === d.rotation.id);
    const refused = whyNotSent(rotation, d);
    if (refused || !rotation) return this.undelivered(key, d, refused ?? 'the rotation no longer exists', now);
    try {
      const occurrence: CheckOccurrence = { key, rotation: d.rotation.id, kind: d.kind, date: d.date, at: d.at };
      const send = d.kind === 'morning' ? await this.morningSender(snap, rotation, occurrence, d.late, now) : (p: PersonRef) => this.o.poster.sendEveningForm(p, formOf(key, d));
      const stillMine = () => this.o.deps.stores.posts.refreshClaim(key, this.o.holder, Math.max(now, this.o.clock()));
      const sent = await sendToEach(d.recipients, send, stillMine);
      if (sent === 'taken over') return this.o.log.warn({ check: key }, 'check claim taken over while sending: the new holder sends it');
      const { first, cards, unreached } = sent;
      if (!first) return await this.undelivered(key, d, Object.entries(unreached).map(([who, why]) => `${who}: ${why}`).join('; '), now, { ...d, cards, unreached });
      const where = { conversationId: first.conversationId, ...(first.activityId ? { activityId: first.activityId } : {}) };
      await this.o.deps.stores.posts.markPosted(key, where, now, { ...d, cards, unreached });
      for (const [person, reason] of Object.entries(unreached)) this.o.log.warn({ check: key, person, reason }, 'check not delivered to one of those on duty');
      this.o.log.info({ check: key, late: d.late }, `${d.kind} check sent`);
    } catch (err) {
      // Recorded, so the next minute does not try again and again; the other checks still go out.
      await this.undelivered(key, d, `could not be sent: ${messageOf(err)}`, now);
    }
  }

  private async morningSender(snap: Snapshot, rotation: RotationInfo, occurrence: CheckOccurrence, late: boolean, now: number) {
    const view = await morningCheckView(this.o.deps, snap, rotation, occurrence, late, now);
    return (p: PersonRef) => this.o.poster.sendMorningCheck(p, view);
  }

  /** Recorded with whom it did not reach (`tried`), so they are tried again and the unanswered post can name them. */
  private async undelivered(key: string, d: CheckDetail, reason: string, now: number, tried?: CheckDetail): Promise<void> {
    await this.o.deps.stores.posts.markUndelivered(key, reason, now, tried);
    this.o.log.warn({ check: key, rotation: d.rotation.id, reason }, `${d.kind} check not delivered`);
  }

  /** Posts a stopped Rota left claimed: sent now if still in time (marked late), else recorded as not sent. */
  private async resumeInterrupted(snap: Snapshot, now: number): Promise<void> {
    const before = now - STALE_CLAIM_MS;
    const posts = this.o.deps.stores.posts;
    for (const kind of [MORNING_CHECK, EVENING_CHECK, EVENING_STATUS, EVENING_UNANSWERED, CHECK_COPY]) {
      await resumeStaleClaims(await posts.postsIn(kind, 'claimed', { atOrBefore: before }), (key) => posts.retakeStaleClaim(key, this.o.holder, before, now), async (post) => {
        // A later try for one person: recorded as not sent, so the next retry (or their next message) sends it.
        if (kind === CHECK_COPY) return posts.markUndelivered(post.key, 'Rota stopped while sending it', now);
        if (kind === EVENING_STATUS || kind === EVENING_UNANSWERED) {
          const d = ChannelPostDetail.safeParse(post.detail);
          if (!d.success) await posts.markUndelivered(post.key, 'left claimed by a Rota that stopped, with no details to post it again', now);
          else if (kind === EVENING_STATUS) await postCheckToChannel(this.o.deps, this.o.poster, post.key, d.data, now);
          else await postUnanswered(this.o, post.key, d.data, now);
          return;
        }
        const d = CheckDetail.safeParse(post.detail);
        if (d.success && d.data.at > now - CHECK_CATCH_UP_MS) await this.deliver(snap, post.key, { ...d.data, late: true }, now);
        else await posts.markUndelivered(post.key, d.success ? 'Rota stopped before sending it, and its time is more than 2 hours ago' : 'left claimed by a Rota that stopped, with no details to send it again', now);
      });
    }
  }
}

/** From when a rotation's check counts, by its stored versions (checkSince); a rotation not stored: from its time. */
function checkSinceIn(snap: Snapshot, rotationId: string, kind: CheckKind): number {
  const stored = snap.state.rotations.find((r) => r.id === rotationId);
  return (stored ? checkSince(stored, kind) : undefined) ?? -Infinity;
}

/** The evening form as first sent. */
function formOf(key: string, d: CheckDetail): EveningFormView {
  return { key, rotation: d.rotation, date: d.date, at: d.at, late: d.late, prefill: d.prefill ?? '', state: 'open' };
}

/** Why a claimed check is not sent at all, or undefined when it goes to its recipients. */
function whyNotSent(rotation: RotationInfo | undefined, d: CheckDetail): string | undefined {
  if (!rotation) return 'the rotation no longer exists';
  if (d.recipients.length === 0) return "nobody is on duty at the check's time or after it";
  if (d.kind === 'evening' && !d.channel) return `${d.rotation.name} has no channel to post the evening status to (channel in the rotation file, or "subscribe" in one)`;
  return undefined;
}

/**
 * One card per recipient: where each went, and why the others did not. The claim is refreshed before each send
 * (`stillMine`), so a throttled delivery is not taken over as stale; once it is no longer ours, nothing more is sent.
 */
async function sendToEach(recipients: PersonRef[], send: (p: PersonRef) => Promise<Delivered | undefined>, stillMine: () => Promise<boolean>) {
  const cards: CheckDetail['cards'] = {};
  const unreached: CheckDetail['unreached'] = {};
  let first: Delivered | undefined;
  for (const p of recipients) {
    if (!(await stillMine())) return 'taken over' as const;
    const where = await sendOne(() => send(p));
    if (typeof where === 'string') unreached[p.email] = where;
    else {
      first ??= where;
      if (where.activityId) cards[p.email] = { conversationId: where.conversationId, activityId: where.activityId };
    }
  }
  return { first, cards, unreached };
}
