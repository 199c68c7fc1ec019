import { connectorError, type Answer } from './answer.js';

/**
 * Teams' rate limits for bots, MicrosoftDocs/msteams-docs msteams-platform/bots/how-to/rate-limit.md at commit 000c7b8
 * ("Optimize your bot with rate limiting in Teams", https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit):
 * the "Per bot per thread limit" table's "Send to conversation" rows — 7 operations in 1 s, 8 in 2 s, 60 in 30 s,
 * 1800 in 3600 s — and its note "The global limit per app per tenant is 30 Requests Per Second (RPS)" (newer versions
 * of the page say 50; the stand-in enforces the version cited). Over either, Teams answers 429 Too Many Requests (the
 * stand-in adds Retry-After: 1).
 * Left out: the table's "Create conversation" rows (7/1 s, 8/2 s, 60/30 s, 1800/3600 s per thread: a POST to
 * /v3/conversations names no thread yet, so the stand-in cannot tell which thread it counts for), its "Get
 * conversation members" and "Get conversations" rows, and the "Per thread limit for all bots" (other bots' traffic).
 * Those requests still count towards the global limit.
 */
export const PER_THREAD: ReadonlyArray<{ windowMs: number; max: number }> = [
  { windowMs: 1000, max: 7 },
  { windowMs: 2000, max: 8 },
  { windowMs: 30_000, max: 60 },
  { windowMs: 3_600_000, max: 1800 },
];
export const GLOBAL: ReadonlyArray<{ windowMs: number; max: number }> = [{ windowMs: 1000, max: 30 }];

/** Counts requests on the test's clock (not real time) and refuses those over a limit, as Teams would. */
export class RateLimits {
  private readonly threads = new Map<string, number[]>();
  private readonly all: number[] = [];
  /** Every request refused for a limit, with which. */
  readonly refused: Array<{ path: string; limit: string }> = [];

  constructor(private readonly clock: () => number) {}

  /** The 429 for a request over a limit (the request is then not counted), else undefined (counted). */
  check(method: string, path: string): Answer | undefined {
    const now = this.clock();
    const thread = /^\/v3\/conversations\/([^/]+)\/activities/.exec(path)?.[1];
    const sent = thread ? (this.threads.get(thread) ?? []) : [];
    const over = (times: number[], limits: typeof PER_THREAD) => limits.find((l) => times.filter((t) => t > now - l.windowMs).length >= l.max);
    const global = over(this.all, GLOBAL);
    // The page's "Send to conversation" row: a POST of an activity. A PUT (updating one) is counted as a send too — the
    // page names no limit for updates; the stand-in is stricter here than the page, on purpose.
    const perThread = thread && (method === 'POST' || method === 'PUT') ? over(sent, PER_THREAD) : undefined;
    const limit = global ? `global ${global.max}/${global.windowMs} ms` : perThread ? `thread ${perThread.max}/${perThread.windowMs} ms` : undefined;
    if (limit) {
      this.refused.push({ path, limit });
      return { ...connectorError(429, 'Throttled', `rate limit: ${limit}`), headers: { 'retry-after': '1' } };
    }
    this.all.push(now);
    if (thread) this.threads.set(thread, [...sent, now]);
    return undefined;
  }
}
