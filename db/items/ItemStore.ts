import type { ChangeContext } from '../types.js';

export type ItemKind = 'item' | 'escalation';
export type ItemEventKind = 'opened' | 'assigned' | 'taken' | 'passed' | 'accepted' | 'closed';
/** `undelivered`: the card never reached the holder, so the request was closed (the reason is in its audit row). */
export type TakeOverState = 'asked' | 'accepted' | 'declined' | 'stale' | 'undelivered';

/** An open item (or a closed one): people by e-mail. */
export interface StoredItem {
  n: number;
  rotationId: string;
  kind: ItemKind;
  text: string;
  holder: string;
  openedBy: string;
  openedAt: number;
  /** An escalation: who it went to; empty for a plain item. */
  escalatedTo: string[];
  /** The handoff post that passed it to its holder, until they accept it. */
  awaitingKey?: string;
  closedBy?: string;
  closedAt?: number;
  closeNote?: string;
}

/** One line of an item's history: who did what, from whom to whom. */
export interface ItemEvent {
  n: number;
  rotationId: string;
  kind: ItemEventKind;
  actor: string;
  at: number;
  from?: string;
  to?: string;
  handoffKey?: string;
  note?: string;
}

/** Someone asked the holder to let them take an item over; only the holder's answer moves it. */
export interface TakeOverRequest {
  id: string;
  n: number;
  requester: string;
  holder: string;
  state: TakeOverState;
  createdAt: number;
  decidedAt?: number;
}

/** The answer to a take-over request: `stale` when the item moved or closed since it was asked. */
export type TakeOverAnswer = { outcome: 'accepted' | 'declined' | 'stale' | 'already'; request: TakeOverRequest };

/**
 * Open items and their history. Every move is one transaction with its event and audit row, conditional on the
 * state the caller saw (the holder it expects, still open), so two people acting at once never both win.
 */
export interface ItemStore {
  openItem(i: { rotationId: string; kind: ItemKind; text: string; holder: string; escalatedTo?: string[] }, ctx: ChangeContext): Promise<StoredItem>;
  item(n: number): Promise<StoredItem | undefined>;
  /** Oldest first; open ones only unless `closed` is given. */
  items(filter: { rotationId?: string; closed?: boolean }): Promise<StoredItem[]>;
  /** The item's history, oldest first. */
  events(n: number): Promise<ItemEvent[]>;
  /** A rotation's item events at `from` ≤ at < `to`, oldest first. */
  eventsBetween(rotationId: string, from: number, to: number): Promise<ItemEvent[]>;
  /** Moves an open item from `expectedHolder` to `to`; false (nothing changed) when it is closed or held by someone else. */
  moveItem(n: number, expectedHolder: string, to: string, kind: 'assigned' | 'taken', ctx: ChangeContext): Promise<boolean>;
  /** Closes an open item; false when it was closed already. */
  closeItem(n: number, note: string | undefined, ctx: ChangeContext): Promise<boolean>;
  /**
   * At a handoff: the rotation's open items held by any of `from` pass to `to`, awaiting acceptance, once per `key`
   * (the handoff post's key); a second call with the same key passes nothing. With `heldBefore` (the handoff's
   * instant) only items held since before it: one opened, assigned or taken at or after it stays where it is (a
   * handoff passed late, after Rota was down, must not move what people did since). The items passed, by number.
   */
  passAtHandoff(key: string, rotationId: string, from: string[], to: string, ctx: ChangeContext, heldBefore?: number): Promise<number[]>;
  /** Which of these handoff keys' passes have run: the minute tick skips them without a write. */
  passesRun(keys: string[]): Promise<Set<string>>;
  /** The items handoff `key` passed (number and text, by number), or undefined when its pass has not run yet. */
  passedAt(key: string): Promise<Array<{ n: number; text: string }> | undefined>;
  /** The acknowledgement of handoff `key`: the items it passed that still wait are accepted. Their numbers. */
  acceptPassed(key: string, ctx: ChangeContext): Promise<number[]>;
  /**
   * Accepted in chat (`item accept`): the open items awaiting `holder`'s acceptance, or only number `n`, whichever
   * handoff passed them; once (an item accepted already is not accepted again). Their numbers.
   */
  acceptAwaiting(holder: string, n: number | undefined, ctx: ChangeContext): Promise<number[]>;
  /** A new request (its id is made here), state `asked`. */
  askTakeOver(r: { n: number; requester: string; holder: string }, ctx: ChangeContext): Promise<TakeOverRequest>;
  takeOverRequest(id: string): Promise<TakeOverRequest | undefined>;
  /** Closes a request still `asked` whose card could not reach the holder, audited with `reason`; false if it was answered. */
  closeUndelivered(id: string, reason: string, ctx: ChangeContext): Promise<boolean>;
  /** The holder's answer: once; an accepted one moves the item only if `holder` still holds it (else `stale`). */
  answerTakeOver(id: string, accept: boolean, ctx: ChangeContext): Promise<TakeOverAnswer>;
}
