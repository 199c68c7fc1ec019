import type { RemoteEvent } from './calendars/eventPlan.js';
import { refId, removedFrom, storedTag, type DesiredTarget, type RemoteCalendar, type RemoteState, type RemoteTag } from './model.js';
import type { TargetState, SyncStateStore } from './SyncStores.js';
import { writtenEvents, writtenTag } from './written.js';

/**
 * The dry-run's remote state, without Graph: what Rota last wrote (sync_state) stands for what is there. Hand-made
 * changes in Teams or Outlook are not seen, so a dry-run never reports drift.
 */
export async function readLastWritten(store: Pick<SyncStateStore, 'events'>, desired: readonly DesiredTarget[], stored: readonly TargetState[], horizonEnd: number): Promise<RemoteState> {
  const byId = new Map(stored.map((s) => [refId(s), s]));
  const rows = new Map<string, Promise<RemoteEvent[]>>();
  // A shared calendar's events have a row each, per rotation; a member's own are kept in their target's row.
  const sharedEvents = (rotationId: string) => {
    if (!rows.has(rotationId)) {
      rows.set(rotationId, store.events(rotationId).then((es) => es.map((e) => ({ id: e.remoteId, key: e.key, start: e.written.start, end: e.written.end, subject: e.written.subject, hash: e.written.hash }))));
    }
    return rows.get(rotationId)!;
  };
  const eventsOf = (t: { rotationId: string; target: 'calendar' | 'personal' }, s: TargetState | undefined) =>
    t.target === 'calendar' ? sharedEvents(t.rotationId) : Promise.resolve(s ? writtenEvents(s.written) : []);

  const targets = new Map<string, RemoteTag | RemoteCalendar>();
  for (const d of desired) {
    const s = byId.get(refId(d));
    const calendarId = s?.remoteId ? { calendarId: s.remoteId } : {};
    if (d.target === 'tag') {
      const t = storedTag(byId, d);
      const { members = [], createdTagId } = t ? writtenTag(t.written) : {};
      const ids = { ...(t?.remoteId ? { tagId: t.remoteId } : {}), ...(createdTagId ? { createdTagId } : {}) };
      targets.set(refId(d), { target: 'tag', ...ids, members: members.map((m) => ({ ...m, memberId: m.id })), lastWritten: members });
    } else targets.set(refId(d), { target: d.target, ...calendarId, events: await eventsOf(d, s) });
  }
  const removed = [];
  for (const s of removedFrom(desired, stored)) {
    const coming = s.target === 'tag' ? [] : (await eventsOf({ rotationId: s.rotationId, target: s.target }, s)).filter((e) => e.start < horizonEnd);
    removed.push({ stored: s, comingEvents: coming });
  }
  return { source: 'last-written', targets, removed };
}
