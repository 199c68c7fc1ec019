import { graphError, type Reply } from './replies.js';

/**
 * Faults a test injects into the Graph stand-in, each for the next `times` requests that match (top-level or
 * inside a $batch): an error status as Graph sends it (429 with Retry-After, 5xx), or a connection that breaks
 * before or after the work was done, or an answer slower than the client waits.
 */

export type Fault =
  | { kind: 'status'; status: 403 | 429 | 500 | 503 | 504; retryAfterSeconds?: number }
  /** Destroys the connection before doing anything. */
  | { kind: 'drop' }
  /** Does the work, then destroys the connection: the client cannot know it succeeded. */
  | { kind: 'dropAfterCommit' }
  /** Does the work, then answers only after `ms` (beyond the client's time-out). */
  | { kind: 'slowAfterCommit'; ms: number };

export interface FaultMatch {
  method?: string;
  path?: RegExp;
  inBatch?: boolean;
  body?: RegExp;
}

interface FaultRule {
  match: (method: string, path: string, inBatch: boolean, body: string) => boolean;
  fault: Fault;
  remaining: number;
}

export class Faults {
  private readonly rules: FaultRule[] = [];

  add(match: FaultMatch, fault: Fault, times: number): void {
    this.rules.push({
      match: (method, path, inBatch, body) =>
        (!match.method || match.method === method) &&
        (!match.path || match.path.test(path)) &&
        (match.inBatch === undefined || match.inBatch === inBatch) &&
        (!match.body || match.body.test(body)),
      fault,
      remaining: times,
    });
  }

  /** The first rule left that matches this request, used up by one. */
  take(method: string, path: string, inBatch: boolean, body = ''): Fault | undefined {
    const rule = this.rules.find((f) => f.remaining > 0 && f.match(method, path, inBatch, body));
    if (!rule) return undefined;
    rule.remaining--;
    return rule.fault;
  }
}

export function faultReply(fault: Extract<Fault, { kind: 'status' }>): Reply {
  const codes = { 403: 'Forbidden', 429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable', 504: 'GatewayTimeout' } as const;
  const reply = graphError(fault.status, codes[fault.status], 'Injected by the stand-in.');
  if (fault.retryAfterSeconds !== undefined) reply.headers = { 'Retry-After': String(fault.retryAfterSeconds) };
  return reply;
}
