import { messageOf } from '../../rotation/messageOf.js';
import { fail, ok, type Outcome } from '../../rotation/result.js';
import { CheckDetail, ChannelPostDetail, EVENING_CHECK, EVENING_STATUS, statusKey, unansweredKey, type CheckPoster, type EveningFormView } from './checkPosts.js';
import type { BotPost } from '../../db/posts/PostStore.js';
import { checkReach } from './checkReach.js';
import { ctxOf, personRefs, snapshot, type Actor, type ChatDeps, type PersonRef } from './context.js';
import { postedCopies, type PostedCopy } from './conversations.js';
import { when } from './format.js';
import { mayAct } from './onDuty.js';

/** What an evening status may hold, in characters: the form's `maxLength`, checked again on submit (a fallback skips it). */
export const MAX_EVENING_STATUS = 4000;

const NO_CONVERSATION = 'Rota has no stored conversation in the rotation\'s team: install Rota in that team';

/** Posts a claimed status or unanswered post to the channel and records how it went, and what (posted, or undelivered and why). */
export async function postCheckToChannel(deps: ChatDeps, poster: CheckPoster, key: string, detail: ChannelPostDetail, now: number): Promise<void> {
  let reason = NO_CONVERSATION;
  try {
    const where = await poster.postToChannel(detail.channel, detail.post);
    if (where) return await deps.stores.posts.markPosted(key, { conversationId: where.conversationId, ...(where.activityId ? { activityId: where.activityId } : {}) }, now, detail);
  } catch (err) {
    reason = `posting failed: ${messageOf(err)}`;
  }
  // With what was tried: a status posted again (resubmitted) keeps its new text when it fails again.
  await deps.stores.posts.markUndelivered(key, reason, now, detail);
}

/** The evening form as it reads now, from its post, the status posted on submit and the unanswered post. */
export async function eveningFormView(deps: ChatDeps, key: string): Promise<EveningFormView | undefined> {
  const post = await deps.stores.posts.post(key);
  const parsed = post?.kind === EVENING_CHECK ? CheckDetail.safeParse(post.detail) : undefined;
  if (!post || !parsed?.success) return undefined;
  const d = parsed.data;
  const [status, unanswered] = await Promise.all([deps.stores.posts.post(statusKey(key)), deps.stores.posts.post(unansweredKey(key))]);
  const said = status ? ChannelPostDetail.safeParse(status.detail) : undefined;
  const answer = said?.success && said.data.post.kind === 'status' ? said.data.post : undefined;
  const channelPost = post.ackedAt !== undefined ? status : unanswered;
  return {
    key,
    rotation: d.rotation,
    date: d.date,
    at: d.at,
    late: d.late,
    prefill: d.prefill ?? '',
    state: post.ackedAt !== undefined ? 'answered' : post.followedUpAt !== undefined ? 'unanswered' : 'open',
    ...(post.ackedAt !== undefined ? { answeredBy: answer?.by ?? { email: post.ackedBy! }, answeredAt: post.ackedAt, answeredLate: answer?.late ?? false } : {}),
    ...(answer ? { status: answer.status } : {}),
    ...(post.followedUpAt !== undefined ? { unansweredAt: post.followedUpAt } : {}),
    ...(channelPost?.state === 'posted' && d.channel ? { posted: { channelId: d.channel.id, ...(channelPost.activityId ? { activityId: channelPost.activityId } : {}) } } : {}),
    ...(post.ackedAt !== undefined && status?.state === 'undelivered' ? { notPosted: String(status.detail.reason ?? 'not posted') } : {}),
  };
}

/** The answer to a submit: the form as it reads now, and its other copies (the others on duty) to update in place. */
export interface EveningAnswer {
  view: EveningFormView;
  copies: PostedCopy[];
}

const shown = (p: PersonRef) => p.displayName ?? p.email;

/**
 * "Post to the channel" on the evening form. Only someone the form went to, the person on duty now, or an admin
 * answers, once: a second or forged submit changes nothing and says why. After Rota posted the open items as not
 * answered, an answer is still posted, marked late (the team would rather have it late than not at all).
 */
export async function submitEveningCheck(deps: ChatDeps, poster: CheckPoster, key: string, actor: Actor & { person: PersonRef }, status: string): Promise<Outcome<EveningAnswer>> {
  const post = await deps.stores.posts.post(key);
  const parsed = post?.kind === EVENING_CHECK ? CheckDetail.safeParse(post.detail) : undefined;
  if (!post || !parsed?.success) return fail('I know nothing about this evening check; nothing was posted.');
  const d = parsed.data;
  if (post.ackedAt !== undefined) {
    const said = await deps.stores.posts.post(statusKey(key));
    if (said?.state !== 'undelivered' || post.ackedBy !== actor.email) return fail(await alreadyAnswered(deps, post.ackedBy!, post.ackedAt, d));
    return postAgain(deps, poster, post, d, actor, status);
  }
  const text = status.trim();
  const problem = statusProblem(text);
  if (problem) return fail(problem);
  const snap = await snapshot(deps);
  if (!snap.rotations.some((r) => r.id === d.rotation.id) && !mayAct(snap, d.rotation.id, actor.email, actor.now, [])) {
    return fail(`${d.rotation.name} is no longer in the rotation file: only an admin of the whole file can answer its evening check; nothing was posted.`);
  }
  if (!mayAct(snap, d.rotation.id, actor.email, actor.now, d.recipients.map((p) => p.email))) return fail(`Only ${d.recipients.map(shown).join(', ') || 'the person on duty'} (asked for it), whoever is on duty in ${d.rotation.name} now, or an admin can answer this evening check; nothing was posted.`);
  if (!d.channel) return fail(`${d.rotation.name} has no channel to post the evening check to; nothing was posted.`);
  const audit = { action: 'check.evening.answered', detail: { key, status: text } };
  if (!(await deps.stores.posts.ackPost(key, actor.email, ctxOf(actor), audit))) {
    const now = (await deps.stores.posts.post(key))!;
    return fail(await alreadyAnswered(deps, now.ackedBy!, now.ackedAt!, d));
  }
  const late = (await deps.stores.posts.post(key))!.followedUpAt !== undefined;
  const detail: ChannelPostDetail = { checkKey: key, channel: d.channel, post: { kind: 'status', rotation: d.rotation, at: d.at, by: actor.person, status: text, late } };
  // The answer above is the one gate (first wins), so this claim is always the first of its key.
  if (await deps.stores.posts.claimPost({ key: statusKey(key), kind: EVENING_STATUS, rotationId: d.rotation.id, detail }, `chat:${actor.email}`, actor.now)) {
    await postCheckToChannel(deps, poster, statusKey(key), detail, actor.now);
  }
  return answered(deps, key, actor.email);
}

function statusProblem(text: string): string | undefined {
  if (!text) return 'status: expected a few words on how the day went and what is still open; it was empty, so nothing was posted.';
  const length = [...text].length;
  if (length > MAX_EVENING_STATUS) return `status: at most ${MAX_EVENING_STATUS.toLocaleString('en-US')} characters, this one has ${length.toLocaleString('en-US')}. Shorten it and submit again; nothing was posted.`;
  return undefined;
}

/** The form as it reads now, and every other copy it reached (the later tries' too). */
async function answered(deps: ChatDeps, key: string, by: string): Promise<Outcome<EveningAnswer>> {
  const post = (await deps.stores.posts.post(key))!;
  const { cards } = await checkReach(deps, post, CheckDetail.parse(post.detail));
  return ok({ view: (await eveningFormView(deps, key))!, copies: await postedCopies(deps, cards, by) });
}

/**
 * The answerer posts their status again (perhaps changed) while it is not posted: the retry is claimed once (against
 * the minute tick's retry too) and audited; it is posted as it was first, late or not.
 */
async function postAgain(deps: ChatDeps, poster: CheckPoster, post: BotPost, d: CheckDetail, actor: Actor & { person: PersonRef }, status: string): Promise<Outcome<EveningAnswer>> {
  const text = status.trim();
  const problem = statusProblem(text);
  if (problem) return fail(problem);
  const key = statusKey(post.key);
  const before = ChannelPostDetail.safeParse((await deps.stores.posts.post(key))?.detail);
  if (!before.success || before.data.post.kind !== 'status') return fail(await alreadyAnswered(deps, post.ackedBy!, post.ackedAt!, d));
  const audit = { ctx: ctxOf(actor), action: 'check.evening.resubmitted', detail: { key: post.key, status: text } };
  if (!(await deps.stores.posts.retakeUndelivered(key, `chat:${actor.email}`, actor.now, audit))) {
    return fail(`The status of ${d.rotation.name}'s evening check is being posted already; nothing changed.`);
  }
  const detail: ChannelPostDetail = { ...before.data, post: { ...before.data.post, status: text } };
  await postCheckToChannel(deps, poster, key, detail, actor.now);
  return answered(deps, post.key, actor.email);
}

async function alreadyAnswered(deps: ChatDeps, by: string, at: number, d: CheckDetail): Promise<string> {
  const who = (await personRefs(deps.stores, [by])).get(by)!;
  return `The evening check of ${d.rotation.name} was already answered by ${shown(who)} at ${when(at, d.rotation.timezone)}; nothing changed.`;
}
