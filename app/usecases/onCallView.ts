import { DateTime } from 'luxon';
import { segmentsBetween, MS_PER_WEEK, type Segment } from '../../rotation/index.js';
import { findPerson, snapshot, type ChatDeps, type PersonRef, type RotationInfo, type Snapshot } from './context.js';
import { ok, fail, type Outcome } from '../../rotation/result.js';
import { readQuestion, zoneOf, type Question } from './question.js';

const LOOKAHEAD = 8 * MS_PER_WEEK;

/** One stretch of the person's duty in one rotation (segments split only by overrides are joined). */
export interface DutyStretch {
  rotation: Pick<RotationInfo, 'id' | 'name' | 'timezone'>;
  start: number;
  end: number;
}

export interface OnCallAnswer {
  person: PersonRef;
  /** now, an instant ("at 23:00"), or a whole local day ("tomorrow", "on 24 Dec"). */
  asked: { kind: 'now'; at: number } | { kind: 'instant'; at: number } | { kind: 'day'; start: number; end: number; label: string };
  zone: string;
  rotation?: Pick<RotationInfo, 'id' | 'name'>;
  /** The person is in at least one rotation asked about. */
  member: boolean;
  duty: DutyStretch[];
  /** Their first stretch after the time asked about, within eight weeks. */
  next?: DutyStretch;
}

/**
 * "is bob on call tomorrow", "is bob@contoso.com on call on 24 Dec", "is <@bob> on call for mro": yes or no, with the
 * rotation(s) and stretch. `mentioned` is the person Teams mentioned; without one the first words name the person.
 */
export async function onCallView(deps: ChatDeps, now: number, args: string, mentioned?: PersonRef): Promise<Outcome<OnCallAnswer>> {
  const snap = await snapshot(deps);
  const read = mentioned ? withQuestion(snap, mentioned, args, now) : await personAndQuestion(deps, snap, args, now);
  if (!read.ok) return read;
  const { person, question } = read.value;
  const zone = zoneOf(snap, question.rotation);
  const asked = askedOf(question, zone, now);
  const [from, to] = asked.kind === 'day' ? [asked.start, asked.end] : [asked.at, asked.at + 1];
  const rotations = question.rotation ? [question.rotation] : snap.rotations;
  const ids = new Set(rotations.map((r) => r.id));
  const mine = segmentsBetween(snap.schedule, from, to + LOOKAHEAD).filter((s) => ids.has(s.rotation) && s.members.includes(person.email));
  const stretches = joined(mine, rotations);
  const next = stretches.filter((s) => s.start >= to).sort((a, b) => a.start - b.start)[0];
  return ok({
    person,
    asked,
    zone,
    ...(question.rotation ? { rotation: { id: question.rotation.id, name: question.rotation.name } } : {}),
    member: rotations.some((r) => r.def.members.map((m) => m.toLowerCase()).includes(person.email)),
    duty: stretches.filter((s) => s.start < to && s.end > from).sort((a, b) => a.start - b.start),
    ...(next ? { next } : {}),
  });
}

function withQuestion(snap: Snapshot, person: PersonRef, args: string, now: number): Outcome<{ person: PersonRef; question: Question }> {
  const q = readQuestion(snap, args, now);
  return q.ok ? ok({ person, question: q.value }) : q;
}

/** The person is the first one to three words ("bob", "bob baker"), the rest is the question. */
async function personAndQuestion(deps: ChatDeps, snap: Snapshot, args: string, now: number): Promise<Outcome<{ person: PersonRef; question: Question }>> {
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return fail('On call, who? Ask "is bob on call tomorrow?" or @mention them.');
  let firstError: string | undefined;
  for (let n = 1; n <= Math.min(3, words.length); n++) {
    const person = await findPerson(deps, snap, words.slice(0, n).join(' '));
    if (!person.ok) {
      firstError ??= person.error;
      continue;
    }
    const q = withQuestion(snap, person.value, words.slice(n).join(' '), now);
    if (q.ok || n === words.length) return q;
    firstError = q.error;
  }
  return fail(firstError!);
}

function askedOf(q: Question, zone: string, now: number): OnCallAnswer['asked'] {
  if (!q.at) return { kind: 'now', at: now };
  if (!q.at.dateOnly) return { kind: 'instant', at: q.at.instant };
  const day = DateTime.fromMillis(q.at.instant, { zone }).startOf('day');
  // "Wed 2 Dec", with the year only when it is not this one.
  const label = day.toFormat(day.year === DateTime.fromMillis(now, { zone }).year ? 'ccc d LLL' : 'ccc d LLL yyyy');
  return { kind: 'day', start: day.toMillis(), end: day.plus({ days: 1 }).toMillis(), label };
}

/** Joins a person's back-to-back segments in the same rotation (an override boundary is not a new stretch). */
function joined(segments: Segment[], rotations: RotationInfo[]): DutyStretch[] {
  const out: DutyStretch[] = [];
  for (const r of rotations) {
    let open: DutyStretch | undefined;
    for (const s of segments.filter((g) => g.rotation === r.id).sort((a, b) => a.start - b.start)) {
      if (open && open.end === s.start) open.end = s.end;
      else out.push((open = { rotation: { id: r.id, name: r.name, timezone: r.timezone }, start: s.start, end: s.end }));
    }
  }
  return out;
}
