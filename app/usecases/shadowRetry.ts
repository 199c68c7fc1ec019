import { z } from 'zod';
import { CATCH_UP_MS } from './claims.js';
import { personRefs, type ChatDeps } from './context.js';
import { DutyCardData } from './dutyCardData.js';
import { dutyCardView, type DutyPoster } from './dutyCards.js';
import { HandoffData, type HandoffPoster } from './handoffPosts.js';
import { deliverShadowCopy, SHADOW_KIND, type SendShadowCopy } from './shadowCopies.js';
import { escalationOfPost, type EscalationShadowSender } from './shadowEscalations.js';

/** How the bot sends each kind of copy: the handoff and duty posters' `sendShadowCopy`, and the escalation's sender. */
export type ShadowSenders = {
  handoff?: Pick<HandoffPoster, 'sendShadowCopy'>;
  duty?: Pick<DutyPoster, 'sendShadowCopy'>;
  escalation?: EscalationShadowSender;
};

/** A copy is tried again only while its original is this recent: a handoff card of yesterday helps nobody follow along. */
export const SHADOW_RETRY_WITHIN_MS = CATCH_UP_MS;

/** What a shadow copy's claim records (shadowCopies.ts). */
const ShadowDetail = z.object({ of: z.string(), to: z.string(), kind: z.enum(['handoff', 'duty', 'escalation']) });
type ShadowDetail = z.infer<typeof ShadowDetail>;

type Options = { holder: string; now: number; log: { warn(o: object, m: string): void }; triedBefore?: number; only?: { email: string } };

/**
 * Undelivered shadow copies sent again, as the other personal messages are: by the minute tick for those last tried
 * at or before `triedBefore` (RETRY_UNDELIVERED_MS ago), and at once for `only` the shadow who just wrote to Rota.
 * Only while the original is recent (SHADOW_RETRY_WITHIN_MS); each copy is retaken by one caller, then sent and
 * recorded as the first time. The copy is drawn from the original as recorded (the handoff post, the duty run, the
 * escalation's item). Returns how many went.
 */
export async function retryShadowCopies(deps: ChatDeps, senders: ShadowSenders, o: Options): Promise<number> {
  // Last tried after the window opened (a copy is tried no earlier than its original): older ones are not read at all.
  const window = { after: o.now - SHADOW_RETRY_WITHIN_MS, ...(o.triedBefore !== undefined ? { atOrBefore: o.triedBefore } : {}) };
  const posts = await deps.stores.posts.postsIn(SHADOW_KIND, 'undelivered', window);
  const me = o.only?.email.toLowerCase();
  let sent = 0;
  for (const post of posts) {
    const d = ShadowDetail.safeParse(post.detail);
    if (!d.success || post.createdAt <= o.now - SHADOW_RETRY_WITHIN_MS || (me && d.data.to.toLowerCase() !== me)) continue;
    const send = await senderFor(deps, senders, d.data, o.now);
    if (!send || !(await deps.stores.posts.retakeUndelivered(post.key, o.holder, o.now))) continue;
    const to = (await personRefs(deps.stores, [d.data.to])).get(d.data.to) ?? { email: d.data.to };
    if (await deliverShadowCopy(deps, send, post.key, to, o)) sent++;
  }
  return sent;
}

/** The copy's sender with its original drawn again; undefined when the original is gone or the bot has no such sender. */
async function senderFor(deps: ChatDeps, senders: ShadowSenders, d: ShadowDetail, now: number): Promise<SendShadowCopy | undefined> {
  if (d.kind === 'duty') {
    const poster = senders.duty;
    const run = await deps.stores.duties.run(d.of);
    const data = run ? DutyCardData.safeParse(run.detail) : undefined;
    if (!poster?.sendShadowCopy || !run || !data?.success) return undefined;
    const view = await dutyCardView(deps, run, data.data, now);
    return (to) => poster.sendShadowCopy!(view, to);
  }
  const original = await deps.stores.posts.post(d.of);
  if (original?.state !== 'posted') return undefined;
  if (d.kind === 'handoff') {
    const poster = senders.handoff;
    const h = HandoffData.safeParse(original.detail);
    return poster?.sendShadowCopy && h.success ? (to) => poster.sendShadowCopy!(to, h.data) : undefined;
  }
  const send = senders.escalation;
  const e = send ? await escalationOfPost(deps, original) : undefined;
  return send && e ? (to) => send(e, to) : undefined;
}
