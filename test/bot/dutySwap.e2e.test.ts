import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.js';
import { startBot, stopBot, type BotWorld } from './botHarness.js';
import { teamsMessage } from '../helpers/connectorStandIn.js';
import { DUTY_FILE, account, chatOf, dutyCards, people, type SentDuty } from './dutyWorld.js';

const Z = (iso: string) => Date.parse(iso);
const MIN = 60_000;

// DUTY_FILE's weekly queue (handoff Mon 09:00 Berlin): alice has the week of 30 Mar, bob 6 Apr, carol 13 Apr. On Fri 3
// Apr bob swaps his week with carol's, in chat, and carol accepts on the card. Hand-computed: Mon-Fri 09:15 CEST is
// 07:15Z; Sat 08:00 CEST is 06:00Z (the channel's card); Sun 02:30 CEST is 00:30Z.
const TICKS: Array<[string, string]> = [
  ['2026-04-06T07:15:00Z', 'carol'], // bob's week, now carol's
  ['2026-04-10T07:15:00Z', 'carol'],
  ['2026-04-11T06:00:00Z', 'channel'],
  ['2026-04-12T00:30:00Z', 'carol'],
  ['2026-04-13T07:15:00Z', 'bob'], // carol's week, now bob's
  ['2026-04-17T07:15:00Z', 'bob'],
];

describe.each(ENGINES)('duty cards follow a swap made in chat (%s)', (engine) => {
  let w: BotWorld;
  const p = people(() => w);

  beforeAll(async () => {
    w = await startBot(engine, undefined, { file: DUTY_FILE, now: Z('2026-04-03T10:00:00Z') });
    await p.install();
    for (const who of ['bob', 'carol'] as const) await p.say(who, 'remind');
  }, 120_000);
  afterAll(() => stopBot(w));

  it('after the swap, each duty goes to whoever holds the week then, once', async () => {
    const res = await w.h.post(
      teamsMessage({ serviceUrl: w.connector.url, text: 'swap 2026-04-06 with <at>Carol Cook</at> ops', from: account('bob'), conversation: chatOf('bob'), mentions: [account('carol')] }),
    );
    expect(res.status).toBe(200);
    const swap = await w.t.db('swaps').where({ state: 'proposed' }).first();
    expect(swap).toMatchObject({ proposer: 'bob@contoso.com', counterpart: 'carol@contoso.com' });
    const accepted = await p.click('carol', 'swap.accept', { swapId: swap.id });
    expect(JSON.stringify(accepted.value)).toContain('Accepted');

    const sent: Array<[string, string]> = [];
    for (const [at] of TICKS) {
      for (const now of [Z(at), Z(at) + MIN]) {
        w.h.clock.now = now;
        const mark = w.h.mark();
        await w.h.rota.handoffs.tick(now);
        sent.push(...dutyCards(w.h.since(mark)).map((c: SentDuty) => [new Date(now).toISOString().replace('.000', ''), c.to] as [string, string]));
      }
    }
    expect(sent).toEqual(TICKS);
  }, 120_000);
});
