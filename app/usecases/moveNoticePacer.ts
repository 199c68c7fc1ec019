import { MS_PER_HOUR as HOUR } from '../../rotation/index.js';

const SECOND = 1000;

/** At most `max` requests in any `windowMs`. */
export interface RateWindow {
  windowMs: number;
  max: number;
}

/**
 * Teams' limits for bots, MicrosoftDocs/msteams-docs msteams-platform/bots/how-to/rate-limit.md at commit 000c7b8 ("Optimize your bot with rate limiting in Teams",
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit), "Per bot per thread limit": sending to one conversation, 7 in 1 s, 8 in 2 s,
 * 60 in 30 s and 1800 in 3600 s; the global limit: "30 Requests Per Second (RPS)" per app per tenant (newer versions of
 * the page say 50). Over a limit Teams answers 429 Too Many Requests.
 */
export const TEAMS_PER_THREAD: readonly RateWindow[] = [
  { windowMs: 1 * SECOND, max: 7 },
  { windowMs: 2 * SECOND, max: 8 },
  { windowMs: 30 * SECOND, max: 60 },
  { windowMs: 1 * HOUR, max: 1800 },
];

/**
 * The notices' share of the global limit (30 a second, test/helpers/connector/rateLimits.ts enforces it): a notice may cost two requests (opening the 1:1 chat, then the message),
 * and the answers, handoff posts and cards of the same app need the rest, so notices take at most 20 a second.
 */
export const NOTICE_GLOBAL: readonly RateWindow[] = [{ windowMs: 1 * SECOND, max: 20 }];

export type PacerSleep = (ms: number) => Promise<void>;

/**
 * Paces sends within sliding windows, per thread (a person's personal chat) and for the whole app: `take` waits (by
 * the injected sleep, measured on the injected clock) until one more request of `cost` fits every window.
 */
export class Pacer {
  private readonly threads = new Map<string, number[]>();
  private all: number[] = [];

  constructor(
    private readonly clock: () => number,
    private readonly sleep: PacerSleep,
    private readonly limits: { thread: readonly RateWindow[]; global: readonly RateWindow[] } = { thread: TEAMS_PER_THREAD, global: NOTICE_GLOBAL },
  ) {}

  async take(thread: string, cost = 1): Promise<void> {
    for (;;) {
      const now = this.clock();
      const mine = this.threads.get(thread) ?? [];
      const wait = Math.max(waitFor(mine, this.limits.thread, now, 1), waitFor(this.all, this.limits.global, now, cost));
      if (wait <= 0) {
        mine.push(now);
        this.threads.set(thread, prune(mine, this.limits.thread, now));
        this.all = prune([...this.all, ...Array<number>(cost).fill(now)], this.limits.global, now);
        return;
      }
      await this.sleep(wait);
    }
  }
}

/** How long until `cost` more fit in every window (0: now): the moment the oldest one in the way leaves its window. */
function waitFor(sent: readonly number[], windows: readonly RateWindow[], now: number, cost: number): number {
  let wait = 0;
  for (const w of windows) {
    const inWindow = sent.filter((t) => t > now - w.windowMs);
    const over = inWindow.length + cost - w.max;
    if (over > 0) wait = Math.max(wait, inWindow[over - 1]! + w.windowMs - now);
  }
  return wait;
}

/** Only the times still inside the longest window matter. */
function prune(sent: number[], windows: readonly RateWindow[], now: number): number[] {
  const longest = Math.max(...windows.map((w) => w.windowMs));
  return sent.filter((t) => t > now - longest);
}
