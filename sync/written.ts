import { z } from 'zod';
import type { RemoteEvent } from './calendars/eventPlan.js';
import type { TagIdentity } from './tags/tagPlan.js';

/**
 * What Rota keeps of what it wrote, in a sync_state row's JSON: a tag's members and the id of a tag Rota made
 * itself; a member's own calendar's events (shared calendars keep one row per event instead). Parsed on the way
 * back, never cast: a row written by an older Rota (or by hand) reads as "nothing known".
 */
const Member = z.object({ id: z.string(), label: z.string() });
const WrittenTag = z.object({ members: z.array(Member).optional(), createdTagId: z.string().optional() });
const Event = z.object({ id: z.string(), key: z.string(), start: z.number(), end: z.number(), subject: z.string(), hash: z.string().optional() });
const WrittenEvents = z.object({ events: z.array(Event).optional() });

export function writtenTag(written: Record<string, unknown>): { members?: TagIdentity[]; createdTagId?: string } {
  const parsed = WrittenTag.safeParse(written);
  if (!parsed.success) return {};
  const { members, createdTagId } = parsed.data;
  return { ...(members ? { members } : {}), ...(createdTagId ? { createdTagId } : {}) };
}

export function writtenEvents(written: Record<string, unknown>): RemoteEvent[] {
  const parsed = WrittenEvents.safeParse(written);
  return parsed.success ? (parsed.data.events ?? []).map(({ hash, ...e }) => ({ ...e, ...(hash ? { hash } : {}) })) : [];
}

const WrittenMailbox = z.object({ mailbox: z.string() });

/** The mailbox a member's own events were written to (their object id once resolved); undefined in older rows. */
export function writtenMailbox(written: Record<string, unknown>): string | undefined {
  const parsed = WrittenMailbox.safeParse(written);
  return parsed.success ? parsed.data.mailbox : undefined;
}
