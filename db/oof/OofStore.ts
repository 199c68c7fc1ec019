import type { ChangeContext } from '../types.js';

/** What an out-of-office question says of the first coming shift the block covers (kept when it is found). */
export interface OofDetail {
  rotationName: string;
  /** The rotation's zone: the card's dates are written in it. */
  zone: string;
  shiftStart: number;
  /** Further shifts the block covers, besides the first. */
  more: number;
}

export type OofState = 'new' | 'asked' | 'accepted' | 'declined' | 'expired';
export type OofPost = 'none' | 'claimed' | 'posted' | 'undelivered';

/** A member's out-of-office block that covers coming shifts, as found by the sync: the question Rota asks once. */
export interface NewOofSuggestion {
  member: string;
  start: number;
  end: number;
  rotationId: string;
  detail: OofDetail;
}

export interface OofSuggestion extends NewOofSuggestion {
  /** Short and stable (a hash of member and block): what the card's buttons carry. */
  id: string;
  state: OofState;
  post: OofPost;
  claimedBy?: string;
  conversationId?: string;
  activityId?: string;
  note?: string;
  answeredAt?: number;
  updatedAt: number;
}

/**
 * The out-of-office questions (`oof_suggestions`), keyed by member and block. Every change is a conditional update,
 * so of two replicas (or a restart and a late answer) exactly one wins each step: found once (`add` ignores a block
 * already stored, whatever its state), sent once (`claim`), answered once (`answer`, `acceptWithTimeOff`).
 */
export interface OofStore {
  /** Stores the blocks not stored yet (any state); returns how many were new. */
  add(list: NewOofSuggestion[], now: number): Promise<number>;
  /** Every suggestion of these members, in any state (what the sync's plan compares the blocks it read with). */
  ofMembers(members: string[]): Promise<OofSuggestion[]>;
  /** Every open (new or asked) question, whoever it is for. */
  open(): Promise<OofSuggestion[]>;
  /** Open (new or asked) → expired; true when it was open. */
  expire(id: string, note: string, now: number): Promise<boolean>;
  suggestion(id: string): Promise<OofSuggestion | undefined>;
  /** New, never sent → claimed by `holder`. */
  claim(id: string, holder: string, now: number): Promise<boolean>;
  /** Undelivered and still new → claimed by `holder` (a retry). */
  retakeUndelivered(id: string, holder: string, now: number): Promise<boolean>;
  /** Claimed and untouched since `before` (its holder stopped) → claimed by `holder`. */
  retakeStale(id: string, holder: string, before: number, now: number): Promise<boolean>;
  /** The claim's outcome: posted (the question is asked) or undelivered with the reason. Only the holder's counts. */
  markPosted(id: string, holder: string, where: { conversationId: string; activityId: string }, now: number): Promise<boolean>;
  markUndelivered(id: string, holder: string, note: string, now: number): Promise<boolean>;
  /** Never sent and not claimed, to send now. */
  unsent(): Promise<OofSuggestion[]>;
  /** Undelivered and still new, last tried at or before `triedBefore` (of `member` only, when given). */
  undelivered(triedBefore: number, member?: string): Promise<OofSuggestion[]>;
  staleClaims(before: number): Promise<OofSuggestion[]>;
  /** New or asked → accepted or declined, with the audit row; false when it was answered or expired already. */
  answer(id: string, answer: 'accepted' | 'declined', ctx: ChangeContext): Promise<boolean>;
  /**
   * Yes, in one transaction: open → accepted and the time off recorded (`time_off`, id `chat-oof-<id>`, from chat),
   * each with its audit row; false (nothing written) when it was answered or expired already.
   */
  acceptWithTimeOff(id: string, timeOff: { member: string; start: number; end: number; spec: Record<string, unknown> }, ctx: ChangeContext): Promise<boolean>;
}
