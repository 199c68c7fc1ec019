import type { ChangeContext } from '../types.js';

/** Where a duty card went: `via` says how to reach the copy again (a personal chat, or a thread of the rotation's channel). */
export interface DutyCopy {
  via: 'personal' | 'channel';
  conversationId: string;
  activityId: string;
  /** The person of a personal copy: a retry after a partial delivery skips whoever has theirs. */
  to?: string;
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
  /** A claimed run went out: its copies are added to the ones posted before (a snoozed card's first round). */
  markPosted(key: string, copies: DutyCopy[], note: string | undefined, now: number): Promise<void>;
  /**
   * A claimed run reached some of those it goes to and not the others: its copies are kept, and it is `undelivered`
   * (with `note`) so the others are tried again.
   */
  markPartlyPosted(key: string, copies: DutyCopy[], note: string, now: number): Promise<void>;
  /** A claimed run reached nobody; `note` says why. */
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
  /** Brings a snoozed run back (its snooze cleared, claimed by `holder` to be sent again); true for exactly one caller. */
  takeBackSnoozed(key: string, holder: string, now: number): Promise<boolean>;
  run(key: string): Promise<DutyRun | undefined>;
  runs(keys: string[]): Promise<Map<string, DutyRun>>;
  /** A rotation's runs due in [from, to), in time order. */
  runsBetween(rotationId: string, from: number, to: number): Promise<DutyRun[]>;
}
