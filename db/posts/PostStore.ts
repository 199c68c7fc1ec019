import type { ChangeContext } from '../types.js';

export type PostState = 'claimed' | 'posted' | 'failed' | 'undelivered';

/** A proactive post (a handoff card, a reminder), claimed before it is sent so it goes out exactly once. */
export interface BotPost {
  key: string;
  kind: string;
  rotationId?: string;
  /** `undelivered`: the person could not be reached; `detail.reason` says why. */
  state: PostState;
  conversationId?: string;
  activityId?: string;
  detail: Record<string, unknown>;
  ackedBy?: string;
  ackedAt?: number;
  followedUpAt?: number;
  createdAt: number;
  updatedAt: number;
}

/** Proactive posts, exactly once across restarts and replicas: every move is a conditional UPDATE. */
export interface PostStore {
  /**
   * Claims a post before sending it. True only for the first claim of `key` (or a retry of a failed one), so a
   * restart or a second replica never posts the same handoff twice.
   */
  claimPost(p: { key: string; kind: string; rotationId?: string; detail: Record<string, unknown> }, holder: string, now: number): Promise<boolean>;
  /** Records where a claimed post went; `detail`, when given, replaces what was claimed (what was actually sent). */
  markPosted(key: string, where: { conversationId: string; activityId?: string }, now: number, detail?: Record<string, unknown>): Promise<void>;
  markFailed(key: string, now: number): Promise<void>;
  /**
   * The outcome of a claimed post that could not reach its person: `undelivered`, with the reason in its detail;
   * `detail`, when given, replaces what was claimed (what was tried: who was not reached, a resubmitted status).
   */
  markUndelivered(key: string, reason: string, now: number, detail?: Record<string, unknown>): Promise<void>;
  /**
   * Claims an `undelivered` post for another try; true for exactly one caller. A person's retry (a resubmitted evening
   * status) is audited as `audit`, with the claim.
   */
  retakeUndelivered(key: string, holder: string, now: number, audit?: { ctx: ChangeContext; action: string; detail: Record<string, unknown> }): Promise<boolean>;
  /**
   * The holder is still sending: the claim is touched (updated_at = now) so no other replica takes it over as stale.
   * False when it is no longer this holder's claim (taken over, or recorded meanwhile): then send nothing more.
   */
  refreshClaim(key: string, holder: string, now: number): Promise<boolean>;
  /** Takes over a claim made at or before `claimedBefore` (its holder stopped between claim and send); true for one caller. */
  retakeStaleClaim(key: string, holder: string, claimedBefore: number, now: number): Promise<boolean>;
  /** Posts of `kind` in `state`, oldest first, last changed within `updated` when given. */
  postsIn(kind: string, state: PostState, updated?: { after?: number; atOrBefore?: number }): Promise<BotPost[]>;
  post(key: string): Promise<BotPost | undefined>;
  /**
   * The first acknowledgement wins; later clicks return false. Audited as `audit` (default `handoff.acknowledged`
   * with the key): an evening check's answer is acknowledged the same way, with its own action and what was answered.
   */
  ackPost(key: string, by: string, ctx: ChangeContext, audit?: { action: string; detail: Record<string, unknown> }): Promise<boolean>;
  /** Posted, unacknowledged, not yet followed up, posted at or before `postedBefore`. */
  postsAwaitingAck(kind: string, postedBefore: number): Promise<BotPost[]>;
  /** Marks the follow-up done; true for exactly one caller. */
  markFollowedUp(key: string, now: number): Promise<boolean>;
}
