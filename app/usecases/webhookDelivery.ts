import type { AttemptOutcome, Delivery } from '../../db/webhooks/WebhookStore.js';
import type { FileWebhook } from '../../rotation/rotationFileSchema.js';
import { MS_PER_HOUR as HOUR, MS_PER_MINUTE as MINUTE } from '../../rotation/index.js';
import { messageOf } from '../../rotation/messageOf.js';
import { secretName, signature, SIGNATURE_HEADER, webhookId } from './webhookPayload.js';

/** The wait before each retry: after the 1st attempt 1 min, then 5 min, 30 min, 2 h and 6 h; after the 6th Rota gives up. */
export const RETRY_AFTER_MS = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR] as const;
export const MAX_ATTEMPTS = RETRY_AFTER_MS.length + 1;
/** The longest wait Rota accepts from a Retry-After: the last back-off. */
const LAST_WAIT_MS = 6 * HOUR;
/** How long one POST may take before it counts as failed (and is retried): a slow receiver holds only its own delivery. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** How the POST is made: Node's fetch, or a test's. */
export type Post = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal; redirect: 'manual' }) => Promise<{ status: number; headers: { get(name: string): string | null } }>;

export interface DeliveryDeps {
  post: Post;
  secretOf: (name: string) => string | undefined;
  timeoutMs?: number;
}

/**
 * One attempt at one delivery: the POST, signed when the webhook has a secret, and how it ended. 2xx is delivered;
 * 410 Gone and a webhook no longer in the file end it; anything else (a 3xx, 4xx, 5xx, a timeout, a refused
 * connection) is tried again after the next wait (a longer Retry-After of a 429 or 503 is honoured, up to 6 h), until MAX_ATTEMPTS.
 */
export async function attempt(deps: DeliveryDeps, d: Delivery, webhooks: FileWebhook[] | undefined, now: number): Promise<AttemptOutcome> {
  const hook = (webhooks ?? []).find((w) => webhookId(w.url) === d.webhook);
  if (!hook) return { state: 'dropped', error: 'the webhook is no longer in the rotation file' };
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'Rota-Webhook/1', 'X-Rota-Event': d.event, 'X-Rota-Delivery': d.eventId };
  const name = secretName(hook);
  if (name) {
    const secret = deps.secretOf(name);
    if (!secret) return retryOrFail(d, now, `the environment variable ${name} is not set in the running Rota (the webhook's secret)`);
    headers[SIGNATURE_HEADER] = signature(secret, Math.floor(now / 1000), d.payload);
  }
  try {
    const res = await deps.post(hook.url, { method: 'POST', headers, body: d.payload, signal: AbortSignal.timeout(deps.timeoutMs ?? DELIVERY_TIMEOUT_MS), redirect: 'manual' });
    if (res.status >= 200 && res.status < 300) return { state: 'delivered', status: res.status };
    if (res.status === 410) return { state: 'failed', status: 410, error: 'the receiver answered 410 Gone: remove the webhook from the file' };
    const why = res.status >= 300 && res.status < 400 ? `redirected (${res.status}) to ${res.headers.get('location') ?? '?'}: put the final URL in the file` : `the receiver answered ${res.status}`;
    return retryOrFail(d, now, why, res.status, retryAfterMs(res.headers.get('retry-after'), now));
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    return retryOrFail(d, now, timedOut ? `no answer within ${(deps.timeoutMs ?? DELIVERY_TIMEOUT_MS) / 1000} s` : `could not connect: ${causeOf(err)}`);
  }
}

function retryOrFail(d: Delivery, now: number, error: string, status?: number, asked?: number): AttemptOutcome {
  const wait = RETRY_AFTER_MS[d.attempts];
  const s = status === undefined ? {} : { status };
  if (wait === undefined) return { state: 'failed', ...s, error: `${error}; gave up after ${MAX_ATTEMPTS} attempts` };
  // A longer Retry-After is honoured up to the last back-off: a receiver cannot park a delivery for days.
  return { state: 'pending', ...s, nextAt: now + Math.max(wait, Math.min(asked ?? 0, LAST_WAIT_MS)), error };
}

/** Retry-After in seconds or as an HTTP date, in ms from `now`; undefined when absent or unreadable. */
function retryAfterMs(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const causeOf = (err: unknown): string => messageOf((err as { cause?: unknown }).cause ?? err);
