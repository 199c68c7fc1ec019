import type { DesiredEvent, EventOp, RemoteEvent } from './calendars/eventPlan.js';
import type { TargetState, SyncTarget } from './SyncStores.js';
import type { RemoteTagMember, TagIdentity } from './tags/tagPlan.js';
import { writtenMailbox } from './written.js';

/**
 * The data of one reconcile, in the order it flows: what should be (desired), what is (remote: read from Graph,
 * or taken from what Rota last wrote in a dry-run), and the plan between them. All plain data: tests compare it
 * with toEqual, and the live run and the dry-run plan with the same function (planSync).
 */

export type { SyncTarget };

export interface TargetRef {
  rotationId: string;
  target: SyncTarget;
  /** "team/tag name", "mailbox/calendar name", or the member's e-mail. */
  key: string;
}

/** One string per target, to key maps by. */
export const refId = (r: TargetRef): string => `${r.rotationId}\u0000${r.target}\u0000${r.key}`;

/**
 * What Rota recorded of a desired tag: its own row, or else the row of another owner with the same key (a tag moved
 * from a rotation into a top-level `tags:` entry, or back), so the tag is adopted with its id, members and creator.
 */
export function storedTag(stored: ReadonlyMap<string, TargetState>, t: TargetRef): TargetState | undefined {
  return stored.get(refId(t)) ?? [...stored.values()].find((s) => s.target === 'tag' && s.key === t.key);
}

/** The targets Rota synced before (sync_state) that no rotation asks for now: each gets a clean-up. */
export function removedFrom(desired: readonly TargetRef[], stored: readonly TargetState[]): TargetState[] {
  const live = new Set(desired.map(refId));
  return stored.filter((s) => !live.has(refId(s)));
}

/**
 * The mailbox of a stored calendar target: a shared one is keyed "mailbox/name"; a member's own is keyed by their
 * address, and its row keeps the mailbox written to (the object id: a mail that is not the UPN is no mailbox key).
 */
export const mailboxOf = (t: TargetRef & { written?: Record<string, unknown> }): string =>
  t.target === 'personal' ? (writtenMailbox(t.written ?? {}) ?? t.key) : t.key.slice(0, t.key.indexOf('/'));

// ---- desired ------------------------------------------------------------------------------------------

export interface DesiredTag extends TargetRef {
  target: 'tag';
  team: string;
  name: string;
  /** Who is on duty now, by Entra object id. */
  members: TagIdentity[];
  /** On duty but not resolved to a user: reported, left out of the tag. */
  unresolved: string[];
  /** The team could not be resolved to its group id: the tag is neither read nor written. */
  teamError?: string;
}

export interface DesiredCalendar extends TargetRef {
  target: 'calendar' | 'personal';
  mailbox: string;
  /** The shared calendar's name; '' for a member's default calendar. */
  name: string;
  events: DesiredEvent[];
}

export type DesiredTarget = DesiredTag | DesiredCalendar;

// ---- remote -------------------------------------------------------------------------------------------

export interface RemoteTag {
  target: 'tag';
  /** Undefined when the tag does not exist (never made, or deleted by hand). */
  tagId?: string;
  members: RemoteTagMember[];
  /** Who Rota wrote last time, to tell hand-made changes (drift). */
  lastWritten?: TagIdentity[];
  /** The tag is one Rota made (recorded under this owner, or another that had the tag before: a tag moved into `tags:`). */
  createdTagId?: string;
  /** The read failed: nothing is written to this target this time. */
  error?: string;
}

export interface RemoteCalendar {
  target: 'calendar' | 'personal';
  /** Undefined when the shared calendar does not exist yet. */
  calendarId?: string;
  /** Rota's events in the window read (other events are never read). */
  events: RemoteEvent[];
  error?: string;
  /** The calendar Rota knew is gone (404): it is looked up or made again on the next reconcile. */
  lost?: boolean;
}

/** A target Rota synced before and no rotation asks for now, with its coming events (calendars). */
export interface RemovedRemote {
  stored: TargetState;
  comingEvents: RemoteEvent[];
  error?: string;
}

export interface RemoteState {
  source: 'graph' | 'last-written';
  /** By refId of a desired target. */
  targets: ReadonlyMap<string, RemoteTag | RemoteCalendar>;
  removed: RemovedRemote[];
}

// ---- plan ---------------------------------------------------------------------------------------------

export interface TagTargetPlan extends TargetRef {
  kind: 'tag';
  target: 'tag';
  team: string;
  name: string;
  /** Undefined: the tag is created (with the first members to add). */
  tagId?: string;
  add: TagIdentity[];
  remove: RemoteTagMember[];
  /** Who the tag should hold, recorded as what Rota wrote. */
  members: TagIdentity[];
  /** Rota made the tag (kept when the tag moves to another owner, so a later clean-up still deletes it). */
  createdTagId?: string;
  drift: string[];
  errors: string[];
  /** Set when the read failed: nothing is written. */
  readError?: string;
}

export interface CalendarTargetPlan extends TargetRef {
  kind: 'calendar';
  target: 'calendar' | 'personal';
  mailbox: string;
  name: string;
  /** Undefined with `createCalendar`: the shared calendar is made first. */
  calendarId?: string;
  createCalendar: boolean;
  ops: EventOp[];
  readError?: string;
  lost?: boolean;
}

export interface RemovalPlan extends TargetRef {
  kind: 'removal';
  /** A tag Rota created is deleted; one it found already there is left in place (people may use it). */
  tag?: { action: 'delete' | 'leave'; team: string; name: string; tagId: string };
  mailbox?: string;
  calendarId?: string;
  /** Rota's coming events in that calendar: deleted (running and past ones are history). */
  ops: EventOp[];
  /** The shared calendar's event rows go too: the rotation has no shared calendar any more. */
  forgetEvents: boolean;
  readError?: string;
}

export type TargetPlan = TagTargetPlan | CalendarTargetPlan | RemovalPlan;

export interface SyncPlan {
  source: RemoteState['source'];
  /** Clean-ups first (a calendar that moved loses its old events first), then tags, calendars, own calendars. */
  targets: TargetPlan[];
}
