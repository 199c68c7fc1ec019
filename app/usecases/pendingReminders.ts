import { z } from 'zod';
import { MS_PER_MINUTE as MINUTE } from '../../rotation/index.js';
import { messageOf } from '../../rotation/messageOf.js';
import type { ChatDeps } from './context.js';
import { when } from './format.js';
import { MAX_LEAD } from './reminderLeads.js';

/** What a reminder post records: everything needed to send it later, when the person first writes. */
export const ReminderDetail = z.object({
  member: z.string(),
  rotation: z.object({ id: z.string(), name: z.string(), timezone: z.string() }),
  start: z.number(),
  end: z.number(),
  shiftStart: z.number(),
  leadMinutes: z.number(),
  reason: z.string().optional(),
});
export type ReminderDetail = z.infer<typeof ReminderDetail>;

/** The year is shown when the stretch starts in another year than the reminder is due (31 Dec for 1 Jan). */
export const reminderText = (d: ReminderDetail) =>
  `Heads-up: your **${d.rotation.name}** shift starts ${when(d.start, d.rotation.timezone, d.start - d.leadMinutes * MINUTE)}. Say "remind off" to stop these.`;

export interface ReminderLog {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
}

/**
 * Someone wrote to Rota in a personal chat, so the reminders it could not deliver to them before are sent there now,
 * if their stretch has not started (a later one stays `undelivered`, and `rota status` shows it).
 */
export async function deliverPendingReminders(
  deps: ChatDeps,
  email: string,
  now: number,
  send: (text: string) => Promise<void>,
  log: ReminderLog,
  holder = 'chat-turn',
): Promise<number> {
  // A reminder is due at most MAX_LEAD before its stretch, so one recorded longer ago than that is too late anyway.
  const pending = await deps.stores.posts.postsIn('remind', 'undelivered', { after: now - MAX_LEAD * MINUTE });
  let delivered = 0;
  for (const post of pending) {
    const d = ReminderDetail.safeParse(post.detail);
    if (!d.success || d.data.member !== email.toLowerCase() || d.data.start <= now) continue;
    if (!(await deps.stores.posts.retakeUndelivered(post.key, holder, now))) continue;
    try {
      await send(reminderText(d.data));
    } catch (err) {
      const reason = `sending failed: ${messageOf(err)}`;
      await deps.stores.posts.markUndelivered(post.key, reason, now);
      log.warn({ rotation: d.data.rotation.id, person: email, reason }, 'reminder not delivered');
      continue;
    }
    await deps.stores.posts.markPosted(post.key, { conversationId: 'personal' }, now);
    log.info({ rotation: d.data.rotation.id, person: email, start: d.data.start }, 'undelivered reminder sent as they wrote to Rota');
    delivered++;
  }
  return delivered;
}
