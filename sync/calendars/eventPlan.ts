/** A calendar's plan: desired events against Rota's events found there → the fewest operations. Pure. */
import type { GraphEvent } from '../graph/GraphClient.js';

export interface DesiredEvent {
  key: string;
  rotationId: string;
  start: number;
  end: number;
  subject: string;
  hash: string;
  /** The Graph body for POST and PATCH. */
  payload: Record<string, unknown>;
}

/** One of Rota's events found in the calendar, as the Graph client reads it. */
export type RemoteEvent = GraphEvent;

export type EventOp =
  | { kind: 'create'; event: DesiredEvent }
  | { kind: 'update'; id: string; event: DesiredEvent }
  | { kind: 'delete'; id: string; key: string; start: number; end: number; reason: 'vanished' | 'duplicate' };

/**
 * Creates what is missing, updates what differs (content hash, or a time or subject edited by hand), deletes
 * Rota's events whose segment vanished. Events that ended by `now` are history and never touched; events
 * without Rota's key are not in `remote` at all.
 */
export function planEvents(desired: readonly DesiredEvent[], remote: readonly RemoteEvent[], now: number): EventOp[] {
  const ops: EventOp[] = [];
  const byKey = new Map<string, RemoteEvent>();
  for (const r of [...remote].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (r.end <= now) continue;
    if (byKey.has(r.key)) ops.push({ kind: 'delete', id: r.id, key: r.key, start: r.start, end: r.end, reason: 'duplicate' });
    else byKey.set(r.key, r);
  }
  const wanted = new Set<string>();
  for (const d of desired) {
    wanted.add(d.key);
    const r = byKey.get(d.key);
    if (!r) ops.push({ kind: 'create', event: d });
    else if (r.hash !== d.hash || r.start !== d.start || r.end !== d.end || r.subject !== d.subject) ops.push({ kind: 'update', id: r.id, event: d });
  }
  for (const r of byKey.values()) {
    if (!wanted.has(r.key)) ops.push({ kind: 'delete', id: r.id, key: r.key, start: r.start, end: r.end, reason: 'vanished' });
  }
  return ops;
}

/**
 * Rota's coming events in a calendar after the operations that succeeded (`done`: the op and, after a create,
 * the new event's id): what Rota keeps as "last written" where it keeps no row per event. Pure.
 */
export function eventsAfter(remote: readonly RemoteEvent[], done: ReadonlyArray<{ op: EventOp; id?: string }>, now: number): RemoteEvent[] {
  const written = (e: DesiredEvent, id: string): RemoteEvent => ({ id, key: e.key, start: e.start, end: e.end, subject: e.subject, hash: e.hash });
  let events = remote.filter((e) => e.end > now);
  for (const { op, id } of done) {
    if (op.kind === 'delete') events = events.filter((e) => e.id !== op.id);
    else if (op.kind === 'update') events = events.map((e) => (e.id === op.id ? written(op.event, op.id) : e));
    else if (id) events.push(written(op.event, id));
  }
  return events;
}
