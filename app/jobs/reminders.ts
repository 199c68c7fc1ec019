import { segmentsBetween, MS_PER_MINUTE as MINUTE } from '../../rotation/index.js';
import { personRefs, type ChatDeps, type PersonRef, type Snapshot } from '../usecases/context.js';
import { DEFAULT_LEADS, MAX_LEAD } from '../usecases/reminderLeads.js';
import { ReminderDetail, reminderText, type ReminderLog } from '../usecases/pendingReminders.js';
import { dueLead, firstStretches, type Stretch } from './reminderPlan.js';
import { messageOf } from '../../rotation/messageOf.js';
import { unreachableReason } from '../usecases/conversations.js';

export { STALE_CLAIM_MS } from '../usecases/claims.js';
import { STALE_CLAIM_MS } from '../usecases/claims.js';
/** An undelivered reminder still in time is tried again this often (the sync may have installed Rota for them since). */
export const RETRY_UNDELIVERED_MS = 15 * MINUTE;
const NO_CHAT = 'Rota has no personal chat with them yet, and no Teams or Entra id to open one with (they have not written to Rota, and the sync has not resolved them)';

/** Once per person, stretch and lead: the key names all three, so a restart or a second replica never repeats it. */
export const reminderKey = (rotationId: string, start: number, member: string, leadMinutes: number) => `remind:${rotationId}:${start}:${member}:${leadMinutes}m`;
/** Before 0007 a reminder was keyed by the shift's handoff, with the one 24 h lead. */
const legacyKey = (s: Stretch) => `remind:${s.rotation}:${s.shiftStart}:${s.member}`;

export interface ReminderJobOptions {
  deps: ChatDeps;
  /** A personal message; false when the person cannot be reached. */
  sendPersonal(person: PersonRef, text: string): Promise<boolean>;
  holder: string;
  log: ReminderLog;
}

/**
 * The minute tick's reminders: first the ones a stopped Rota left claimed, then every stretch whose lead has come.
 * Each ends `posted` or `undelivered` (logged, shown by `rota status`, sent when the person next writes).
 */
export async function sendReminders(o: ReminderJobOptions, snap: Snapshot, now: number): Promise<void> {
  await resumeInterrupted(o, now);
  await retryUndelivered(o, now);
  const stretches = comingStretches(snap, now);
  const known = await o.deps.stores.people.people([...new Set(stretches.map((s) => s.member))]);
  for (const s of stretches) {
    const rotation = snap.rotations.find((r) => r.id === s.rotation);
    const person = known.get(s.member);
    if (!rotation || person?.reminders === false) continue;
    const lead = dueLead(s.start, (person?.reminderLeads ?? DEFAULT_LEADS).map((m) => m * MINUTE), now);
    if (lead === undefined) continue;
    const leadMinutes = lead / MINUTE;
    if (leadMinutes === DEFAULT_LEADS[0] && (await o.deps.stores.posts.post(legacyKey(s)))) continue;
    const detail: ReminderDetail = {
      member: s.member,
      rotation: { id: rotation.id, name: rotation.name, timezone: rotation.timezone },
      start: s.start,
      end: s.end,
      shiftStart: s.shiftStart,
      leadMinutes,
    };
    const key = reminderKey(rotation.id, s.start, s.member, leadMinutes);
    if (!(await o.deps.stores.posts.claimPost({ key, kind: 'remind', rotationId: rotation.id, detail }, o.holder, now))) continue;
    await deliver(o, key, detail, now);
  }
}

/** Every person's first stretch of each shift that starts within the longest lead from now. */
function comingStretches(snap: Snapshot, now: number): Stretch[] {
  const horizon = now + MAX_LEAD * MINUTE;
  const soon = segmentsBetween(snap.schedule, now, horizon);
  if (soon.length === 0) return [];
  // From the earliest of their shifts' starts, so a stretch is "first" only if the person had none before it.
  const from = Math.min(...soon.map((s) => s.shiftStart));
  return firstStretches(segmentsBetween(snap.schedule, from, horizon)).filter((s) => s.start > now && s.start <= horizon);
}

/** Sends a claimed reminder and records the outcome; an unreachable person is logged, never silently dropped. */
async function deliver(o: ReminderJobOptions, key: string, d: ReminderDetail, now: number): Promise<void> {
  const to = (await personRefs(o.deps.stores, [d.member])).get(d.member)!;
  let reason = NO_CHAT;
  let sent = false;
  try {
    sent = await o.sendPersonal(to, reminderText(d));
  } catch (err) {
    reason = unreachableReason(err);
  }
  if (sent) {
    await o.deps.stores.posts.markPosted(key, { conversationId: 'personal' }, now);
    return;
  }
  await o.deps.stores.posts.markUndelivered(key, reason, now);
  o.log.warn({ rotation: d.rotation.id, person: d.member, start: d.start, reason }, 'reminder not delivered: kept, and sent when they next write to Rota if still in time');
}

/** Undelivered reminders still in time, last tried RETRY_UNDELIVERED_MS ago or more: tried again (one replica each). */
async function retryUndelivered(o: ReminderJobOptions, now: number): Promise<void> {
  for (const post of await o.deps.stores.posts.postsIn('remind', 'undelivered', { atOrBefore: now - RETRY_UNDELIVERED_MS })) {
    const d = ReminderDetail.safeParse(post.detail);
    if (!d.success || d.data.start <= now) continue;
    if (!(await o.deps.stores.posts.retakeUndelivered(post.key, o.holder, now))) continue;
    await deliver(o, post.key, d.data, now);
  }
}

/** A reminder left `claimed` by a Rota that stopped before sending it: sent now if still in time, else recorded as missed. */
async function resumeInterrupted(o: ReminderJobOptions, now: number): Promise<void> {
  const before = now - STALE_CLAIM_MS;
  for (const post of await o.deps.stores.posts.postsIn('remind', 'claimed', { atOrBefore: before })) {
    if (!(await o.deps.stores.posts.retakeStaleClaim(post.key, o.holder, before, now))) continue;
    const d = ReminderDetail.safeParse(post.detail);
    if (d.success && d.data.start > now) {
      await deliver(o, post.key, d.data, now);
      continue;
    }
    const reason = d.success ? 'Rota stopped before sending it, and the stretch has started' : 'left claimed by an older Rota, which kept no details to send it again';
    await o.deps.stores.posts.markUndelivered(post.key, reason, now);
    o.log.warn({ rotation: post.rotationId, person: post.detail.member, reason }, 'reminder not delivered');
  }
}
