import type { ChangeContext, NewOverride } from '../types.js';

export type SwapState = 'proposed' | 'accepted' | 'declined' | 'cancelled' | 'expired';

/** Where one of a proposal's cards is, so it can be updated in place. */
export interface CardRef {
  conversationId: string;
  activityId: string;
}

export interface SwapRecord {
  id: string;
  rotationId: string;
  proposer: string;
  counterpart: string;
  proposerShiftStart: number;
  counterpartShiftStart?: number;
  state: SwapState;
  expiresAt: number;
  /** Where the proposal's cards are (by the e-mail of whom each was sent to), so they can be updated in place. */
  cards: Record<string, CardRef>;
  createdAt: number;
}

/** Swap proposals and their decisions; an accepted swap writes its two overrides in the same transaction. */
export interface SwapStore {
  createSwap(s: Omit<SwapRecord, 'id' | 'state' | 'cards' | 'createdAt'>, ctx: ChangeContext): Promise<SwapRecord>;
  swap(id: string): Promise<SwapRecord | undefined>;
  setSwapCard(id: string, who: string, card: CardRef): Promise<void>;
  /**
   * Decides a proposed swap. Only a proposal still `proposed` moves (a conditional UPDATE, so two clicks or two
   * replicas decide once); on acceptance the overrides are written in the same transaction. True when this call decided.
   */
  decideSwap(id: string, state: Exclude<SwapState, 'proposed'>, overrides: NewOverride[], ctx: ChangeContext): Promise<boolean>;
}
