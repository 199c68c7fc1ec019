import type { FileRotation } from './rotationFileSchema.js';

/**
 * The engine's input and output. All instants are epoch milliseconds.
 * Treat these values as immutable: results are cached per ScheduleInput object.
 */

/** One version of a rotation's rules, with its zone resolved. */
export type RotationDef = FileRotation & { timezone: string };

/** A version takes effect at `from` (the first may be -Infinity); shifts starting before it keep the older rules. */
export type RotationVersion = { from: number; rotation: RotationDef };

/** A rotation's history of versions, oldest first (Grafana OnCall's "a roster edit starts a new version"). */
export type RotationHistory = { id: string; versions: RotationVersion[] };

/** `replaces` swaps one member for [from, to); without it `member` covers every slot. */
export type Override = { rotation: string; from: number; to: number; member: string; replaces?: string };

/**
 * A member is away for [from, to); without `rotation` for every rotation. `recordedAt` is when it was entered:
 * a shift that had already started by then is history and keeps its members (cover it with an override).
 */
export type TimeOff = { member: string; from: number; to: number; rotation?: string; recordedAt?: number };

export type ScheduleInput = {
  timezone: string;
  rotations: RotationHistory[];
  overrides: Override[];
  timeOff: TimeOff[];
};

/** A stretch of time with one set of members on duty. */
export type Segment = {
  rotation: string;
  start: number;
  end: number;
  members: string[];
  source: 'rotation' | 'override';
  /** True when a member is on duty here although unavailable (nobody available was left). */
  conflict: boolean;
  /** Start of the shift this segment belongs to. */
  shiftStart: number;
};

/** One turn of the queue, from handoff to handoff, before overrides. */
export type Shift = {
  rotation: string;
  start: number;
  end: number;
  /** Who the queue put on duty. */
  members: string[];
  /** Members put on duty although unavailable; non-empty means a conflict. */
  unavailable: string[];
  conflict: boolean;
  /** Index of the rotation version the shift follows. */
  version: number;
  /** The shift's segments, after `hours` windows and overrides (may be empty). */
  segments: Segment[];
  /**
   * The rest of the previous version's shift that was running when this version began (`effective: now`):
   * `unchanged` when the same members keep it (no handoff took place), `changed` when someone removed or now away
   * was replaced (a real handoff, from them).
   */
  resumes?: 'unchanged' | 'changed';
};

/** Whether a shift's start is a handoff: every start is, but the rest of a running shift that the same members keep. */
export function isHandoff(shift: Pick<Shift, 'resumes'>): boolean {
  return shift.resumes !== 'unchanged';
}
