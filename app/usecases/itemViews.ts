import type { PersonRef } from './context.js';

/*
 * The seam between open items (item commands, escalate, passing at handoffs) and what reads them (morning and
 * evening checks, the handoff card, stats). The items work implements, here:
 *
 *   openItems(deps: ChatDeps, rotationId: string): Promise<ItemView[]>        — open items, oldest first
 *   itemActivity(deps: ChatDeps, rotationId: string, from: number, to: number): Promise<ItemActivity>
 */

export type ItemKind = 'item' | 'escalation';

export interface ItemView {
  /** The number people type: "item done 12". Unique across rotations, never reused. */
  n: number;
  rotationId: string;
  kind: ItemKind;
  text: string;
  holder: PersonRef;
  openedBy: PersonRef;
  openedAt: number;
  /** An escalation: who it went to (the escalation rotation's person on duty then). */
  escalatedTo?: PersonRef[];
  closedBy?: PersonRef;
  closedAt?: number;
  closeNote?: string;
  /** Passed to this holder at a handoff and not yet accepted (the handoff acknowledgement accepts it). */
  awaitingAcceptance?: boolean;
}

/** What happened to a rotation's items in [from, to): for "since the last check" and `stats`. */
export interface ItemActivity {
  opened: ItemView[];
  closed: ItemView[];
  escalations: ItemView[];
  /** Items passed from one holder to the next at a handoff in the window (carried over). */
  carried: Array<{ item: ItemView; from: PersonRef; to: PersonRef; at: number }>;
}
