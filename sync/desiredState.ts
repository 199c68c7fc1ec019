import type { StoredState } from '../db/types.js';
import type { Segment } from '../rotation/schedule.js';
import { desiredEvent, personalEvent } from './calendars/calendarEvents.js';
import type { Identities } from './identities.js';
import type { DesiredTarget } from './model.js';
import type { SyncStateStore } from './SyncStores.js';
import { calendarKey, tagKey, type SyncTargets } from './syncTargets.js';

/** Everything the desired state is made of, read before it is built (so building it is pure). */
export interface DesiredInputs {
  targets: SyncTargets;
  /** The segments that have not ended, up to the horizon. */
  coming: Segment[];
  people: Pick<Identities, 'ids' | 'unknown'>;
  /** Whose display names go into event subjects: everyone who can be on duty (membersOf, lower case). */
  members: ReadonlySet<string>;
  /** Handover notes of the shift before each rotation's first coming segment, by rotation id. */
  notes: ReadonlyMap<string, string | undefined>;
}

/** What every target should hold: tag members by object id, and the events of each calendar. Pure. */
export function desiredState({ targets, coming, people, members, notes }: DesiredInputs): DesiredTarget[] {
  const names = new Map([...people.ids].filter(([email, v]) => members.has(email) && v.displayName).map(([email, v]) => [email, v.displayName!]));
  const tags = targets.tags.map((t): DesiredTarget => {
    const resolved = t.onDuty.flatMap((email) => {
      const id = people.ids.get(email.toLowerCase());
      return id ? [{ id: id.objectId, label: email }] : [];
    });
    const unresolved = t.onDuty.filter((email) => !people.ids.has(email.toLowerCase())).map((email) => people.unknown.get(email.toLowerCase()) ?? `${email}: not resolved`);
    return { rotationId: t.rotationId, target: 'tag', key: tagKey(t), team: t.team, name: t.name, members: resolved, unresolved, ...(t.teamError ? { teamError: t.teamError } : {}) };
  });
  const calendars = targets.calendars.map((c): DesiredTarget => {
    const segments = coming.filter((s) => s.rotation === c.rotationId);
    const first = segments[0]?.start;
    const ctx = { rotationId: c.rotationId, rotationName: c.rotationName, names, notesBefore: (t: number) => (t === first ? notes.get(c.rotationId) : undefined) };
    return { rotationId: c.rotationId, target: 'calendar', key: calendarKey(c), mailbox: c.mailbox, name: c.name, events: segments.map((s) => desiredEvent(s, ctx)) };
  });
  const personal = targets.personal.map((p): DesiredTarget => {
    const own = coming.filter((s) => s.rotation === p.rotationId && s.members.some((m) => m.toLowerCase() === p.upn));
    const ctx = { rotationId: p.rotationId, rotationName: p.rotationName };
    // "Get user" keys a mailbox by object id or UPN only: a member whose address is their mail is reached by their id.
    const mailbox = people.ids.get(p.upn)?.objectId ?? p.upn;
    return { rotationId: p.rotationId, target: 'personal', key: p.upn, mailbox, name: '', events: own.map((s) => personalEvent(s, ctx)) };
  });
  return [...tags, ...calendars, ...personal];
}

/** Everyone of a rotation with a tag or a shared calendar, to resolve once: tag members by id, event subjects by name. */
export function peopleOf(state: StoredState, targets: SyncTargets): string[] {
  const synced = new Set([...targets.tags.flatMap((t) => t.rotations), ...targets.calendars.map((c) => c.rotationId)]);
  return [
    ...state.rotations.filter((r) => synced.has(r.id)).flatMap((r) => r.members),
    ...state.overrides.filter((o) => synced.has(o.rotationId)).map((o) => o.member),
    ...targets.tags.flatMap((t) => t.onDuty),
  ];
}

/**
 * Everyone a live run resolves: the people of the synced rotations, and every other member and cover too, so the
 * chat can match a Teams account by its object id to the address the file uses (app/usecases/people.identify) even in
 * a rotation with no tag or calendar. Each is looked up once; the cache answers afterwards.
 */
export function everyoneOf(state: StoredState, targets: SyncTargets): string[] {
  return [...peopleOf(state, targets), ...state.rotations.flatMap((r) => r.members), ...state.overrides.map((o) => o.member)];
}

/** Everyone who can be on duty, lower case: the members of every rotation and whoever an override puts on duty (a cover by anyone). */
export function membersOf(state: StoredState): Set<string> {
  return new Set([...state.rotations.flatMap((r) => r.members), ...state.overrides.map((o) => o.member)].map((m) => m.toLowerCase()));
}

/** The handover notes that go into each shared calendar's first coming event. */
export async function readNotes(store: Pick<SyncStateStore, 'latestNotes'>, targets: SyncTargets, coming: Segment[]): Promise<Map<string, string | undefined>> {
  const notes = new Map<string, string | undefined>();
  for (const c of targets.calendars) {
    const first = coming.find((s) => s.rotation === c.rotationId);
    if (first) notes.set(c.rotationId, await store.latestNotes(c.rotationId, first.shiftStart));
  }
  return notes;
}
