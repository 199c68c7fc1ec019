import type { Logger } from 'pino';
import type { TargetOutcome } from './applyPlan.js';
import { eventsAfter } from './calendars/eventPlan.js';
import type { Identities } from './identities.js';
import { refId, type CalendarTargetPlan, type RemoteState } from './model.js';
import type { SyncStateStore } from './SyncStores.js';

/**
 * The last step of a live run: sync_state says what Rota wrote where, when it last succeeded, what failed and
 * how much is left undone (`rota status` shows it), and the identities looked up are cached.
 */
export async function recordRun(store: SyncStateStore, log: Logger, outcomes: TargetOutcome[], remote: RemoteState, people: Identities, now: number): Promise<void> {
  for (const [address, identity] of people.fetched) await store.cacheIdentity(address, identity, now);
  for (const o of outcomes) {
    const { plan: p } = o;
    const error = o.errors.join('; ');
    if (p.kind === 'removal') {
      if (o.errors.length) {
        await store.saveTarget(p.rotationId, p.target, p.key, { error: p.readError ? error : `clean-up after the target was removed: ${error}`, pending: 1 }, now);
        continue;
      }
      await store.deleteTarget(p.rotationId, p.target, p.key);
      if (p.forgetEvents) await store.deleteEvents(p.rotationId);
      log.info({ rotation: p.rotationId, target: p.target, key: p.key, done: o.planned }, 'sync target removed: cleaned up');
    } else if (p.kind === 'tag') {
      if (p.readError || o.aborted) {
        await store.saveTarget(p.rotationId, 'tag', p.key, { error, pending: Math.max(1, o.planned.length) }, now);
        continue;
      }
      const written = { members: p.members, ...(o.createdTagId ? { createdTagId: o.createdTagId } : {}) };
      await store.saveTarget(p.rotationId, 'tag', p.key, { remoteId: o.remoteId ?? null, written, ok: o.errors.length === 0, pending: o.pending, ...(error ? { error } : {}) }, now);
    } else await recordCalendar(store, o, p, remote, now);
  }
}

async function recordCalendar(store: SyncStateStore, o: TargetOutcome, p: CalendarTargetPlan, remote: RemoteState, now: number): Promise<void> {
  const error = o.errors.join('; ');
  // The calendar Rota knew is gone: it is looked up (or made) again on the next reconcile.
  if (p.lost) return store.saveTarget(p.rotationId, p.target, p.key, { remoteId: null, error, pending: 1 }, now);
  if (!o.remoteId || o.aborted) return store.saveTarget(p.rotationId, p.target, p.key, { error, pending: 1 }, now);
  const done = o.results.filter((r) => r.ok);
  let written: Record<string, unknown> | undefined;
  if (p.target === 'calendar') {
    for (const { op, id } of done) {
      if (op.kind === 'delete') await store.deleteEvent(p.rotationId, op.key);
      else await store.saveEvent(p.rotationId, { key: op.event.key, remoteId: id!, written: { hash: op.event.hash, start: op.event.start, end: op.event.end, subject: op.event.subject } }, now);
    }
  } else {
    // A member's own events have no rows of their own: the target's row keeps them, for the dry-run to plan against.
    const found = remote.targets.get(refId(p));
    written = { events: eventsAfter(found && found.target !== 'tag' ? found.events : [], done, now), mailbox: p.mailbox };
  }
  await store.saveTarget(p.rotationId, p.target, p.key, { remoteId: o.remoteId, ok: o.pending === 0, pending: o.pending, ...(o.pending ? { error } : {}), ...(written ? { written } : {}) }, now);
}

/** A dry-run writes nothing but how much it would do, for `rota status`. */
export async function recordDryRun(store: Pick<SyncStateStore, 'saveTarget'>, outcomes: TargetOutcome[], now: number): Promise<void> {
  for (const { plan: p, planned } of outcomes) await store.saveTarget(p.rotationId, p.target, p.key, { pending: planned.length }, now);
}
