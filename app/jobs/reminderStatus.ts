import type { PostStore } from '../../db/posts/PostStore.js';
import { formatLead } from '../usecases/reminderLeads.js';
import { ReminderDetail } from '../usecases/pendingReminders.js';
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

/** The people Rota cannot reach now (a reminder to them still in time is undelivered), each with the latest reason. */
export function unreachablePeople(rows: UndeliveredReminder[]): Array<{ person: string; reason: string }> {
  const latest = new Map<string, string>();
  for (const r of rows) if (r.pending && r.person) latest.set(r.person, r.reason);
  return [...latest].map(([person, reason]) => ({ person, reason }));
}

/** The status section: who Rota cannot reach, the reminders still in time, how many are too late now (all in `--json`). */
export function renderUndelivered(rows: UndeliveredReminder[]): string {
  if (rows.length === 0) return 'reminders: none undelivered\n';
  const pending = rows.filter((r) => r.pending);
  const late = rows.length - pending.length;
  const head = `reminders not delivered: ${pending.length} still in time (tried again every 15 minutes, and sent when the person next writes to Rota)${late ? `, ${late} too late now (listed by --json)` : ''}\n`;
  if (pending.length === 0) return head;
  const people = unreachablePeople(rows).map((p) => `  ${p.person}: ${p.reason}\n`).join('');
  const table = formatTable(['rotation', 'person', 'stretch starts', 'lead', 'reason'], pending.map((r) => [r.rotation ?? '', r.person ?? '', r.starts ?? '', r.lead ?? '', r.reason]));
  return `${head}people the bot could not reach (from its undelivered reminders):\n${people}${table}`;
}
