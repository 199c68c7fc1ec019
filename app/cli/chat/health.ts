/** Waits `ms`, or less when `signal` aborts; injected so tests drive the chat's waiting without real time. */
export interface ChatTimer {
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realTimer: ChatTimer = {
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      const early = () => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(() => {
        // The signal outlives many sleeps: drop this one's listener, or they pile up.
        signal.removeEventListener('abort', early);
        resolve();
      }, ms);
      // An idle chat must not keep the process alive after /quit.
      t.unref();
      signal.addEventListener('abort', early, { once: true });
    }),
};

export interface HealthTiming {
  /** How often an idle session checks that Rota is still there. */
  idleMs: number;
  /** The first wait after Rota stopped; it doubles up to `maxMs`. */
  firstMs: number;
  maxMs: number;
}

export const HEALTH_TIMING: HealthTiming = { idleMs: 5_000, firstMs: 1_000, maxMs: 15_000 };

/**
 * Whether the bot is up, from its GET /healthz. While it is, an idle check every `idleMs`; once it stops (a check
 * fails, or a post is refused) one line says so and /healthz is polled with back-off until it answers again.
 */
export class BotHealth {
  private up = true;
  private stopped = false;
  private wake = new AbortController();
  private waiters: Array<() => void> = [];

  constructor(
    private readonly healthUrl: string,
    private readonly say: (line: string) => void,
    private readonly timer: ChatTimer,
    private readonly timing: HealthTiming = HEALTH_TIMING,
  ) {}

  /** Runs the checks until stop(). */
  async watch(): Promise<void> {
    let delay = this.timing.firstMs;
    while (!this.stopped) {
      const wasUp = this.up;
      if (this.wake.signal.aborted) this.wake = new AbortController();
      await this.timer.sleep(wasUp ? this.timing.idleMs : delay, this.wake.signal);
      if (this.stopped) return;
      if (wasUp && !this.up) {
        // A post found Rota gone while this check was waiting: start the back-off now.
        delay = this.timing.firstMs;
        continue;
      }
      const healthy = await this.healthy();
      if (wasUp && !healthy) {
        this.down();
        delay = this.timing.firstMs;
      } else if (!wasUp && healthy) this.back();
      else if (!wasUp) delay = Math.min(delay * 2, this.timing.maxMs);
    }
  }

  /** Rota did not take a request: say so once and start polling. */
  down(): void {
    if (!this.up) return;
    this.up = false;
    this.say('Rota stopped; reconnecting…');
    this.wake.abort();
  }

  /** Resolves at once while Rota is up, else when it is back. */
  whenUp(): Promise<void> {
    return this.up ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    this.wake.abort();
  }

  private back(): void {
    this.up = true;
    this.say('Rota is back');
    for (const w of this.waiters.splice(0)) w();
  }

  private async healthy(): Promise<boolean> {
    const res = await fetch(this.healthUrl, { signal: AbortSignal.timeout(3_000) }).catch(() => undefined);
    await res?.body?.cancel();
    return res?.status === 200;
  }
}
