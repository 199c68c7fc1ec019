import { MS_PER_DAY } from '../../rotation/localDate.js';
import { collect, GraphRequestError } from '../graph/GraphApi.js';
import type { EventWindow, GraphClient, GraphEvent } from '../graph/GraphClient.js';
import { KEY_PROPERTY, ROTATION_PROPERTY } from '../graph/rotaProperties.js';
import { messageOf } from '../../rotation/messageOf.js';
import { refId, type CalendarTargetPlan, type DesiredCalendar, type RemoteCalendar } from '../model.js';
import type { TargetState } from '../SyncStores.js';
import type { EventOp } from './eventPlan.js';

/**
 * A calendar Rota keeps: a rotation's shared calendar (found by name, made when missing) or a member's own
 * default calendar (`blockPersonalCalendars`). Both are read and written alike: Rota's events in a bounded
 * window, found by Rota's extended property, planned by eventPlan.ts, written in $batch requests.
 */

/** How far back a reconcile looks: a running segment (and a clock a little off) stays in view; older events are history. */
export const READ_MARGIN_MS = MS_PER_DAY;

/** The calendars as they are: their ids (looked up when Rota has none) and Rota's events in `window`. */
export async function readCalendars(
  graph: GraphClient,
  calendars: DesiredCalendar[],
  stored: ReadonlyMap<string, TargetState>,
  window: EventWindow,
): Promise<Map<string, RemoteCalendar>> {
  const out = new Map<string, RemoteCalendar>(calendars.map((c) => [refId(c), { target: c.target, events: [] }]));
  const ids = new Map<DesiredCalendar, string>();
  for (const c of calendars) {
    const saved = stored.get(refId(c))?.remoteId;
    if (saved) ids.set(c, saved);
    else if (c.target === 'calendar') {
      try {
        const id = await graph.findCalendar(c.mailbox, c.name);
        if (id) ids.set(c, id);
      } catch (err) {
        out.get(refId(c))!.error = messageOf(err);
      }
    }
  }
  const lookups = calendars.filter((c) => c.target === 'personal' && !ids.has(c));
  for (const [i, r] of (await graph.defaultCalendarsOf(lookups.map((c) => c.mailbox))).entries()) {
    const c = lookups[i]!;
    if (r.ok) ids.set(c, r.value);
    else out.get(refId(c))!.error = `${c.key}'s own calendar cannot be reached (no mailbox, or outside the mailboxes Rota may write): ${r.error.message}`;
  }
  const readable = [...ids];
  const views = readable.map(([c, calendarId]) => ({ mailbox: c.mailbox, calendarId, where: { property: ROTATION_PROPERTY, value: c.rotationId }, window }));
  const reads = await graph.rotaEventsOf(views);
  for (const [i, [c, calendarId]] of readable.entries()) {
    const remote = out.get(refId(c))!;
    const r = reads[i]!;
    try {
      if (!r.ok && r.error.status === 404) Object.assign(remote, { lost: true, error: lostMessage(c) });
      else if (!r.ok) throw r.error;
      else Object.assign(remote, { calendarId, events: await collect(r.value) });
    } catch (err) {
      remote.error = messageOf(err);
    }
  }
  return out;
}

/** Rota's events of a rotation in `window`, for a clean-up; none when the calendar is gone (404). */
export async function readComingEvents(graph: GraphClient, where: { rotationId: string; mailbox: string; calendarId: string }, window: EventWindow): Promise<GraphEvent[]> {
  try {
    return await collect(graph.rotaEvents({ mailbox: where.mailbox, calendarId: where.calendarId, where: { property: ROTATION_PROPERTY, value: where.rotationId }, window }));
  } catch (err) {
    if (err instanceof GraphRequestError && err.status === 404) return []; // the calendar or mailbox is gone: nothing left to clean
    throw err;
  }
}

function lostMessage(c: DesiredCalendar): string {
  return c.target === 'calendar' ? 'calendar not found (deleted?); recreated on the next reconcile' : `${c.key}'s calendar not found; looked up again on the next reconcile`;
}

export interface EventResult {
  op: EventOp;
  ok: boolean;
  /** The event id after a create (or adoption of one found by key). */
  id?: string;
  error?: string;
}

export interface CalendarOutcome {
  written: number;
  errors: string[];
  calendarId?: string;
  results: EventResult[];
}

/** Makes the shared calendar when the plan says so, then writes the event operations. */
export async function applyCalendar(graph: GraphClient, plan: Pick<CalendarTargetPlan, 'mailbox' | 'name' | 'calendarId' | 'createCalendar' | 'ops'>): Promise<CalendarOutcome> {
  let { calendarId } = plan;
  let written = 0;
  if (plan.createCalendar) {
    try {
      calendarId = await graph.createCalendar(plan.mailbox, plan.name);
      written++;
    } catch (err) {
      return { written, errors: [messageOf(err)], results: [] };
    }
  }
  if (!calendarId) return { written, errors: plan.ops.length ? ['the calendar is not known'] : [], results: [] };
  const results = await applyEventOps(graph, plan.mailbox, calendarId, plan.ops);
  const errors = results.flatMap((r) => (r.ok ? [] : [r.error ?? 'failed']));
  return { written: written + results.filter((r) => r.ok).length, errors, calendarId, results };
}

/**
 * Writes the event operations in $batch chunks. A create whose answer was lost is not sent again blindly:
 * Rota first looks the event up by its key and adopts it when it exists.
 */
export async function applyEventOps(graph: GraphClient, mailbox: string, calendarId: string, ops: EventOp[]): Promise<EventResult[]> {
  const results = await graph.writeEvents(
    mailbox,
    calendarId,
    ops.map((op) => (op.kind === 'create' ? { kind: 'create', payload: op.event.payload } : op.kind === 'update' ? { kind: 'update', id: op.id, payload: op.event.payload } : { kind: 'delete', id: op.id })),
  );
  const out: EventResult[] = [];
  for (const [i, r] of results.entries()) {
    const op = ops[i]!;
    if (!r.error) {
      out.push({ op, ok: true, ...(op.kind === 'create' ? { id: r.id! } : op.kind === 'update' ? { id: op.id } : {}) });
    } else if (op.kind === 'delete' && r.status === 404) {
      out.push({ op, ok: true }); // already gone
    } else if (op.kind === 'create' && r.error.uncertain) {
      out.push(await createAfterDoubt(graph, mailbox, calendarId, op));
    } else if (r.error.uncertain && op.kind !== 'create') {
      out.push(await repeatIdempotent(graph, mailbox, op)); // PATCH and DELETE may be repeated
    } else {
      out.push({ op, ok: false, error: r.error.message });
    }
  }
  return out;
}

async function createAfterDoubt(graph: GraphClient, mailbox: string, calendarId: string, op: Extract<EventOp, { kind: 'create' }>): Promise<EventResult> {
  const { event } = op;
  try {
    for await (const found of graph.rotaEvents({ mailbox, calendarId, where: { property: KEY_PROPERTY, value: event.key }, window: { start: event.start, end: event.end } })) {
      return { op, ok: true, id: found.id };
    }
    return { op, ok: true, id: await graph.createEvent(mailbox, calendarId, event.payload) };
  } catch (err) {
    return { op, ok: false, error: `${messageOf(err)} (the next reconcile looks it up by key again)` };
  }
}

async function repeatIdempotent(graph: GraphClient, mailbox: string, op: Exclude<EventOp, { kind: 'create' }>): Promise<EventResult> {
  try {
    if (op.kind === 'update') await graph.updateEvent(mailbox, op.id, op.event.payload);
    else await graph.deleteEvent(mailbox, op.id);
    return { op, ok: true, ...(op.kind === 'update' ? { id: op.id } : {}) };
  } catch (err) {
    if (op.kind === 'delete' && err instanceof GraphRequestError && err.status === 404) return { op, ok: true };
    return { op, ok: false, error: messageOf(err) };
  }
}
