import { faultReply, type Faults } from './faults.js';
import { graphError, type Reply } from './replies.js';

/**
 * "JSON batching": POST /$batch {requests: [{id, method, url, headers?, body?, dependsOn?}]} (≤ 20, else 400)
 * → 200 {responses: [{id, status, headers, body}]}; ids are unique (case-insensitively) and a request with a body
 * names its Content-Type, else the whole batch is a 400; a failed dependency is 424; each request is throttled on
 * its own (429 with Retry-After inside the batch); the responses come in no guaranteed order.
 */

interface BatchRequest {
  id: string;
  method: string;
  url: string;
  body?: unknown;
  dependsOn?: string[];
  headers?: Record<string, string>;
}

/** What a batch needs of the stand-in: its faults, its routes, and its request log. */
export interface BatchContext {
  faults: Pick<Faults, 'take'>;
  route(method: string, path: string, query: URLSearchParams, body: unknown, headers: Record<string, string>): Reply;
  record(request: { method: string; path: string; query: Record<string, string>; body: unknown; status: number }): void;
}

export function batchReply(ctx: BatchContext, body: unknown): Reply {
  const requests = (body as { requests?: unknown })?.requests;
  if (!Array.isArray(requests)) return graphError(400, 'BadRequest', 'Invalid batch payload: requests is required.');
  if (requests.length > 20) return graphError(400, 'BadRequest', 'The number of batch requests exceeds the limit of 20.');
  const ids = new Set<string>();
  const results = new Map<string, number>();
  const responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: unknown }> = [];
  for (const r of requests as BatchRequest[]) {
    if (ids.has(String(r.id).toLowerCase())) return graphError(400, 'BadRequest', 'Batch request ids must be unique.');
    ids.add(String(r.id).toLowerCase());
    if (r.body !== undefined && !Object.keys(r.headers ?? {}).some((h) => h.toLowerCase() === 'content-type')) {
      return graphError(400, 'BadRequest', 'Content-Type header is required when a body is given.');
    }
  }
  for (const r of requests as BatchRequest[]) {
    const url = new URL(r.url.startsWith('/') ? r.url : `/${r.url}`, 'http://stand-in');
    const path = url.pathname;
    let reply: Reply;
    if ((r.dependsOn ?? []).some((d) => (results.get(d) ?? 0) >= 400 || !results.has(d))) {
      reply = graphError(424, 'FailedDependency', 'A request this one depends on failed.');
    } else {
      const fault = ctx.faults.take(r.method, path, true, JSON.stringify(r.body ?? ''));
      reply = fault?.kind === 'status' ? faultReply(fault) : ctx.route(r.method, path, url.searchParams, r.body, r.headers ?? {});
    }
    results.set(r.id, reply.status);
    ctx.record({ method: r.method, path, query: Object.fromEntries(url.searchParams), body: r.body, status: reply.status });
    responses.push({
      id: r.id,
      status: reply.status,
      headers: { ...(reply.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...reply.headers },
      ...(reply.body !== undefined ? { body: reply.body } : {}),
    });
  }
  return { status: 200, body: { responses: responses.reverse() } }; // order is not guaranteed: callers must use ids
}
