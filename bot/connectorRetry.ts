/**
 * Which Bot Connector answers are worth sending again, and after how long.
 *
 * "Rate limiting for agents" (MicrosoftDocs/msteams-docs, msteams-platform/bots/how-to/rate-limit.md;
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit): back off and retry on 429 Too Many
 * Requests, and "in addition to retrying error code 429, error codes 412, 502, and 504 must also be retried", with an
 * exponential back-off (the version read, commit 000c7b8 of msteams-docs, is titled "Optimize your bot with rate
 * limiting in Teams" and does not list 503; 503 is retried once Microsoft's page is seen to list it). A Retry-After
 * header, when the service sends one, wins.
 */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 504]);

export type Sleep = (ms: number) => Promise<void>;

export interface RetryOptions {
  maxAttempts: number;
  sleep: Sleep;
  log: { warn(obj: object, msg: string): void };
}

const FIRST_WAIT_MS = 1000;
const MAX_WAIT_MS = 30_000;

/** The HTTP status of a failed connector call (botframework-connector's RestError carries `statusCode`). */
export function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Teams refusing a post's tag mention ("Channel and group chat conversations with a bot", Tag mention: 400 when the
 * tag no longer exists in the team or the channel is not a standard one, 502 when the mention cannot be resolved):
 * the post goes again without the tag. The handoff and the escalation both follow this rule.
 */
export const refusedTagMention = (status: number | undefined): boolean => status === 400 || status === 502;

/** The wait before attempt `attempt + 1`: Retry-After (seconds) when given, else 1 s, 2 s, 4 s… up to 30 s. */
export function retryWaitMs(err: unknown, attempt: number): number {
  const header = (err as { response?: { headers?: { get(n: string): string | undefined } } } | null)?.response?.headers?.get('retry-after');
  const seconds = header === undefined ? NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(MAX_WAIT_MS, seconds * 1000);
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (attempt - 1));
}

/** Runs `work`, sending it again after a transient answer (RETRIED_STATUSES) up to `maxAttempts` times in all. */
export async function withConnectorRetries<T>(work: () => Promise<T>, o: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const status = statusOf(err);
      if (status === undefined || !RETRIED_STATUSES.has(status) || attempt >= o.maxAttempts) throw err;
      const waitMs = retryWaitMs(err, attempt);
      o.log.warn({ attempt, status, waitMs }, `Bot Connector answered ${status}; retrying`);
      await o.sleep(waitMs);
    }
  }
}
