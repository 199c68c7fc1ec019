import { dutyAt, nextShifts, segmentsBetween } from '../rotation/index.js';
import type { Segment, Shift } from '../rotation/schedule.js';
import { readQuestion, workingTime, zoneOf } from './chatQuestion.js';
import { findRotation, ok, personRefs, snapshot, type ChatDeps, type Outcome, type PersonRef, type RotationInfo, type Snapshot } from './chatContext.js';

const WEEK = 7 * 24 * 3_600_000;

export interface Stretch {
  start: number;
  end: number;
  members: PersonRef[];
  source: 'rotation' | 'override';
  conflict: boolean;
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
  const stretch = toStretch(await personRefs(deps.store, [...new Set(segments.flat().flatMap((s) => s.members))]));
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
  const answers = new Map(dutyAt(snap.schedule, at, snap.rotations.map((r) => r.id)).map((a) => [a.rotationId, a]));
  const escalationOf = (r: RotationInfo) => (r.def.escalation ? snap.rotations.find((x) => x.id === r.def.escalation) : undefined);
  // One look-up of everyone shown: `who` is the hot path.
  const emails = picked.flatMap((r) => {
    const a = answers.get(r.id)!;
    const esc = escalationOf(r);
    return [...(a.now?.members ?? []), ...(a.next?.members ?? []), ...(esc ? (answers.get(esc.id)?.now?.members ?? []) : [])];
  });
  const refs = await personRefs(deps.store, [...new Set(emails)]);
  const stretch = toStretch(refs);
  const views = picked.map((r) => {
    const a = answers.get(r.id)!;
    const esc = escalationOf(r);
    const escNow = esc ? answers.get(esc.id)?.now : undefined;
    return {
      rotation: brief(r),
      ...(a.now ? { now: stretch(a.now) } : {}),
      ...(a.next ? { next: stretch(a.next) } : {}),
      ...(esc ? { escalation: { rotation: { id: esc.id, name: esc.name }, members: escNow ? stretch(escNow).members : [] } } : {}),
    };
  });
  return ok({ ...(at !== now ? { asked: at } : {}), views });
}

/** The coming stretches of each rotation over `weeks`, overrides and conflicts marked. */
export async function scheduleView(deps: ChatDeps, now: number, name: string | undefined, weeks: number): Promise<Outcome<ScheduleView[]>> {
  const snap = await snapshot(deps);
  const picked = pick(snap, name);
  if (!picked.ok) return picked;
  const segments = segmentsBetween(snap.schedule, now, now + weeks * WEEK);
  return ok(await views(deps, picked.value, (r) => segments.filter((s) => s.rotation === r.id)));
}

/** The next `count` shifts of each rotation, with who is on duty after overrides. */
export async function nextView(deps: ChatDeps, now: number, name: string | undefined, count = 3): Promise<Outcome<ScheduleView[]>> {
  const snap = await snapshot(deps);
  const picked = pick(snap, name);
  if (!picked.ok) return picked;
  return ok(await views(deps, picked.value, (r) => nextShifts(snap.schedule, r.id, now, { count }).map(asSegment)));
}

function asSegment(s: Shift): Segment {
  const members = [...new Set(s.segments.flatMap((g) => g.members))];
  const overridden = s.segments.some((g) => g.source === 'override');
  return { rotation: s.rotation, start: s.start, end: s.end, members: members.length ? members : s.members, source: overridden ? 'override' : 'rotation', conflict: s.conflict, shiftStart: s.start };
}

/** The asker's coming shifts across every rotation, soonest first. */
export async function myShiftsView(deps: ChatDeps, now: number, email: string, limit = 8): Promise<MyShift[]> {
  const snap = await snapshot(deps);
  const mine = snap.rotations.flatMap((r) =>
    nextShifts(snap.schedule, r.id, now, { count: 4, member: email, horizon: 26 * WEEK }).map((s) => {
      const own = s.segments.filter((g) => g.members.includes(email));
      return { rotation: brief(r), start: own[0]?.start ?? s.start, end: own.at(-1)?.end ?? s.end };
    }),
  );
  return mine.sort((a, b) => a.start - b.start).slice(0, limit);
}

export interface RotationSummary {
  id: string;
  name: string;
  timezone: string;
  every: string;
  handoff: string;
  members: string[];
  escalation?: string;
}

export async function rotationsView(deps: ChatDeps): Promise<RotationSummary[]> {
  const snap = await snapshot(deps);
  return snap.rotations.map((r) => ({
    id: r.id,
    name: r.name,
    timezone: r.timezone,
    every: r.def.every,
    handoff: r.def.handoff,
    members: r.def.members,
    ...(r.def.escalation ? { escalation: r.def.escalation } : {}),
  }));
}
