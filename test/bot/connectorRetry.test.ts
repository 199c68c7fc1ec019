import { describe, expect, it } from 'vitest';
import { retryWaitMs, withConnectorRetries } from '../../bot/connectorRetry.js';

/** An error shaped like botframework-connector's RestError. */
const answered = (statusCode: number, retryAfter?: string) =>
  Object.assign(new Error(`answered ${statusCode}`), { statusCode, response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } } });

describe('which Bot Connector answers are retried, and after how long', () => {
  it.each([
    ['Retry-After 3', answered(429, '3'), 1, 3000],
    ['Retry-After 0', answered(412, '0'), 2, 0],
    ['Retry-After beyond the cap', answered(429, '120'), 1, 30_000],
    ['no header, first retry', answered(502), 1, 1000],
    ['no header, second retry', answered(504), 2, 2000],
    ['no header, third retry', answered(502), 3, 4000],
    ['no header, far on', answered(502), 9, 30_000],
    ['an unreadable header', answered(429, 'soon'), 2, 2000],
  ])('%s', (_case, err, attempt, waitMs) => {
    expect(retryWaitMs(err, attempt)).toBe(waitMs);
  });

  it.each([412, 429, 502, 504])('%i is sent again with back-off, and the answer after it returned', async (status) => {
    const slept: number[] = [];
    let calls = 0;
    const result = await withConnectorRetries(
      async () => {
        if (++calls < 3) throw answered(status);
        return 'sent';
      },
      { maxAttempts: 4, sleep: async (ms) => void slept.push(ms), log: { warn: () => undefined } },
    );
    expect(result).toBe('sent');
    expect(slept).toEqual([1000, 2000]);
  });

  it.each([400, 403, 404, 413, 500, 503])('%i is not retried: Teams does not list it', async (status) => {
    const slept: number[] = [];
    let calls = 0;
    const run = withConnectorRetries(
      async () => {
        calls++;
        throw answered(status);
      },
      { maxAttempts: 4, sleep: async (ms) => void slept.push(ms), log: { warn: () => undefined } },
    );
    await expect(run).rejects.toThrow(`answered ${status}`);
    expect(calls).toBe(1);
    expect(slept).toEqual([]);
  });

  it('gives up after maxAttempts, with the last answer', async () => {
    let calls = 0;
    const run = withConnectorRetries(
      async () => {
        calls++;
        throw answered(502);
      },
      { maxAttempts: 3, sleep: async () => undefined, log: { warn: () => undefined } },
    );
    await expect(run).rejects.toThrow('answered 502');
    expect(calls).toBe(3);
  });
});
