import type { SwapRecord } from '../swaps/SwapStore.js';
import type { ChangeContext, NewOverride, StoredOverride, StoredTimeOff, TimeOffSpec } from '../types.js';

export type { NewOverride };

export interface NewTimeOff {
  member: string;
  start: number;
  end: number;
  spec: Record<string, unknown>;
}

/** An override with who made it and, for a swap's two overrides, which swap it belongs to. */
export type OwnedOverride = StoredOverride & { createdBy: string; swapId?: string };

/** Time off with who recorded it. */
export type OwnedTimeOff = StoredTimeOff & { createdBy: string };

/** How a cancel left a row: `removed` when it had not started, `ended` (at now) when it had: history does not move. */
export type CancelEffect = 'removed' | 'ended';

/** The numbered list `my changes` last showed a person. */
export interface ShownList {
  at: number;
  ids: string[];
}

/**
 * What the chat writes on top of the rotations (covers and time off) and takes back (`cancel`): one transaction
 * each, with its audit row.
 */
export interface ChangeStore {
  /** A cover made in chat; its id. `via: 'take'` marks one made by `take` in its audit row (the relieved person is told by take). */
  addOverride(o: NewOverride, ctx: ChangeContext, via?: 'take'): Promise<string>;
  /** Time off recorded in chat; its id. */
  addTimeOff(t: NewTimeOff, ctx: ChangeContext): Promise<string>;
  /** Overrides made in chat or by an accepted swap at or after `since` (cancelled ones too), oldest first: the webhook catch-up. */
  overridesMadeSince(since: number): Promise<Array<OwnedOverride & { createdAt: number }>>;
  /** Overrides and time off in effect after `now` (every origin), and swaps still open: proposed, or accepted. */
  openChanges(now: number): Promise<{ overrides: OwnedOverride[]; timeOff: OwnedTimeOff[]; swaps: SwapRecord[] }>;
  /**
   * Cancels time off: removed when it has not started, else ended at now with `endedSpec` (the spec export
   * writes). Undefined when it is over or gone.
   */
  cancelTimeOff(id: string, endedSpec: TimeOffSpec, ctx: ChangeContext): Promise<CancelEffect | undefined>;
  /** Cancels one override (a cover): removed when it has not started, else ended at now. */
  cancelOverride(id: string, ctx: ChangeContext): Promise<CancelEffect | undefined>;
  /**
   * Cancels a swap: a proposal still `proposed`, or an accepted swap whose overrides are removed (or ended at now)
   * with the swap's state. Decides once; undefined when the swap was not open any more.
   */
  cancelSwap(id: string, from: 'proposed' | 'accepted', ctx: ChangeContext): Promise<Array<{ id: string; effect: CancelEffect }> | undefined>;
  /**
   * The numbered list `my changes` last showed a person (ids in order), kept in the database, not in a process, so
   * `cancel 2` means what they saw whichever replica answers and after a restart.
   */
  saveShownList(email: string, ids: string[], now: number): Promise<void>;
  shownList(email: string): Promise<ShownList | undefined>;
}
