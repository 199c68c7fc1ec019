import { createHash } from 'node:crypto';

/** A webhook's key in the outbox and the audit: a hash of its URL (the URL may carry a signature in its query, so it is not stored). */
export function webhookId(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 32);
}

/** The receiver as `rota status` and the audit show it: origin and path, never the query. */
export function webhookTarget(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/** Webhooks as the audit log keeps them: id, target and events, never the URL (a Power Automate `sig=` is its key). */
export function auditedWebhooks(webhooks: ReadonlyArray<{ url: string; events: readonly string[] }>): Array<{ id: string; target: string; events: string[] }> {
  return webhooks.map((w) => ({ id: webhookId(w.url), target: webhookTarget(w.url), events: [...w.events] }));
}
