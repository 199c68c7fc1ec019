import net from 'node:net';
import { runChat, type ChatOptions } from '../../app/cli/chat/terminalChat.js';
import { localAccount } from '../../app/cli/chat/connector.js';
import type { ChatTimer } from '../../app/cli/chat/health.js';

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Lines a test types, one at a time, into a chat session. */
class Keyboard implements AsyncIterable<string> {
  private readonly queued: string[] = [];
  private wakeUp: (() => void) | undefined;
  private ended = false;

  type(line: string) {
    this.queued.push(line);
    this.wakeUp?.();
  }

  end() {
    this.ended = true;
    this.wakeUp?.();
  }

  async *[Symbol.asyncIterator]() {
    for (;;) {
      if (this.queued.length) yield this.queued.shift()!;
      else if (this.ended) return;
      else await new Promise<void>((r) => (this.wakeUp = r));
    }
  }
}

/** One person's terminal: what they type, what it printed, and a wait for text to appear (no polling, no sleeps). */
export class Terminal {
  output = '';
  readonly done: Promise<void>;
  private readonly keys = new Keyboard();
  private readonly watchers: Array<{ test: (s: string) => boolean; resolve: () => void }> = [];

  constructor(email: string, name: string, o: Omit<ChatOptions, 'user' | 'lines' | 'out'>) {
    this.done = runChat({
      ...o,
      user: localAccount(email, name),
      lines: this.keys,
      out: (s) => {
        this.output += s;
        for (const w of this.watchers.splice(0)) (w.test(this.output) ? w.resolve() : this.watchers.push(w));
      },
    });
  }

  type(line: string) {
    this.keys.type(line);
  }

  /** Resolves when the output holds `text` `times` times. */
  waitFor(text: string | RegExp, times = 1): Promise<void> {
    const test = (s: string) => (typeof text === 'string' ? s.split(text).length - 1 : (s.match(new RegExp(text.source, 'g')) ?? []).length) >= times;
    if (test(this.output)) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ test, resolve }));
  }

  /** Types a line and waits for what it should bring. */
  async say(line: string, expect: string | RegExp): Promise<void> {
    const before = typeof expect === 'string' ? this.output.split(expect).length - 1 : (this.output.match(new RegExp(expect.source, 'g')) ?? []).length;
    this.type(line);
    await this.waitFor(expect, before + 1);
  }

  /** The output since `mark` (a length of `output` taken earlier). */
  since(mark: number): string {
    return this.output.slice(mark);
  }

  async quit() {
    this.keys.end();
    await this.done;
  }
}

/** A ChatTimer the test drives: each sleep waits until the test fires it (or its signal aborts); every wait asked for is recorded. */
export class FakeTimer implements ChatTimer {
  readonly asked: number[] = [];
  private current: { ms: number; end: () => void } | undefined;
  private arrived: (() => void) | undefined;

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.asked.push(ms);
    return new Promise((resolve) => {
      const entry = {
        ms,
        end: () => {
          if (this.current === entry) this.current = undefined;
          signal.removeEventListener('abort', entry.end); // as the real timer does: no listener outlives its sleep
          resolve();
        },
      };
      this.current = entry;
      signal.addEventListener('abort', entry.end, { once: true });
      this.arrived?.();
    });
  }

  /** Waits until a sleep is pending, then ends it; answers how long it had asked to wait. */
  async fire(): Promise<number> {
    while (!this.current) await new Promise<void>((r) => (this.arrived = r));
    const { ms, end } = this.current;
    end();
    return ms;
  }
}
