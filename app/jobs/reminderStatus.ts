import type { PostStore } from '../../db/posts/PostStore.js';
import { formatLead } from '../usecases/reminderLeads.js';
import { ReminderDetail } from './reminders.js';
import { formatTable, isoInZone } from '../usecases/format.js';

/** One reminder Rota could not deliver, as `rota status` shows it. */
export interface UndeliveredReminder {
  rotation: string | null;
  person: string | null;
  /** The stretch the reminder was about (ISO, in the rotation's zone); null for a record from before 0007. */
  starts: string | null;
  lead: string | null;
  reason: string;
  /** Still in time: it is sent when the person next writes to Rota. */
  pending: boolean;
}

export async function undeliveredReminders(posts: Pick<PostStore, 'postsIn'>, now: number): Promise<UndeliveredReminder[]> {
  return (await posts.postsIn('remind', 'undelivered')).map((post) => {
    const d = ReminderDetail.safeParse(post.detail);
    const reason = typeof post.detail.reason === 'string' ? post.detail.reason : 'unknown';
    if (!d.success) {
      const person = typeof post.detail.member === 'string' ? post.detail.member : null;
      return { rotation: post.rotationId ?? null, person, starts: null, lead: null, reason, pending: false };
    }
    const r = d.data;
    return { rotation: r.rotation.id, person: r.member, starts: isoInZone(r.start, r.rotation.timezone), lead: formatLead(r.leadMinutes), reason, pending: r.start > now };
  });
}

/** The status section: the ones still in time, and how many are too late now (all are in `--json`). */
export function renderUndelivered(rows: UndeliveredReminder[]): string {
  if (rows.length === 0) return 'reminders: none undelivered\n';
  const pending = rows.filter((r) => r.pending);
  const late = rows.length - pending.length;
  const head = `reminders not delivered: ${pending.length} still in time (sent when the person next writes to Rota)${late ? `, ${late} too late now (listed by --json)` : ''}\n`;
  if (pending.length === 0) return head;
  return head + formatTable(['rotation', 'person', 'stretch starts', 'lead', 'reason'], pending.map((r) => [r.rotation ?? '', r.person ?? '', r.starts ?? '', r.lead ?? '', r.reason]));
}
