import type { NewOofSuggestion, OofSuggestion } from '../../db/oof/OofStore.js';
import type { Segment } from '../../rotation/schedule.js';

/** An out-of-office block (`status: oof` in getSchedule) of a member, as read. */
export interface OofBlock {
  member: string;
  start: number;
  end: number;
}

export interface OofPlanInput {
  /** The blocks read this run, of the members in `read`. */
  blocks: OofBlock[];
  /** The members whose free/busy was read over the whole horizon (lower case): only theirs can be known gone. */
  read: ReadonlySet<string>;
  /** Every rotation's segments that have not ended, up to the horizon. */
  coming: Segment[];
  rotations: ReadonlyArray<{ id: string; name: string; timezone: string }>;
  timeOff: ReadonlyArray<{ member: string; start: number; end: number }>;
  /** What is stored for these members, in any state. */
  stored: ReadonlyArray<Pick<OofSuggestion, 'id' | 'member' | 'start' | 'end' | 'state'>>;
  now: number;
}

export interface OofPlan {
  /** Blocks that cover coming shifts of theirs and were never asked about (in any state). */
  add: NewOofSuggestion[];
  /** Open questions whose block has ended, or is no longer in a calendar that was read. */
  expire: Array<{ id: string; why: string }>;
}

const keyOf = (member: string, start: number, end: number) => `${member.toLowerCase()}|${start}|${end}`;

/**
 * Which out-of-office blocks become questions: a block that has not ended and overlaps at least one coming stretch
 * the member is on duty in, unless time off they already have covers it, and unless that exact block (member, start,
 * end) was stored before — asked, accepted, declined or expired, it is never asked again. A block whose dates change
 * is another block, so another question; the old one, unanswered, expires (so does one whose block has ended).
 */
export function planOof(input: OofPlanInput): OofPlan {
  const { now } = input;
  const byId = new Map(input.rotations.map((r) => [r.id, r]));
  const stored = new Set(input.stored.map((s) => keyOf(s.member, s.start, s.end)));
  const seen = new Set<string>();
  const add: NewOofSuggestion[] = [];
  for (const b of [...input.blocks].sort((x, y) => x.start - y.start || x.member.localeCompare(y.member))) {
    const member = b.member.toLowerCase();
    const key = keyOf(member, b.start, b.end);
    if (b.end <= now || stored.has(key) || seen.has(key)) continue;
    seen.add(key);
    if (input.timeOff.some((t) => t.member.toLowerCase() === member && t.start <= b.start && t.end >= b.end)) continue;
    const covered = input.coming
      .filter((s) => s.end > now && s.start < b.end && s.end > b.start && s.members.some((m) => m.toLowerCase() === member) && byId.has(s.rotation))
      .sort((x, y) => x.start - y.start || x.rotation.localeCompare(y.rotation));
    const first = covered[0];
    if (!first) continue;
    const rotation = byId.get(first.rotation)!;
    add.push({ member, start: b.start, end: b.end, rotationId: rotation.id, detail: { rotationName: rotation.name, zone: rotation.timezone, shiftStart: first.start, more: covered.length - 1 } });
  }
  const current = new Set(input.blocks.map((b) => keyOf(b.member, b.start, b.end)));
  const expire = input.stored
    .filter((s) => s.state === 'new' || s.state === 'asked')
    .flatMap((s) => {
      if (s.end <= now) return [{ id: s.id, why: 'the out-of-office block has ended' }];
      if (input.read.has(s.member.toLowerCase()) && !current.has(keyOf(s.member, s.start, s.end))) return [{ id: s.id, why: 'the out-of-office block is no longer in their calendar (removed or moved)' }];
      return [];
    });
  return { add, expire };
}
