import type http from 'node:http';
import { randomUUID } from 'node:crypto';

/**
 * How the Graph stand-in answers, as Microsoft's docs describe it:
 * - "Microsoft Graph error responses": {"error": {"code", "message", "innerError": {date, request-id}}}.
 * - "Paging Microsoft Graph data in your app": a page of at most `$top` (never more than the stand-in's page size,
 *   small so paging is exercised) and, while more remain, an absolute @odata.nextLink carrying a $skiptoken.
 */

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function graphError(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } } };
}

/** One page of `items` at `path` (without the version prefix); `baseUrl` ends with the version (…/v1.0). */
export function pageOf<T>(items: T[], path: string, query: URLSearchParams, pageSize: number, baseUrl: string): Reply {
  const top = Math.min(Number(query.get('$top') ?? pageSize) || pageSize, pageSize);
  const skip = Number(query.get('$skiptoken') ?? 0);
  const value = items.slice(skip, skip + top);
  const body: Record<string, unknown> = { value };
  if (skip + top < items.length) {
    const next = new URLSearchParams(query);
    next.set('$skiptoken', String(skip + top));
    body['@odata.nextLink'] = `${baseUrl}${path}?${next.toString()}`;
  }
  return { status: 200, body };
}

export function sendReply(res: http.ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body !== undefined) headers['Content-Type'] = 'application/json';
  res.writeHead(reply.status, headers);
  res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
}

export function headersOf(headers: http.IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
}
