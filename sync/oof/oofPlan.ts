import type { NewOofSuggestion, OofSuggestion } from '../../db/oof/OofStore.js';
import { mergeTouching, uncoveredStretches, WHY_ENDED, WHY_NO_SHIFT } from '../../rotation/oofCover.js';
import type { Segment, TimeOff } from '../../rotation/schedule.js';

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
  /** The schedule's time off (with `rotation` when it is for one rotation only). */
  timeOff: ReadonlyArray<TimeOff>;
  /** What is stored for these members, in any state, and every open question (whoever it is for). */
  stored: ReadonlyArray<Pick<OofSuggestion, 'id' | 'member' | 'start' | 'end' | 'state'>>;
  now: number;
}

export interface OofPlan {
  /** Blocks that cover coming shifts of theirs and were never asked about (in any state): one a person at most. */
  add: NewOofSuggestion[];
  /** Open questions whose block has ended, is no longer in a calendar that was read, or no longer covers a shift. */
  expire: Array<{ id: string; why: string }>;
}

const keyOf = (member: string, start: number, end: number) => `${member.toLowerCase()}|${start}|${end}`;

const WHY_GONE = 'the out-of-office block is no longer in their calendar (removed or moved)';

/**
 * Which out-of-office blocks become questions. A person's blocks that touch or overlap are one block (a run of
 * all-day events). A block becomes a question when it has not ended, covers part of a coming stretch the member is on
 * duty in that their time off for that rotation does not cover already, and that exact block (member, start, end) was
 * never stored — asked, accepted, declined or expired, it is never asked again. A person gets one open question at a
 * time: the next is found at the first run after they answer (a weekly "out of office Friday afternoon" is asked one
 * Friday at a time, not twelve cards at once). An open question expires when its block has ended, has left a calendar
 * that was read (a block whose dates change is another block, so another question), or no longer covers any shift.
 */
export function planOof(input: OofPlanInput): OofPlan {
  const { now } = input;
  const byId = new Map(input.rotations.map((r) => [r.id, r]));
  const ids = new Set(byId.keys());
  const blocks = mergeTouching(input.blocks);
  const current = new Set(blocks.map((b) => keyOf(b.member, b.start, b.end)));
  const open = input.stored.filter((s) => s.state === 'new' || s.state === 'asked');
  const expire = open.flatMap((s) => {
    const why = s.end <= now ? WHY_ENDED
      : input.read.has(s.member.toLowerCase()) && !current.has(keyOf(s.member, s.start, s.end)) ? WHY_GONE
      : uncoveredStretches(s.member, s, input.coming, input.timeOff, now, ids).length === 0 ? WHY_NO_SHIFT
      : undefined;
    return why ? [{ id: s.id, why }] : [];
  });
  const expiring = new Set(expire.map((e) => e.id));
  const asking = new Set(open.filter((s) => !expiring.has(s.id)).map((s) => s.member.toLowerCase()));
  const stored = new Set(input.stored.map((s) => keyOf(s.member, s.start, s.end)));
  const add: NewOofSuggestion[] = [];
  for (const b of [...blocks].sort((x, y) => x.start - y.start || x.member.localeCompare(y.member))) {
    if (b.end <= now || asking.has(b.member) || stored.has(keyOf(b.member, b.start, b.end))) continue;
    const covered = uncoveredStretches(b.member, b, input.coming, input.timeOff, now, ids);
    const first = covered[0];
    if (!first) continue;
    const rotation = byId.get(first.rotation)!;
    asking.add(b.member);
    add.push({ member: b.member, start: b.start, end: b.end, rotationId: rotation.id, detail: { rotationName: rotation.name, zone: rotation.timezone, shiftStart: first.start, more: covered.length - 1 } });
  }
  return { add, expire };
}
