import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { messageOf } from '../../rotation/messageOf.js';

/** A Graph failure with what a person needs to act on it: the request, Graph's status and error code. */
export class GraphRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly code: string,
    message: string,
    /** True when a write may or may not have happened (time-out, dropped connection, 5xx on a POST). */
    readonly uncertain = false,
  ) {
    super(`${method} ${path}: ${status > 0 ? status : 'no response'} ${code}: ${message}`);
    this.name = 'GraphRequestError';
  }
}

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Time-out of one HTTP request. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export interface BatchRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version root, as GraphClient builds it. */
  url: string;
  body?: unknown;
}

export interface BatchResult {
  status: number;
  body: unknown;
  /** Set when the request failed; uncertain as GraphRequestError. */
  error?: GraphRequestError;
}

const ErrorBody = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }) });
const BatchResponse = z.object({
  responses: z.array(
    z.object({ id: z.string(), status: z.number(), headers: z.record(z.string(), z.string()).optional(), body: z.unknown().optional() }),
  ),
});
const Page = z.object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().optional() });

/** Throttled or briefly unavailable: Graph did not process the request, so even a POST may be sent again. */
const NOT_PROCESSED = new Set([429, 503]);
/** Worth another try for requests that are safe to repeat. */
const TRANSIENT = new Set([429, 500, 502, 503, 504, -1]);

/**
 * The transport under GraphClient (which builds every URL): retries with Retry-After and exponential back-off
 * with jitter, bounded attempts, a time-out per request, paging over @odata.nextLink, and $batch in chunks of 20
 * whose throttled members are retried on their own (the SDK's middleware never sees inside a batch). A POST is re-sent only
 * when Graph said it did not process it (429, 503); after a time-out or a 504 the caller must look first.
 */
export class GraphApi {
  /** HTTP requests sent (a $batch counts once), for the bench and the logs. */
  requestCount = 0;
  private readonly versionRoot: string;

  constructor(
    private readonly client: Client,
    baseUrl: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {
    this.versionRoot = baseUrl.replace(/\/$/, '');
  }

  /** The answer's body, unparsed: GraphClient parses it. */
  get(path: string): Promise<unknown> {
    return this.send('GET', path);
  }
  post(path: string, body: unknown): Promise<unknown> {
    return this.send('POST', path, body);
  }
  patch(path: string, body: unknown): Promise<unknown> {
    return this.send('PATCH', path, body);
  }
  async delete(path: string): Promise<void> {
    await this.send('DELETE', path);
  }
  /** A POST that only reads (calendar: getSchedule): retried on transient answers as a GET is, never uncertain. */
  postRead(path: string, body: unknown): Promise<unknown> {
    return this.send('POST', path, body, true);
  }

  /**
   * The items of a collection page by page, following @odata.nextLink; `first` is a first page already read
   * (a $batch member's body), so a batched read pages on from there.
   */
  async *items(path: string, first?: unknown): AsyncGenerator<unknown> {
    let page = Page.parse(first ?? (await this.get(path)));
    yield* page.value;
    while (page['@odata.nextLink']) {
      page = Page.parse(await this.get(this.relative(page['@odata.nextLink'])));
      yield* page.value;
    }
  }

  /** Sends requests in $batch chunks of 20; results are in the order asked. Throttled members are retried. */
  async batch(requests: BatchRequest[]): Promise<BatchResult[]> {
    const results: BatchResult[] = new Array(requests.length);
    for (let offset = 0; offset < requests.length; offset += 20) {
      const chunk = requests.slice(offset, offset + 20);
      let pending = chunk.map((r, i) => ({ index: offset + i, request: r, attempt: 1 }));
      while (pending.length > 0) {
        let envelope: unknown;
        try {
          envelope = await this.send('POST', '/$batch', {
            requests: pending.map((p) => ({
              id: String(p.index),
              method: p.request.method,
              url: p.request.url,
              ...(p.request.body !== undefined ? { body: p.request.body, headers: { 'Content-Type': 'application/json' } } : {}),
            })),
          });
        } catch (err) {
          // The envelope itself failed after its own retries: every member shares the outcome.
          const e = err instanceof GraphRequestError ? err : new GraphRequestError('POST', '/$batch', -1, 'unknown', messageOf(err), true);
          for (const p of pending) {
            const uncertain = e.uncertain && p.request.method !== 'GET';
            results[p.index] = { status: e.status, body: undefined, error: new GraphRequestError(p.request.method, p.request.url, e.status, e.code, e.message, uncertain) };
          }
          break;
        }
        const byId = new Map(BatchResponse.parse(envelope).responses.map((r) => [r.id, r]));
        const again: typeof pending = [];
        let waitMs = 0;
        for (const p of pending) {
          const r = byId.get(String(p.index));
          const status = r?.status ?? -1;
          if (status >= 200 && status < 300) {
            results[p.index] = { status, body: r?.body };
            continue;
          }
          const retryable = NOT_PROCESSED.has(status) || (p.request.method !== 'POST' && TRANSIENT.has(status));
          if (retryable && p.attempt < this.retry.maxAttempts) {
            waitMs = Math.max(waitMs, this.delayFor(p.attempt, headerValue(r?.headers, 'retry-after')));
            again.push({ ...p, attempt: p.attempt + 1 });
            continue;
          }
          const { code, message } = errorOf(r?.body);
          const uncertain = p.request.method === 'POST' && !NOT_PROCESSED.has(status) && status >= 500;
          results[p.index] = { status, body: r?.body, error: new GraphRequestError(p.request.method, p.request.url, status, code, message, uncertain) };
        }
        if (again.length) await this.retry.sleep(waitMs);
        pending = again;
      }
    }
    return results;
  }

  /** A nextLink is absolute; the client wants it relative to the version root (it only strips https:// hosts). */
  relative(link: string): string {
    return link.startsWith(this.versionRoot) ? link.slice(this.versionRoot.length) : link;
  }

  private async send(method: BatchRequest['method'], path: string, body?: unknown, readOnly = method === 'GET'): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      this.requestCount++;
      try {
        const request = this.client.api(path).option('signal', AbortSignal.timeout(this.retry.timeoutMs));
        if (method === 'GET') return await request.get();
        if (method === 'POST') return await request.post(body);
        if (method === 'PATCH') return await request.patch(body);
        return await request.delete();
      } catch (err) {
        const { status, code, message, retryAfter } = describe(err);
        const retryable = NOT_PROCESSED.has(status) || ((readOnly || method !== 'POST') && TRANSIENT.has(status));
        if (retryable && attempt < this.retry.maxAttempts) {
          await this.retry.sleep(this.delayFor(attempt, retryAfter));
          continue;
        }
        const uncertain = !readOnly && !NOT_PROCESSED.has(status) && (status < 0 || status >= 500);
        throw new GraphRequestError(method, path, status, code, message, uncertain);
      }
    }
  }

  /** Retry-After when Graph gives one, else exponential back-off with full jitter, capped. */
  private delayFor(attempt: number, retryAfter: string | undefined): number {
    const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, this.retry.maxDelayMs);
    const cap = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(cap / 2 + (this.retry.random() * cap) / 2);
  }
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : undefined;
}

function errorOf(body: unknown): { code: string; message: string } {
  const parsed = ErrorBody.safeParse(body);
  return parsed.success ? { code: parsed.data.error.code ?? 'unknown', message: parsed.data.error.message ?? '' } : { code: 'unknown', message: '' };
}

/** The SDK's GraphError: statusCode -1 and the error's name as code when no response came (time-out, reset). */
function describe(err: unknown): { status: number; code: string; message: string; retryAfter?: string } {
  const e = err as { statusCode?: number; code?: string | null; message?: string; headers?: Headers; body?: unknown };
  const status = typeof e.statusCode === 'number' ? e.statusCode : -1;
  const retryAfter = e.headers && typeof e.headers.get === 'function' ? (e.headers.get('retry-after') ?? undefined) : undefined;
  return { status, code: e.code ?? 'unknown', message: e.message ?? String(err), ...(retryAfter !== undefined ? { retryAfter } : {}) };
}

/** Every item of a paged collection, in order. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
