import { planEvents, type EventOp } from './calendars/eventPlan.js';
import {
  mailboxOf,
  refId,
  type CalendarTargetPlan,
  type DesiredCalendar,
  type DesiredTag,
  type DesiredTarget,
  type RemoteCalendar,
  type RemoteState,
  type RemoteTag,
  type RemovalPlan,
  type RemovedRemote,
  type SyncPlan,
  type TagTargetPlan,
} from './model.js';
import { planTag, tagDrift } from './tags/tagPlan.js';
import { writtenTag } from './written.js';

/**
 * The one plan of a reconcile, for the live run (remote read from Graph) and the dry-run (remote taken from what
 * Rota last wrote) alike: per desired target the fewest writes, and per target no rotation asks for any more
 * its clean-up. Pure: no I/O, no clock (`now` only tells history from what is still to come).
 */
export function planSync(desired: readonly DesiredTarget[], remote: RemoteState, now: number): SyncPlan {
  const removals = remote.removed.map((r) => planRemoval(r, desired, now));
  const kept = desired.map((d) => {
    const found = remote.targets.get(refId(d));
    if (d.target === 'tag') return planTagTarget(d, found?.target === 'tag' ? found : undefined);
    return planCalendar(d, found && found.target !== 'tag' ? found : undefined, now);
  });
  return { source: remote.source, targets: [...removals, ...kept] };
}

function planTagTarget(d: DesiredTag, r: RemoteTag | undefined): TagTargetPlan {
  const base = { kind: 'tag' as const, rotationId: d.rotationId, target: 'tag' as const, key: d.key, team: d.team, name: d.name, members: d.members };
  if (d.teamError !== undefined || !r || r.error !== undefined) {
    const readError = d.teamError ?? r?.error ?? 'not read';
    return { ...base, add: [], remove: [], drift: [], errors: [readError], readError };
  }
  const { add, remove } = planTag(d.members, r.members);
  return {
    ...base,
    ...(r.tagId ? { tagId: r.tagId } : {}),
    ...(r.tagId && r.createdTagId === r.tagId ? { createdTagId: r.createdTagId } : {}),
    add,
    remove,
    // Only a tag that is there can have been changed by hand.
    drift: r.tagId && r.lastWritten ? tagDrift(r.lastWritten, r.members) : [],
    errors: d.unresolved,
  };
}

function planCalendar(d: DesiredCalendar, r: RemoteCalendar | undefined, now: number): CalendarTargetPlan {
  const base = { kind: 'calendar' as const, rotationId: d.rotationId, target: d.target, key: d.key, mailbox: d.mailbox, name: d.name };
  if (!r || r.error !== undefined) return { ...base, createCalendar: false, ops: [], readError: r?.error ?? 'not read', ...(r?.lost ? { lost: true } : {}) };
  return {
    ...base,
    ...(r.calendarId ? { calendarId: r.calendarId } : {}),
    // A member's default calendar always exists; a shared one is made when it is not there.
    createCalendar: d.target === 'calendar' && !r.calendarId,
    ops: planEvents(d.events, r.events, now),
  };
}

/**
 * A rotation that lost its tag or calendar (or was archived, or left the file) leaves nothing of Rota behind in
 * the future: its coming events are deleted by key (running and past ones are history), and a tag Rota created
 * itself is deleted. A tag Rota found already there (made by people, maybe used beyond Rota) is left as it is.
 */
function planRemoval({ stored: s, comingEvents, error }: RemovedRemote, desired: readonly DesiredTarget[], now: number): RemovalPlan {
  const plan: RemovalPlan = {
    kind: 'removal',
    rotationId: s.rotationId,
    target: s.target,
    key: s.key,
    ops: [],
    forgetEvents: s.target === 'calendar' && !desired.some((d) => d.target === 'calendar' && d.rotationId === s.rotationId),
  };
  if (s.target === 'tag') {
    const stillSynced = desired.some((d) => d.target === 'tag' && d.key === s.key); // another rotation keeps the same tag
    if (!s.remoteId || stillSynced) return plan; // never made, or kept
    const [team, name] = [s.key.slice(0, s.key.indexOf('/')), s.key.slice(s.key.indexOf('/') + 1)];
    return { ...plan, tag: { action: writtenTag(s.written).createdTagId === s.remoteId ? 'delete' : 'leave', team, name, tagId: s.remoteId } };
  }
  if (!s.remoteId) return plan;
  const where = { ...plan, mailbox: mailboxOf(s), calendarId: s.remoteId };
  if (error) return { ...where, readError: error };
  const ops = comingEvents.filter((e) => e.start >= now).map((e): EventOp => ({ kind: 'delete', id: e.id, key: e.key, start: e.start, end: e.end, reason: 'vanished' }));
  return { ...where, ops };
}
