import type { Stores } from '../../db/stores.js';
import { formatTable } from '../usecases/format.js';
import { UNDELIVERED_WINDOW_MS } from '../jobs/undeliveredStatus.js';

/** A webhook delivery that failed for good or is being retried, as `rota status` lists it. */
export interface WebhookTrouble {
  event: string;
  id: string;
  target: string;
  state: 'retrying' | 'failed';
  attempts: number;
  next: string | null;
  lastStatus: number | null;
  lastError: string | null;
}

/** Deliveries of the last 7 days that failed, or are waiting for another try after an error; newest first. */
export async function webhookTrouble(stores: Pick<Stores, 'webhooks'>, now: number): Promise<WebhookTrouble[]> {
  return (await stores.webhooks.troubled(now - UNDELIVERED_WINDOW_MS)).map((d) => ({
    event: d.event,
    id: d.eventId,
    target: d.target,
    state: d.state === 'failed' ? 'failed' : 'retrying',
    attempts: d.attempts,
    next: d.state === 'failed' ? null : new Date(d.nextAt).toISOString(),
    lastStatus: d.lastStatus ?? null,
    lastError: d.lastError ?? null,
  }));
}

export function renderWebhookTrouble(rows: WebhookTrouble[]): string {
  if (rows.length === 0) return 'webhooks (last 7 days): all delivered\n';
  const table = formatTable(['event', 'id', 'receiver', 'state', 'attempts', 'next try', 'last error'], rows.map((r) => [r.event, r.id, r.target, r.state, String(r.attempts), r.next ?? '', r.lastError ?? '']));
  return `webhooks not delivered (last 7 days): ${rows.length}\n${table}`;
}
