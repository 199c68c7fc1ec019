import { readCalendars, readComingEvents } from './calendars/CalendarSync.js';
import type { EventWindow, GraphClient } from './graph/GraphClient.js';
import { messageOf } from '../rotation/messageOf.js';
import { mailboxOf, refId, removedFrom, type DesiredCalendar, type DesiredTag, type DesiredTarget, type RemoteCalendar, type RemoteState, type RemoteTag, type RemovedRemote } from './model.js';
import type { TargetState } from './SyncStores.js';
import { readTags } from './tags/TagSync.js';

/**
 * The live run's remote state: every target read from Graph (reads batched across targets), and the coming
 * events of every target no rotation asks for any more. Nothing is written here.
 */
export async function readFromGraph(
  graph: GraphClient,
  desired: readonly DesiredTarget[],
  stored: readonly TargetState[],
  labels: ReadonlyMap<string, string>,
  window: EventWindow,
  now: number,
): Promise<RemoteState> {
  const byId = new Map(stored.map((s) => [refId(s), s]));
  // Three independent reads, side by side: a reconcile's time is mostly waiting for Graph.
  const [removed, tags, calendars] = await Promise.all([
    readAllRemoved(graph, removedFrom(desired, stored), { start: now, end: window.end }),
    readTags(graph, desired.filter((d): d is DesiredTag => d.target === 'tag'), byId, labels),
    readCalendars(graph, desired.filter((d): d is DesiredCalendar => d.target !== 'tag'), byId, window),
  ]);
  return { source: 'graph', targets: new Map<string, RemoteTag | RemoteCalendar>([...tags, ...calendars]), removed };
}

/** A clean-up deletes events that have not begun: `window` runs from now to the horizon. */
async function readAllRemoved(graph: GraphClient, removed: TargetState[], window: EventWindow): Promise<RemovedRemote[]> {
  const out: RemovedRemote[] = [];
  for (const s of removed) out.push(await readRemoved(graph, s, window));
  return out;
}

async function readRemoved(graph: GraphClient, s: TargetState, window: EventWindow): Promise<RemovedRemote> {
  if (s.target === 'tag' || !s.remoteId) return { stored: s, comingEvents: [] };
  try {
    return { stored: s, comingEvents: await readComingEvents(graph, { rotationId: s.rotationId, mailbox: mailboxOf(s), calendarId: s.remoteId }, window) };
  } catch (err) {
    return { stored: s, comingEvents: [], error: messageOf(err) };
  }
}
