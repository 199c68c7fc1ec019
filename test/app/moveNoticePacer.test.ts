import { afterEach, describe, expect, it } from 'vitest';
import { Pacer } from '../../app/usecases/moveNoticePacer.js';
import { startConnectorStandIn, type ConnectorStandIn } from '../helpers/connectorStandIn.js';

/** A Pacer on a test clock: its sleeps advance the clock; returns the clock time of each send, in order. */
async function sendTimes(sends: Array<{ chat: string; cost?: number }>): Promise<number[]> {
  const clock = { now: 0 };
  const pacer = new Pacer(() => clock.now, async (ms) => void (clock.now += ms));
  const times: number[] = [];
  for (const s of sends) {
    await pacer.take(s.chat, s.cost);
    times.push(clock.now);
  }
  return times;
}
const many = (n: number, chat = 'a', cost = 1) => Array.from({ length: n }, () => ({ chat, cost }));

describe('the shift-moved notices\' Pacer (Teams\' per-chat limits, the notices\' 20 a second of the app\'s global limit)', () => {
  it.each([
    // 7 in 1 s: the 8th waits until the first 7 leave the 1 s window; 8 in 2 s: the 9th until they leave the 2 s one.
    ['one chat, 8 sends', many(8), [0, 0, 0, 0, 0, 0, 0, 1000]],
    ['one chat, 16 sends', many(16), [0, 0, 0, 0, 0, 0, 0, 1000, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 3000]],
    // Three chats of 7: 20 requests fit the notices' share at t=0; the 21st (chat c's 7th) waits a second.
    ['three chats of 7', [...many(7, 'a'), ...many(7, 'b'), ...many(7, 'c')], [...Array<number>(20).fill(0), 1000]],
    // Costing 2 (open the chat, then the message): 10 fit at t=0, the 11th waits a second.
    ['11 chats, cost 2', Array.from({ length: 11 }, (_, i) => ({ chat: `c${i}`, cost: 2 })), [...Array<number>(10).fill(0), 1000]],
    // 41 chats once each: 20 a second, so the 21st to the 40th at 1000 and the 41st at 2000.
    ['41 chats once', Array.from({ length: 41 }, (_, i) => ({ chat: `c${i}` })), [...Array<number>(20).fill(0), ...Array<number>(20).fill(1000), 2000]],
  ])('%s', async (_, sends, expected) => {
    expect(await sendTimes(sends)).toEqual(expected);
  });

  it('the 61st send to one chat waits for the 30 s window: 60 in 30 s', async () => {
    const got = await sendTimes(many(61));
    // 8 per 2 s (7 at an even second, 1 at the odd one): sends 1..56 by 13 000, the 57th to the 60th at 14 000; the
    // 61st would fit the 1 s and 2 s windows at 14 000 but is the 61st in 30 s: it waits until the 7 sent at t=0 leave.
    expect(got.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 1000]);
    expect(got[59]).toBe(14_000);
    expect(got[60]).toBe(30_000);
  });
});

describe('the Bot Connector stand-in\'s per-thread limit (7 sends in 1 s, rate-limit.md at 000c7b8)', () => {
  let connector: ConnectorStandIn;
  afterEach(() => connector.close());

  it('the 8th POST to one conversation within 1 s is 429 with Retry-After; another conversation is not held up', async () => {
    connector = await startConnectorStandIn();
    const clock = { now: 5000 };
    const rates = connector.limitRates(() => clock.now);
    const post = (conversation: string) =>
      fetch(`${connector.url}/v3/conversations/${encodeURIComponent(conversation)}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hi' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await post('a:chat-1')).status);
      clock.now += 100; // 7 sends over 600 ms
    }
    expect(statuses.every((s) => s >= 200 && s < 300)).toBe(true);
    const eighth = await post('a:chat-1');
    expect(eighth.status).toBe(429);
    expect(eighth.headers.get('retry-after')).toBe('1');
    expect(rates.refused).toEqual([{ path: '/v3/conversations/a%3Achat-1/activities', limit: 'thread 7/1000 ms' }]);
    expect((await post('a:chat-2')).status).toBeLessThan(300);
    clock.now = 6001; // the first send (at 5000) has left the 1 s window; 7 in the 2 s window, so 8 fits
    expect((await post('a:chat-1')).status).toBeLessThan(300);
  });

  it('the 31st request of the app within 1 s is 429: the global 30 a second of the version cited', async () => {
    connector = await startConnectorStandIn();
    const clock = { now: 5000 };
    const rates = connector.limitRates(() => clock.now);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await fetch(`${connector.url}/v3/conversations/a%3Achat-${i}/activities`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'hi' }) });
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers.get('retry-after')).toBe('1');
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses[30]).toBe(429);
    expect(rates.refused).toEqual([{ path: '/v3/conversations/a%3Achat-30/activities', limit: 'global 30/1000 ms' }]);
  });
});
