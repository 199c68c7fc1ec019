import type { ShiftNotice } from '../../db/notices/NoticeStore.js';
import { MS_PER_MINUTE as MINUTE } from '../../rotation/index.js';
import { messageOf } from '../../rotation/messageOf.js';
import { personRefs, type ChatDeps, type PersonRef } from './context.js';
import { PersonUnreachable, NO_PERSONAL_CHAT } from './conversations.js';
import type { MoveRotation } from './moveLines.js';
import type { Pacer } from './moveNoticePacer.js';
import { moveNoticeText, movesPast } from './moveNoticeText.js';

const NO_CHAT = NO_PERSONAL_CHAT;
/** Teams refused a notice (429 or 5xx after the Messenger's own retries) this many times: it is kept as undelivered. */
export const MAX_NOTICE_ATTEMPTS = 5;
/** A notice left `claimed` this long: its holder stopped mid-send, and another run takes it over. */
export const STALE_NOTICE_MS = 10 * MINUTE;
/** Notices not delivered within this long of the change are given up (not tried again; `rota status` lists a week). */
export const GIVE_UP_MS = 7 * 24 * 60 * MINUTE;

/** Sends a notice's text to a person's personal chat; undefined when Rota has no way to reach them (or PersonUnreachable). */
export interface MoveNoticeSender {
  sendToPerson(to: PersonRef, text: string): Promise<{ conversationId: string; activityId?: string } | undefined>;
}

export interface MoveNoticeDelivery {
  deps: ChatDeps;
  sender: MoveNoticeSender;
  pacer: Pacer;
  holder: string;
  /** The time of each send (a paced delivery outlasts the tick's `now`). */
  clock: () => number;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
  /** True once Rota is stopping: a paced delivery ends after the notice in hand (the rest stay pending). */
  stopping?: () => boolean;
}

/**
 * Claims each notice (one caller wins), sends it paced, and records the outcome: sent; undelivered (no personal chat:
 * tried again when they next write, and listed by `rota status`); failed (Teams refused: tried again at the next tick,
 * kept as undelivered after MAX_NOTICE_ATTEMPTS); expired (every shift it lists is past). Returns how many were sent.
 */
export async function deliverNotices(o: MoveNoticeDelivery, notices: readonly ShiftNotice[], staleBefore?: number): Promise<number> {
  if (notices.length === 0) return 0;
  const rotations = await rotationNames(o.deps);
  const refs = await personRefs(o.deps.stores, [...new Set(notices.map((n) => n.member))]);
  let sent = 0;
  for (const n of notices) {
    if (o.stopping?.()) break;
    const now = o.clock();
    if (!(await o.deps.stores.notices.claim(n.id, o.holder, now, staleBefore))) continue;
    if (movesPast(n.moves, now)) {
      await o.deps.stores.notices.finish(n.id, o.holder, { state: 'expired', note: 'every shift it lists is past' }, now);
      continue;
    }
    await o.pacer.take(n.member, 2);
    // From here Teams may show it whatever happens to this process: a send cut short is never repeated (`unknown`).
    if (!(await o.deps.stores.notices.sending(n.id, o.holder, o.clock()))) continue;
    const outcome = await o.sender.sendToPerson(refs.get(n.member)!, moveNoticeText(n.moves, rotations, n.computedAt)).then(
      (where) => (where ? ({ state: 'sent' } as const) : ({ state: 'undelivered', note: NO_CHAT } as const)),
      (err: unknown) => (err instanceof PersonUnreachable ? ({ state: 'undelivered', note: err.reason } as const) : failure(n, err)),
    );
    await o.deps.stores.notices.finish(n.id, o.holder, outcome, o.clock());
    if (outcome.state === 'sent') sent++;
    else o.log.warn({ person: n.member, batch: n.batch, outcome: outcome.state, reason: outcome.note }, 'shift-moved notice not delivered');
  }
  if (sent) o.log.info({ sent }, 'shift-moved notices sent');
  return sent;
}

function failure(n: ShiftNotice, err: unknown): { state: 'failed' | 'undelivered'; note: string } {
  // `attempts` counts the claim just made.
  const tries = n.attempts + 1;
  return tries >= MAX_NOTICE_ATTEMPTS ? { state: 'undelivered', note: `Teams refused it ${tries} times: ${messageOf(err)}` } : { state: 'failed', note: `sending failed: ${messageOf(err)}` };
}

/** The person wrote to Rota: their undelivered (and failed) notices of the last GIVE_UP_MS go out now. */
export async function redeliverNoticesTo(o: MoveNoticeDelivery, email: string, now: number): Promise<number> {
  const notices = o.deps.stores.notices;
  const recent = { member: email, createdAfter: now - GIVE_UP_MS };
  const mine = [...(await notices.noticesIn('undelivered', recent)), ...(await notices.noticesIn('failed', recent))];
  return deliverNotices(o, mine.sort((a, b) => a.id - b.id));
}

/** Every rotation's name and zone as the database has them now (archived ones too), not a cached snapshot. */
function rotationNames(deps: ChatDeps): Promise<Map<string, MoveRotation>> {
  return deps.stores.notices.rotationNames();
}
