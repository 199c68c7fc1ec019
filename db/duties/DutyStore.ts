import type { ChangeContext } from '../types.js';

/** The copies of the current round: those sent since the card last came back from a snooze. */
export const copiesThisRound = (run: Pick<DutyRun, 'copies'>): DutyCopy[] => run.copies.filter((c) => !c.earlier);

/** Where a duty card went: `via` says how to reach the copy again (a personal chat, or a thread of the rotation's channel). */
export interface DutyCopy {
  via: 'personal' | 'channel';
  conversationId: string;
  activityId: string;
  /** The person of a personal copy: a retry after a partial delivery skips whoever has theirs. */
  to?: string;
  /**
   * Sent before the card was snoozed: moved aside when the snooze comes back, so the round that brings it back (and
   * its retries) goes to everyone again, and kept so an answer still updates it in place.
   */
  earlier?: true;
}

/** `claimed` → `posted` | `undelivered`; `missed`: never sent (Rota was down past the catch-up window). */
export type DutyDelivery = 'claimed' | 'posted' | 'undelivered' | 'missed';

/** One duty occurrence as Rota dealt with it (keyed by the occurrence's key, rotation/duties.ts). */
export interface DutyRun {
  key: string;
  rotationId: string;
  dueAt: number;
  state: DutyDelivery;
  /** Sent after its time because Rota was down at it. */
  late: boolean;
  assignees: string[];
  copies: DutyCopy[];
  /** What the card shows, as the job built it (app/usecases/dutyCards.ts parses it). */
  detail: Record<string, unknown>;
  /** Why it is undelivered or missed, or who could not be reached. */
  note?: string;
  answer?: 'done' | 'skipped';
  actor?: string;
  actedAt?: number;
  reason?: string;
  snoozedUntil?: number;
  snoozedBy?: string;
  /**
   * When it was snoozed; kept while the snooze comes back and cleared once that round is recorded (posted or
   * undelivered), so a claim with it set is the round that brings the card back from a snooze, and no other is.
   */
  snoozedAt?: number;
  updatedAt: number;
}

export interface NewDutyRun {
  key: string;
  rotationId: string;
  dueAt: number;
  late: boolean;
  assignees: string[];
  detail: Record<string, unknown>;
}

/** Duty occurrences, exactly once across restarts and replicas: a unique insert, then conditional UPDATEs. */
export interface DutyStore {
  /** Claims the occurrence before its card is sent; true only for the first claim of its key. */
  claim(run: NewDutyRun, holder: string, now: number): Promise<boolean>;
  /** Records an occurrence that will never be sent (too late); true only if nothing was recorded for it before. */
  recordMissed(run: NewDutyRun, note: string, now: number): Promise<boolean>;
  /**
   * One copy was sent: added to the run's copies at once (so a holder that stops mid-delivery leaves a record of who
   * has theirs) and the claim touched; false when it is no longer this holder's claim.
   */
  recordCopy(key: string, holder: string, copy: DutyCopy, now: number): Promise<boolean>;
  /** A claimed run reached everyone it goes to (its copies were recorded as sent). */
  markPosted(key: string, note: string | undefined, now: number): Promise<void>;
  /**
   * A claimed run did not reach some (or any) of those it goes to; `note` says why. Its copies are kept: a retry
   * goes to the others only.
   */
  markUndelivered(key: string, note: string, now: number): Promise<void>;
  /**
   * The holder is still sending: the claim is touched (updated_at = now) so no other replica takes it over as stale.
   * False when it is no longer this holder's claim (taken over, or recorded meanwhile): then send nothing more.
   */
  refreshClaim(key: string, holder: string, now: number): Promise<boolean>;
  /** Takes over a claim made at or before `claimedBefore` (its holder stopped between claim and send); true for one caller. */
  retakeStaleClaim(key: string, holder: string, claimedBefore: number, now: number): Promise<boolean>;
  /** Claims an `undelivered`, unanswered, unsnoozed run for another try; true for exactly one caller. */
  retakeUndelivered(key: string, holder: string, now: number): Promise<boolean>;
  /** `undelivered`, unanswered, unsnoozed runs due at or after `dueFrom`, last tried at or before `triedBefore`, oldest first. */
  undeliveredRuns(dueFrom: number, triedBefore: number): Promise<DutyRun[]>;
  /** Runs still `claimed`, last changed at or before `before`. */
  staleClaims(before: number): Promise<DutyRun[]>;
  /** Done or skipped: the first answer wins (false afterwards); written with its audit row. */
  answer(key: string, answer: { kind: 'done' } | { kind: 'skipped'; reason: string }, ctx: ChangeContext): Promise<boolean>;
  /** Snoozes an unanswered run until `until`; false once answered. Written with its audit row. */
  snooze(key: string, until: number, ctx: ChangeContext): Promise<boolean>;
  /** Unanswered runs whose snooze has run out by `now`. */
  dueSnoozes(now: number): Promise<DutyRun[]>;
  /**
   * Brings a snoozed run back (its snooze cleared, its copies so far moved aside as `earlier`, claimed by `holder` to
   * be sent to everyone again); true for exactly one caller.
   */
  takeBackSnoozed(key: string, holder: string, now: number): Promise<boolean>;
  run(key: string): Promise<DutyRun | undefined>;
  runs(keys: string[]): Promise<Map<string, DutyRun>>;
  /** A rotation's runs due in [from, to), in time order. */
  runsBetween(rotationId: string, from: number, to: number): Promise<DutyRun[]>;
}
