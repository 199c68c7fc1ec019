/** One event for one webhook, as the outbox holds it. */
export interface NewDelivery {
  /** The event's own id (`handoff:ops:1767614400000`, `override:<id>:made`): with `webhook`, the unique key. */
  eventId: string;
  /** A short hash of the receiver's URL (app/usecases/webhookPayload.ts webhookId). */
  webhook: string;
  /** The receiver's origin and path (no query: it may hold a signature), shown by `rota status`. */
  target: string;
  event: string;
  rotationId?: string;
  /** The JSON body, exactly as it is signed and sent. */
  payload: string;
}

export type DeliveryState = 'pending' | 'claimed' | 'delivered' | 'failed' | 'dropped';

export interface Delivery extends NewDelivery {
  state: DeliveryState;
  attempts: number;
  nextAt: number;
  claimedBy?: string;
  lastStatus?: number;
  lastError?: string;
  createdAt: number;
  updatedAt: number;
}

/** How one attempt ended: delivered, tried again at `nextAt`, or given up (`failed`) or dropped. */
export type AttemptOutcome =
  | { state: 'delivered'; status: number }
  | { state: 'pending'; nextAt: number; status?: number; error: string }
  | { state: 'failed' | 'dropped'; status?: number; error: string };

/**
 * The webhook outbox (`webhook_deliveries`). Enqueueing is idempotent (one row per event and webhook); a delivery is
 * sent only by the replica whose conditional update claimed it, and only that holder records its outcome.
 */
export interface WebhookStore {
  /** Adds the deliveries not there yet (pending, due at `now`); returns how many were new. */
  enqueue(deliveries: NewDelivery[], now: number): Promise<number>;
  /**
   * Claims up to `limit` deliveries due at `now` for `holder`: pending ones whose `next_at` has come, and claims a
   * stopped replica left (`claimed`, untouched since `staleBefore`). Each is claimed by exactly one caller.
   */
  claimDue(holder: string, now: number, staleBefore: number, limit: number): Promise<Delivery[]>;
  /** Records the attempt's outcome (attempts + 1) if `holder` still holds the claim; false if it does not. */
  recordAttempt(eventId: string, webhook: string, holder: string, outcome: AttemptOutcome, now: number): Promise<boolean>;
  /** Deliveries that failed for good, or are being retried after an error, updated since `since` (newest first). */
  troubled(since: number): Promise<Delivery[]>;
  delivery(eventId: string, webhook: string): Promise<Delivery | undefined>;
  /** When each of these webhooks first appeared in an applied file (recorded by the file's apply); absent if unknown. */
  firstSeen(webhooks: string[]): Promise<Map<string, number>>;
}
