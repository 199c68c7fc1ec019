import { localDayBounds, MS_PER_DAY as DAY } from '../../rotation/index.js';
import { parseLocalDate } from '../../rotation/localDate.js';
import { eveningFormView, postCheckToChannel } from '../usecases/checkEvening.js';
import {
  CheckDetail, ChannelPostDetail, EVENING_CHECK, EVENING_STATUS, EVENING_UNANSWERED, itemLines, UNANSWERED_AFTER_MS, unansweredKey, type CheckPoster,
} from '../usecases/checkPosts.js';
import { checkReach, RETRY_CHECK_MS } from '../usecases/checkReach.js';
import { CHECK_SOURCES } from '../usecases/checkSources.js';
import type { ChatDeps } from '../usecases/context.js';
import { postedCopies } from '../usecases/conversations.js';
import type { BotPost } from '../../db/posts/PostStore.js';

export interface FollowUpOptions {
  deps: ChatDeps;
  poster: CheckPoster;
  holder: string;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

/**
 * Evening checks an hour after they were sent, not answered: the open items go to the channel, once, and the forms say
 * so. That includes a check that reached nobody (no personal chat, Teams refused it, nobody on duty): the post names
 * whom it could not reach and why, so the team hears of the day either way.
 */
export async function followUpUnanswered(o: FollowUpOptions, now: number): Promise<void> {
  const due = now - UNANSWERED_AFTER_MS;
  const posts = o.deps.stores.posts;
  // Undelivered ones of the last day only: an older one (a Rota down for a day) is not news any more.
  const undelivered = (await posts.postsIn(EVENING_CHECK, 'undelivered', { after: now - DAY }))
    .filter((p) => p.createdAt <= due && p.createdAt > now - DAY && p.ackedAt === undefined && p.followedUpAt === undefined);
  for (const post of [...(await posts.postsAwaitingAck(EVENING_CHECK, due)), ...undelivered]) {
    const d = CheckDetail.safeParse(post.detail);
    if (!d.success || !d.data.channel) continue;
    const detail = await unansweredDetail(o.deps, post, d.data, d.data.channel);
    const key = unansweredKey(post.key);
    if (!(await posts.claimPost({ key, kind: EVENING_UNANSWERED, rotationId: d.data.rotation.id, detail }, o.holder, now))) continue;
    await postUnanswered(o, key, detail, now);
  }
}

async function unansweredDetail(deps: ChatDeps, post: BotPost, d: CheckDetail, channel: { team: string; id: string }): Promise<ChannelPostDetail> {
  const items = itemLines(await CHECK_SOURCES.openItems(deps, d.rotation.id));
  const { reached, unreached } = await checkReach(deps, post, d);
  const noOne = d.recipients.length === 0 ? String(post.detail.reason ?? 'nobody is on duty') : undefined;
  return {
    checkKey: post.key,
    channel,
    post: { kind: 'unanswered', rotation: d.rotation, at: d.at, askedOf: reached, openItems: items ? items.split('\n') : [], unreached, ...(noOne ? { noOne } : {}) },
  };
}

/**
 * A claimed unanswered post: the check is marked followed up first (an answer from then on is late); one answered
 * between the query and the claim (the answer came first) posts nothing and is recorded so.
 */
export async function postUnanswered(o: FollowUpOptions, key: string, detail: ChannelPostDetail, now: number): Promise<void> {
  await o.deps.stores.posts.markFollowedUp(detail.checkKey, now);
  const check = await o.deps.stores.posts.post(detail.checkKey);
  if (check?.ackedAt !== undefined && check.followedUpAt === undefined) {
    return o.deps.stores.posts.markUndelivered(key, 'answered within the hour: nothing to post', now);
  }
  await postCheckToChannel(o.deps, o.poster, key, detail, now);
  await updateForms(o, detail.checkKey);
  o.log.info({ check: detail.checkKey }, 'evening check not answered within the hour: open items posted');
}

/** The evening form's copies, as the check reads now (every copy it reached, the later tries' too). */
async function updateForms(o: FollowUpOptions, checkKey: string): Promise<void> {
  const check = await o.deps.stores.posts.post(checkKey);
  const d = check ? CheckDetail.safeParse(check.detail) : undefined;
  const view = await eveningFormView(o.deps, checkKey);
  if (!check || !view || !d?.success) return;
  await o.poster.updateForms(await postedCopies(o.deps, (await checkReach(o.deps, check, d.data)).cards), view);
}

/**
 * A status Teams refused (or Rota could not post) is posted again every RETRY_CHECK_MS on the check's local day, one
 * replica each; once posted, the forms say so.
 */
export async function retryStatusPosts(o: FollowUpOptions, now: number): Promise<void> {
  for (const post of await o.deps.stores.posts.postsIn(EVENING_STATUS, 'undelivered', { after: now - 2 * DAY, atOrBefore: now - RETRY_CHECK_MS })) {
    const d = ChannelPostDetail.safeParse(post.detail);
    const check = d.success ? await o.deps.stores.posts.post(d.data.checkKey) : undefined;
    const c = check ? CheckDetail.safeParse(check.detail) : undefined;
    if (!d.success || !c?.success || now >= localDayBounds(c.data.rotation.timezone, parseLocalDate(c.data.date)!).end) continue;
    if (!(await o.deps.stores.posts.retakeUndelivered(post.key, o.holder, now))) continue;
    await postCheckToChannel(o.deps, o.poster, post.key, d.data, now);
    await updateForms(o, d.data.checkKey);
    const after = await o.deps.stores.posts.post(post.key);
    if (after?.state === 'posted') o.log.info({ check: d.data.checkKey }, 'evening status posted on a later try');
    else o.log.warn({ check: d.data.checkKey, reason: after?.detail.reason }, 'evening status still not posted');
  }
}
