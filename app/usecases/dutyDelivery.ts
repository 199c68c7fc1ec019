import { copiesThisRound, type DutyCopy, type DutyRun } from '../../db/duties/DutyStore.js';
import { MS_PER_DAY as DAY } from '../../rotation/index.js';
import { messageOf } from '../../rotation/messageOf.js';
import type { ChatDeps } from './context.js';
import { unreachableReason, NO_PERSONAL_CHAT } from './conversations.js';
import { DutyCardData } from './dutyCardData.js';
import { dutyCardView, type DutyPoster } from './dutyCards.js';
import { missedAt } from './dutyRecord.js';
import { dutyShadows } from './shadowHooks.js';

const NO_CHAT = NO_PERSONAL_CHAT;
/** A run is missed at most a day and six hours after its time (missedAt), so older undelivered ones are left alone. */
const STILL_OPEN_WITHIN_MS = 2 * DAY;
type Posted = { conversationId: string; activityId?: string } | undefined;

export interface DutyDelivery {
  deps: ChatDeps;
  poster: DutyPoster;
  /** The time of each send, which may be well after the tick's `now` when Teams throttles (never taken as earlier). */
  clock: () => number;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

/**
 * Sends a claimed run's card to everyone it goes to (or the channel) who has no copy from this round yet, and records
 * the outcome: posted, or undelivered with the reason — also when it reached some of those on duty and not the
 * others, so the others are tried again (only they). Each copy is recorded as soon as it is sent, so a Rota that stops
 * mid-delivery is resumed for the rest only. The claim is refreshed before each send, so a slow delivery is not taken
 * over as stale by another replica; one that was taken over stops. A claim whose run still has `snoozedAt` is the
 * round that brings a snoozed card back (the store clears it once that round is recorded): its card says so. The
 * duties job, its retries and a person writing to Rota all send through here.
 */
export async function deliverDutyRun(o: DutyDelivery, run: DutyRun, holder: string, now: number): Promise<void> {
  const data = DutyCardData.parse(run.detail);
  const view = await dutyCardView(o.deps, run, data, now);
  const back = view.snoozedBy && run.snoozedAt !== undefined ? { by: view.snoozedBy, at: run.snoozedAt } : undefined;
  const card = back ? { ...view, back } : view;
  const thisRound = copiesThisRound(run);
  const reached = new Set(thisRound.flatMap((c) => (c.to ? [c.to] : [])));
  const sends: Send[] = data.channel
    ? thisRound.some((c) => c.via === 'channel') ? [] : [{ who: `the channel ${data.channel.id}`, send: () => o.poster.postToChannel(card, data.channel!), via: 'channel', unreachable: 'Rota is not installed in that team' }]
    : view.assignees.filter((p) => !reached.has(p.email)).map((p) => ({ who: p.email, to: p.email, send: () => o.poster.sendToPerson(card, p), via: 'personal', unreachable: NO_CHAT }));
  const failures: string[] = [];
  if (data.occurrence.post === 'channel' && !data.channel) failures.push('the rotation has no channel to post to (set `channel:` or say "subscribe" in one)');
  else if (view.assignees.length === 0 && !data.channel) failures.push('nobody is on duty in the rotation, at its time or in the week after');
  let sent = 0;
  for (const s of sends) {
    if (!(await o.deps.stores.duties.refreshClaim(run.key, holder, Math.max(now, o.clock())))) return takenOver(o, run.key, holder);
    const where = await s.send().catch((err: unknown) => unreachableReason(err));
    if (typeof where !== 'object' || !where.activityId) {
      failures.push(`${s.who}: ${typeof where === 'string' ? where : s.unreachable}`);
      continue;
    }
    const copy: DutyCopy = { via: s.via, conversationId: where.conversationId, activityId: where.activityId, ...(s.to ? { to: s.to } : {}) };
    if (!(await o.deps.stores.duties.recordCopy(run.key, holder, copy, Math.max(now, o.clock())))) return takenOver(o, run.key, holder);
    sent++;
  }
  await dutyShadows(o.deps, o.poster, run, card, { holder, now, log: o.log });
  const note = failures.length ? failures.join('; ') : undefined;
  if (!note) await o.deps.stores.duties.markPosted(run.key, undefined, now);
  else await o.deps.stores.duties.markUndelivered(run.key, note, now);
  if (note) o.log.warn({ duty: run.key, note }, 'duty card not delivered to everyone');
  else o.log.info({ duty: run.key, copies: sent, late: run.late }, back ? 'snoozed duty card sent again' : 'duty card sent');
}

function takenOver(o: DutyDelivery, key: string, holder: string): void {
  o.log.warn({ duty: key, holder }, 'duty card claim taken over while sending: the new holder sends the rest');
}

type Send = { who: string; to?: string; send: () => Promise<Posted>; via: DutyCopy['via']; unreachable: string };

/** Undelivered, unanswered runs that are still open at `now` (not yet missed), last tried at or before `triedBefore`. */
export async function openUndelivered(deps: ChatDeps, now: number, triedBefore = now): Promise<DutyRun[]> {
  const runs = await deps.stores.duties.undeliveredRuns(now - STILL_OPEN_WITHIN_MS, triedBefore);
  return runs.filter((run) => stillOpen(run, now));
}

/** Whether a run's duty is still open at `now`: its card data reads, and it does not count as missed yet (missedAt). */
export function stillOpen(run: Pick<DutyRun, 'detail'>, now: number): boolean {
  const data = DutyCardData.safeParse(run.detail);
  return data.success && now < missedAt(data.data.occurrence, data.data.rotation.timezone);
}

/**
 * Tries undelivered runs again (each retaken by one caller, then sent and recorded as the first time): the minute
 * tick's retry every RETRY_UNDELIVERED_MS, and a person writing to Rota (`only`: the personal cards that go to them).
 */
export async function redeliverDuties(o: DutyDelivery, holder: string, now: number, only?: { email: string }, triedBefore = now): Promise<number> {
  let sent = 0;
  for (const run of await openUndelivered(o.deps, now, triedBefore)) {
    const me = only?.email.toLowerCase();
    if (me && (DutyCardData.parse(run.detail).channel || !run.assignees.includes(me) || copiesThisRound(run).some((c) => c.to === me))) continue;
    if (!(await o.deps.stores.duties.retakeUndelivered(run.key, holder, now))) continue;
    await deliverDutyRun(o, (await o.deps.stores.duties.run(run.key))!, holder, now);
    sent++;
  }
  return sent;
}
