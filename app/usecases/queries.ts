import { doubleBookedDuring, doubleBookings, dutyAt, otherRotation, nextStretches, onDutyAt, segmentsBetween, MS_PER_WEEK as WEEK } from '../../rotation/index.js';
import type { Segment } from '../../rotation/schedule.js';
import { readQuestion, workingTime, zoneOf } from './question.js';
import { findRotation, personRefs, snapshot, type ChatDeps, type PersonRef, type RotationInfo, type Snapshot } from './context.js';
import { ok, type Outcome } from '../../rotation/result.js';

export interface Stretch {
  start: number;
  end: number;
  members: PersonRef[];
  source: 'rotation' | 'override';
  conflict: boolean;
  /** Members who are on duty in another rotation during this stretch, and which (double booked). */
  alsoOn?: Array<{ member: string; rotation: string }>;
}

export interface WhoView {
  rotation: Pick<RotationInfo, 'id' | 'name' | 'timezone'>;
  now?: Stretch;
  next?: Stretch;
  escalation?: { rotation: Pick<RotationInfo, 'id' | 'name'>; members: PersonRef[] };
}

export interface ScheduleView {
  rotation: Pick<RotationInfo, 'id' | 'name' | 'timezone'>;
  segments: Stretch[];
}

export interface MyShift {
  rotation: Pick<RotationInfo, 'id' | 'name' | 'timezone'>;
  start: number;
  end: number;
  inProgress: boolean;
  override: boolean;
  /** On duty here although away (time off), or nobody else was free. */
  conflict: boolean;
  /** Other rotations this person is on duty in during this stretch (double booked). */
  alsoOn: Array<Pick<RotationInfo, 'id' | 'name' | 'timezone'>>;
}

/** The rotations a question is about: the named one, or all of them. */
function pick(snap: Snapshot, name: string | undefined): Outcome<RotationInfo[]> {
  if (!name?.trim()) return ok(snap.rotations);
  const found = findRotation(snap, name);
  return found.ok ? ok([found.value]) : found;
}

const brief = (r: RotationInfo) => ({ id: r.id, name: r.name, timezone: r.timezone });

const toStretch = (refs: Map<string, PersonRef>) => (s: Segment): Stretch => ({ start: s.start, end: s.end, members: s.members.map((m) => refs.get(m)!), source: s.source, conflict: s.conflict });

/** One view per rotation, everyone shown looked up at once (not once per rotation). */
async function views(deps: ChatDeps, rotations: RotationInfo[], segmentsOf: (r: RotationInfo) => Segment[]): Promise<ScheduleView[]> {
  const segments = rotations.map(segmentsOf);
  const stretch = toStretch(await personRefs(deps.stores, [...new Set(segments.flat().flatMap((s) => s.members))]));
  return rotations.map((r, i) => ({ rotation: brief(r), segments: segments[i]!.map(stretch) }));
}

export interface WhoAnswer {
  /** The time asked about, when it was not now ("tomorrow" is 09:00 that day, the start of a working day; "today" is now). */
  asked?: number;
  views: WhoView[];
}

/**
 * Who is on duty now or at the time asked about ("ops tomorrow", "night at 23:00", "on 24 Dec"), since and until when,
 * who is next, and the escalation rotation's person.
 */
export async function whoView(deps: ChatDeps, now: number, question?: string): Promise<Outcome<WhoAnswer>> {
  const snap = await snapshot(deps);
  const q = readQuestion(snap, question ?? '', now);
  if (!q.ok) return q;
  const at = q.value.at ? workingTime(q.value.at, zoneOf(snap, q.value.rotation), now) : now;
  const picked = q.value.rotation ? [q.value.rotation] : snap.rotations;
  const escalationOf = (r: RotationInfo) => (r.def.escalation ? snap.rotations.find((x) => x.id === r.def.escalation) : undefined);
  // Duty (since, until, next) only for the rotations shown and their escalation rotations: `who ops` reads ops.
  const shown = [...new Set(picked.flatMap((r) => [r, escalationOf(r)]).flatMap((r) => (r ? [r.id] : [])))];
  const answers = new Map(dutyAt(snap.schedule, at, shown).map((a) => [a.rotationId, a]));
  // A double booking needs only who is on duty elsewhere at that instant, read once and only if asked.
  let inForce: Map<string, string[]> | undefined;
  const onDutyIn = (id: string): string[] => {
    const a = answers.get(id);
    if (a) return a.now?.members ?? [];
    inForce ??= new Map(onDutyAt(snap.schedule, at).map((s) => [s.rotation, s.members]));
    return inForce.get(id) ?? [];
  };
  // One look-up of everyone shown: `who` is the hot path.
  const emails = picked.flatMap((r) => {
    const a = answers.get(r.id)!;
    const esc = escalationOf(r);
    return [...(a.now?.members ?? []), ...(a.next?.members ?? []), ...(esc ? (answers.get(esc.id)?.now?.members ?? []) : [])];
  });
  const refs = await personRefs(deps.stores, [...new Set(emails)]);
  const stretch = toStretch(refs);
  // Who on duty then is also on duty in another rotation at that moment (double booked), from the answers in hand:
  // both rotations exclusive (an escalation rotation says `exclusive: false`).
  const exclusive = snap.rotations.filter((r) => r.def.exclusive !== false);
  const alsoOn = (r: RotationInfo) =>
    r.def.exclusive === false
      ? []
      : onDutyIn(r.id).flatMap((member) =>
          exclusive.filter((x) => x.id !== r.id && onDutyIn(x.id).includes(member)).map((x) => ({ member, rotation: x.name })),
        );
  const views = picked.map((r) => {
    const a = answers.get(r.id)!;
    const esc = escalationOf(r);
    const escNow = esc ? answers.get(esc.id)?.now : undefined;
    const also = alsoOn(r);
    return {
      rotation: brief(r),
      ...(a.now ? { now: { ...stretch(a.now), ...(also.length ? { alsoOn: also } : {}) } } : {}),
      ...(a.next ? { next: stretch(a.next) } : {}),
      ...(esc ? { escalation: { rotation: { id: esc.id, name: esc.name }, members: escNow ? stretch(escNow).members : [] } } : {}),
    };
  });
  return ok({ ...(at !== now ? { asked: at } : {}), views });
}

/** The coming stretches of each rotation over `weeks`, overrides, conflicts and double bookings marked. */
export async function scheduleView(deps: ChatDeps, now: number, name: string | undefined, weeks: number): Promise<Outcome<ScheduleView[]>> {
  const snap = await snapshot(deps);
  const picked = pick(snap, name);
  if (!picked.ok) return picked;
  const to = now + weeks * WEEK;
  const segments = segmentsBetween(snap.schedule, now, to);
  const bookings = doubleBookings(snap.schedule, now, to);
  const nameOf = new Map(snap.rotations.map((r) => [r.id, r.name]));
  const result = await views(deps, picked.value, (r) => segments.filter((s) => s.rotation === r.id));
  for (const v of result) {
    for (const st of v.segments) {
      const also = st.members.flatMap((m) =>
        doubleBookedDuring(bookings, m.email, v.rotation.id, st.start, st.end).map((b) => ({ member: m.email, rotation: nameOf.get(otherRotation(b, v.rotation.id)) ?? '' })),
      );
      const unique = [...new Map(also.map((a) => [`${a.member} ${a.rotation}`, a])).values()];
      if (unique.length) st.alsoOn = unique;
    }
  }
  return ok(result);
}

/** The next `count` on-duty stretches of each rotation (an `hours` window's own start, overrides applied). */
export async function nextView(deps: ChatDeps, now: number, name: string | undefined, count = 3): Promise<Outcome<ScheduleView[]>> {
  const snap = await snapshot(deps);
  const picked = pick(snap, name);
  if (!picked.ok) return picked;
  return ok(await views(deps, picked.value, (r) => nextStretches(snap.schedule, r.id, now, count)));
}

export interface MyShifts {
  weeks: number;
  shifts: MyShift[];
}

/**
 * The asker's stretches on duty in every rotation over the next `weeks`, the one in progress included, in time
 * order; each says whether it comes from an override and which other rotation they are on duty in at the same time.
 */
export async function myShiftsView(deps: ChatDeps, now: number, email: string, weeks = 4): Promise<MyShifts> {
  const snap = await snapshot(deps);
  const to = now + weeks * WEEK;
  const bookings = doubleBookings(snap.schedule, now, to).filter((b) => b.member === email);
  const byId = new Map(snap.rotations.map((r) => [r.id, r]));
  const shifts: MyShift[] = [];
  for (const s of segmentsBetween(snap.schedule, now, to).filter((g) => g.members.includes(email) && byId.has(g.rotation))) {
    const last = shifts.findLast((m) => m.rotation.id === s.rotation);
    // Pieces of one stretch cut by an override that left the asker on duty read as one.
    if (last && last.end === s.start) {
      last.end = s.end;
      last.override ||= s.source === 'override';
      last.conflict ||= s.conflict;
      continue;
    }
    shifts.push({ rotation: brief(byId.get(s.rotation)!), start: s.start, end: s.end, inProgress: s.start <= now, override: s.source === 'override', conflict: s.conflict, alsoOn: [] });
  }
  for (const m of shifts) {
    const others = doubleBookedDuring(bookings, email, m.rotation.id, m.start, m.end).map((b) => otherRotation(b, m.rotation.id));
    m.alsoOn = [...new Set(others)].map((id) => brief(byId.get(id)!));
  }
  return { weeks, shifts: shifts.sort((a, b) => a.start - b.start || a.rotation.id.localeCompare(b.rotation.id)) };
}

export interface RotationSummary {
  id: string;
  name: string;
  timezone: string;
  every: string;
  handoff: string;
  /** In rotation order, with the names and ids Rota knows (personRefs), so a list can show names, not addresses. */
  members: PersonRef[];
  escalation?: string;
}

export async function rotationsView(deps: ChatDeps): Promise<RotationSummary[]> {
  const snap = await snapshot(deps);
  const refs = await personRefs(deps.stores, [...new Set(snap.rotations.flatMap((r) => r.def.members))]);
  return snap.rotations.map((r) => ({
    id: r.id,
    name: r.name,
    timezone: r.timezone,
    every: r.def.every,
    handoff: r.def.handoff,
    members: r.def.members.map((m) => refs.get(m)!),
    ...(r.def.escalation ? { escalation: r.def.escalation } : {}),
  }));
}
