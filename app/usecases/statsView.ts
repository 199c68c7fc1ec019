import { doubleBookedHours, doubleBookings, fairness, otherRotation, type MemberFairness, MS_PER_WEEK as WEEK } from '../../rotation/index.js';
import { findRotation, personRefs, snapshot, type ChatDeps, type PersonRef, type RotationInfo, type Snapshot } from './context.js';
import { ok, fail, type Outcome } from '../../rotation/result.js';
import { rotationLoad, type RotationLoad } from './interruptLoad.js';

/** `stats` looks back this many weeks unless told otherwise: a month is long enough to see who carried more. */
export const STATS_WEEKS = 4;
export const MAX_STATS_WEEKS = 52;

export interface StatsRequest {
  rotation?: RotationInfo;
  weeks: number;
  /** The coming weeks (the planned load) instead of the past ones. */
  coming: boolean;
}

/** "stats", "stats ops 8 weeks", "stats next 2 weeks", "stats coming", "stats last 6w for mro". */
export function readStatsRequest(snap: Snapshot, args: string): Outcome<StatsRequest> {
  let rest = ` ${args.trim().toLowerCase()} `;
  const span = /\s(?:(next|coming|last|past)\s+)?(\d+)\s*(?:w|wk|wks|weeks?)\s/.exec(rest);
  const direction = span?.[1] ?? /\s(next|coming|last|past)\s/.exec(rest)?.[1];
  const weeks = span ? Number(span[2]) : STATS_WEEKS;
  if (span) rest = rest.replace(span[0], ' ');
  if (direction) rest = rest.replace(new RegExp(`\\s${direction}\\s`), ' ');
  if (weeks < 1 || weeks > MAX_STATS_WEEKS) return fail(`weeks: expected 1 to ${MAX_STATS_WEEKS}, got ${weeks} ("stats 8 weeks")`);
  const name = rest.replace(/\s(?:for|of|in)\s/g, ' ').trim();
  const rotation = name ? findRotation(snap, name) : undefined;
  if (rotation && !rotation.ok) return rotation;
  return ok({ ...(rotation ? { rotation: rotation.value } : {}), weeks, coming: direction === 'next' || direction === 'coming' });
}

export interface MemberStats extends Omit<MemberFairness, 'member'> {
  person: PersonRef;
}

export interface RotationStats {
  rotation: Pick<RotationInfo, 'id' | 'name' | 'timezone'>;
  windowHours: number;
  /** On-duty person-hours over available person-hours (one on duty of five: 0.2). */
  onDutyRatio: number;
  /** Most on-duty hours first. */
  members: MemberStats[];
  /** Hours someone was on duty here and in another rotation at once, most first. */
  doubleBooked: Array<{ person: PersonRef; other: string; hours: number }>;
  /** The interrupt load over the same weeks; absent for the coming weeks, where nothing has happened yet. */
  load?: RotationLoad;
}

export interface StatsView {
  from: number;
  to: number;
  weeks: number;
  coming: boolean;
  rotations: RotationStats[];
}

/** On-duty hours per member over the last (or the coming) weeks, from the rotation core's `fairness`. */
export async function statsView(deps: ChatDeps, now: number, args: string): Promise<Outcome<StatsView>> {
  const snap = await snapshot(deps);
  const req = readStatsRequest(snap, args);
  if (!req.ok) return req;
  const { weeks, coming } = req.value;
  const [from, to] = coming ? [now, now + weeks * WEEK] : [now - weeks * WEEK, now];
  const wanted = new Set((req.value.rotation ? [req.value.rotation] : snap.rotations).map((r) => r.id));
  const figures = fairness(snap.schedule, from, to).filter((f) => wanted.has(f.rotation));
  const doubled = doubleBookedHours(doubleBookings(snap.schedule, from, to)).filter((d) => d.rotations.some((id) => wanted.has(id)));
  const nameOf = new Map(snap.rotations.map((r) => [r.id, r.name]));
  const refs = await personRefs(deps.stores, [...new Set([...figures.flatMap((f) => f.members.map((m) => m.member)), ...doubled.map((d) => d.member)])]);
  const rotations = await Promise.all(figures.map(async (f) => {
    const r = snap.rotations.find((x) => x.id === f.rotation)!;
    const members = f.members
      .map(({ member, ...rest }) => ({ ...rest, person: refs.get(member)! }))
      .sort((a, b) => b.onDutyHours - a.onDutyHours || (a.person.email < b.person.email ? -1 : 1));
    const doubleBooked = doubled
      .filter((d) => d.rotations.includes(r.id))
      .map((d) => ({ person: refs.get(d.member) ?? { email: d.member }, other: nameOf.get(otherRotation(d, r.id)) ?? '', hours: d.hours }));
    const load = coming ? undefined : await rotationLoad(deps, r, members.map((m) => m.person.email), from, to, now);
    return { rotation: { id: r.id, name: r.name, timezone: r.timezone }, windowHours: f.windowHours, onDutyRatio: f.onDutyRatio, members, doubleBooked, ...(load ? { load } : {}) };
  }));
  return ok({ from, to, weeks, coming, rotations });
}
