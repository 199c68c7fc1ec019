import type { BotPost } from '../../db/posts/PostStore.js';
import { localDayBounds, MS_PER_DAY as DAY } from '../../rotation/index.js';
import { parseLocalDate } from '../../rotation/localDate.js';
import { eveningFormView } from './checkEvening.js';
import { CheckDetail, EVENING_CHECK, MORNING_CHECK, UNANSWERED_AFTER_MS, type CheckPoster, type Delivered } from './checkPosts.js';
import { CHECK_COPY, checkReach, copyKey, sendOne } from './checkReach.js';
import { morningCheckView } from './checkViews.js';
import { snapshot, type ChatDeps, type PersonRef, type Snapshot } from './context.js';

/*
 * A check that did not reach one of those on duty is tried again for them alone, as its own post (`<check key>:to:<email>`,
 * claimed like any post, so each copy goes out once across replicas): every RETRY_CHECK_MS from the minute tick, and
 * when they next write to Rota. Morning checks until the end of their local day, evening checks until their hour is up.
 */

/** Still worth sending at `now`: a morning check on its local day, an evening check within its hour, not answered. */
function inTime(post: BotPost, d: CheckDetail, now: number): boolean {
  if (d.kind === 'morning') return now < localDayBounds(d.rotation.timezone, parseLocalDate(d.date)!).end;
  return d.channel !== undefined && now < post.createdAt + UNANSWERED_AFTER_MS && post.ackedAt === undefined && post.followedUpAt === undefined;
}

export interface CheckRedelivery {
  deps: ChatDeps;
  poster: CheckPoster;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

/**
 * Sends each check still in time to those on duty it has not reached, last tried at or before `triedBefore`; `only`:
 * just theirs (a person writing to Rota). Returns how many copies went out.
 */
export async function redeliverChecks(o: CheckRedelivery, holder: string, now: number, only?: { email: string }, triedBefore = now, snap?: Snapshot): Promise<number> {
  let sent = 0;
  const me = only?.email.toLowerCase();
  for (const kind of [MORNING_CHECK, EVENING_CHECK]) {
    for (const state of ['posted', 'undelivered'] as const) {
      for (const post of await o.deps.stores.posts.postsIn(kind, state, { after: now - 2 * DAY })) {
        const d = CheckDetail.safeParse(post.detail);
        if (!d.success || !inTime(post, d.data, now)) continue;
        // A person writing: only the checks they were due (checkReach reads a post per person it missed).
        if (me && !d.data.recipients.some((p) => p.email.toLowerCase() === me)) continue;
        for (const { person } of (await checkReach(o.deps, post, d.data)).unreached) {
          if (me && person.email !== me) continue;
          if (!(await claimCopy(o.deps, post, person.email, holder, now, triedBefore))) continue;
          snap ??= await snapshot(o.deps);
          if (await sendCopy(o, snap, post.key, d.data, person, now)) sent++;
        }
      }
    }
  }
  return sent;
}

/** The copy's claim: a first retry RETRY_CHECK_MS after the check (unless asked), then each later one as its own post. */
async function claimCopy(deps: ChatDeps, check: BotPost, email: string, holder: string, now: number, triedBefore: number): Promise<boolean> {
  const key = copyKey(check.key, email);
  const copy = await deps.stores.posts.post(key);
  if (!copy) {
    const detail = { checkKey: check.key, email };
    return check.updatedAt <= triedBefore && deps.stores.posts.claimPost({ key, kind: CHECK_COPY, ...(check.rotationId ? { rotationId: check.rotationId } : {}), detail }, holder, now);
  }
  return copy.state === 'undelivered' && copy.updatedAt <= triedBefore && deps.stores.posts.retakeUndelivered(key, holder, now);
}

async function sendCopy(o: CheckRedelivery, snap: Snapshot, checkKey: string, d: CheckDetail, person: PersonRef, now: number): Promise<boolean> {
  const key = copyKey(checkKey, person.email);
  const rotation = snap.rotations.find((r) => r.id === d.rotation.id);
  let where: Delivered | string = 'the rotation no longer exists';
  if (d.kind === 'evening') {
    const view = await eveningFormView(o.deps, checkKey);
    if (view) where = await sendOne(() => o.poster.sendEveningForm(person, view));
  } else if (rotation) {
    const occurrence = { key: checkKey, rotation: rotation.id, kind: d.kind, date: d.date, at: d.at };
    const view = await morningCheckView(o.deps, snap, rotation, occurrence, d.late, now);
    where = await sendOne(() => o.poster.sendMorningCheck(person, view));
  }
  if (typeof where === 'string') {
    await o.deps.stores.posts.markUndelivered(key, where, now);
    o.log.warn({ check: checkKey, person: person.email, reason: where }, `${d.kind} check still not delivered to one of those on duty`);
    return false;
  }
  await o.deps.stores.posts.markPosted(key, { conversationId: where.conversationId, ...(where.activityId ? { activityId: where.activityId } : {}) }, now);
  o.log.info({ check: checkKey, person: person.email }, `${d.kind} check sent on a later try`);
  return true;
}
