import type { MemberStretches, PersonMove } from '../../rotation/personMoves.js';
import type { ChangeContext } from '../types.js';

/**
 * `claimed`: taken by a sender, not yet handed to Teams (a stale one is taken over); `sending`: handed to Teams, the
 * answer not yet recorded — a stale one becomes `unknown` (Teams may have shown it: never sent again, listed by
 * `rota status`). Final: `sent`, `unknown`, `expired` (never sent, every shift it lists is past), `given-up` (not
 * delivered within a week of the change: not tried again).
 */
export type NoticeState = 'pending' | 'claimed' | 'sending' | 'sent' | 'undelivered' | 'failed' | 'expired' | 'unknown' | 'given-up';

/** One "your shifts moved" message to one person: what a batch of changes moved of their own shifts. */
export interface ShiftNotice {
  id: number;
  batch: number;
  member: string;
  moves: PersonMove[];
  /** When the moves were computed (the message shows years relative to it). */
  computedAt: number;
  state: NoticeState;
  attempts: number;
  claimedBy?: string;
  /** Why it was not sent (undelivered, failed), or how it ended. */
  outcome?: string;
  sentAt?: number;
  /** When the notice was recorded: right after the change (the week without delivery counts from it). */
  createdAt: number;
  updatedAt: number;
}

/** The stretches last made known to a person, and the end of the window they were computed for. */
export interface KnownStretches {
  stretches: MemberStretches[];
  windowEnd: number;
}

/** Where the notice job stands: the last audit_log id it has seen, its last batch, and the ids it took into account within the look-back. */
export interface NoticeMark {
  lastAuditId: number;
  batch: number;
  runAt: number;
  seen: SeenChange[];
}

/** An audit row already taken into account, and when it was written (kept while inside the look-back). */
export type SeenChange = { id: number; at: number };

/** A change recorded in the audit log since the mark: who made it, and what (its action and detail). */
export interface AuditedChange {
  id: number;
  at: number;
  actor: string;
  action: string;
  detail: unknown;
}

/** What one run of the notice job records, in one transaction. */
export interface NoticeRun {
  /** The mark this run started from (undefined: the first run ever); the run is refused if it moved meanwhile. */
  from: NoticeMark | undefined;
  lastAuditId: number;
  /** The audit ids taken into account that are still inside the look-back (changesSince leaves them out next time). */
  seen: SeenChange[];
  runAt: number;
  windowEnd: number;
  /** Per person (lower-case e-mail), every stretch they now know of, in every rotation; others keep theirs. */
  known: Map<string, MemberStretches[]>;
  notices: Array<{ member: string; moves: PersonMove[] }>;
}

/**
 * "Your shifts moved" notices (issue #13): what each person was last told of their shifts, the outbox of notices,
 * and who opted out. Every move of a notice is a conditional UPDATE, so each is sent once across restarts and replicas.
 */
export interface NoticeStore {
  mark(): Promise<NoticeMark | undefined>;
  /** The newest audit_log id (0 for none). */
  latestAuditId(): Promise<number>;
  /**
   * Audit rows not yet taken into account, oldest first: id > `afterId`, or written (`at`) after `atAfter` — on
   * PostgreSQL a lower id can commit after a higher one — less the ids in `seen`.
   */
  changesSince(afterId: number, atAfter: number, seen: readonly SeenChange[]): Promise<AuditedChange[]>;
  /** Every rotation's name and zone by id, archived ones too, as the database has them now. */
  rotationNames(): Promise<Map<string, { id: string; name: string; timezone: string }>>;
  /** What each of `emails` was last told (lower-case e-mail → stretches); everyone when `emails` is not given. */
  known(emails?: string[]): Promise<Map<string, KnownStretches>>;
  /**
   * Records a run: the mark moves from `from` (conditionally), the stretches are stored, the notices inserted (one
   * per batch and person). Undefined when another holder recorded a run since `from` (nothing is written); else the batch.
   */
  recordRun(run: NoticeRun): Promise<number | undefined>;
  /** Notices in `state` last changed at or before `updatedBefore`, recorded after `createdAfter` (default: any), oldest first; of `member` only when given. */
  noticesIn(state: NoticeState, filter?: { updatedBefore?: number; createdAfter?: number; createdBefore?: number; member?: string }): Promise<ShiftNotice[]>;
  /** Claims a pending, failed or undelivered notice (or a claimed one last touched at or before `staleBefore`): true for one caller. */
  claim(id: number, holder: string, now: number, staleBefore?: number): Promise<boolean>;
  /** The holder hands the notice to Teams now (claimed → sending): false if not its claim. */
  sending(id: number, holder: string, now: number): Promise<boolean>;
  /** The holder's outcome: sent, undelivered (no way to reach them) or failed (Teams refused; tried again). False if not its claim. */
  finish(id: number, holder: string, outcome: { state: 'sent' | 'undelivered' | 'failed' | 'expired'; note?: string }, now: number): Promise<boolean>;
  /** Sends cut short (`sending` last touched at or before `staleBefore`) become `unknown`; how many. */
  settleStaleSends(staleBefore: number, now: number): Promise<number>;
  /** Undelivered and failed notices recorded at or before `createdBefore` become `given-up`; how many. */
  giveUp(createdBefore: number, now: number): Promise<number>;
  /** Who of `emails` said `notify moves off`. */
  optedOut(emails: string[]): Promise<Set<string>>;
  /** `notify moves on|off`, with its audit row. */
  setMoveNotices(email: string, on: boolean, ctx: ChangeContext): Promise<void>;
}
