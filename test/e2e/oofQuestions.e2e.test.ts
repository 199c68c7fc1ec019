import { afterEach, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../db/stores.js';
import type { RecordedRequest } from '../helpers/connectorStandIn.js';
import { startBot, stopBot, WEDNESDAY, type BotWorld } from '../bot/botHarness.js';
import { people } from '../bot/dutyWorld.js';

/** Outlook's all-day out of office 10–14 March 2026 in Berlin (midnight CET to midnight CET), over Bob's Op of the Week from Mon 9 March. */
const BOB_BLOCK = { member: 'bob@contoso.com', start: Date.parse('2026-03-09T23:00:00Z'), end: Date.parse('2026-03-14T23:00:00Z'), rotationId: 'ops', detail: { rotationName: 'Op of the Week', zone: 'Europe/Berlin', shiftStart: Date.parse('2026-03-09T11:00:00Z'), more: 0 } };
/** Dave's week starts Mon 23 March; a block 24–25 March. */
const DAVE_BLOCK = { member: 'dave@contoso.com', start: Date.parse('2026-03-23T23:00:00Z'), end: Date.parse('2026-03-25T23:00:00Z'), rotationId: 'ops', detail: { rotationName: 'Op of the Week', zone: 'Europe/Berlin', shiftStart: Date.parse('2026-03-23T11:00:00Z'), more: 0 } };

type CardBody = { body: Array<{ text?: string }>; actions?: Array<{ verb?: string; data?: { id?: string } }> };
/** The out-of-office cards among connector requests: to whose chat, its texts, the id its buttons carry. */
function oofCards(requests: RecordedRequest[]): Array<{ to: string; texts: string[]; id: string }> {
  return requests.flatMap((r) => {
    const card = (r.body.attachments as Array<{ content: CardBody }> | undefined)?.[0]?.content;
    if (r.method !== 'POST' || !card || card.body[0]?.text !== 'Out of office · Outlook') return [];
    const to = /a%3Achat-(\w+)/.exec(r.path)?.[1] ?? r.path;
    return [{ to, texts: card.body.map((b) => b.text ?? ''), id: card.actions?.find((a) => a.verb === 'oof.yes')?.data?.id ?? '' }];
  });
}

describe('out-of-office questions in Teams', () => {
  let w: BotWorld;
  let stores: Stores;
  const chat = people(() => w);
  afterEach(() => stopBot(w));

  async function start() {
    w = await startBot('sqlite');
    stores = createStores(w.t.db);
    await chat.install(); // Rota in the team: how it learns who writes (their e-mail) from Teams
  }

  it('reaches a person without a chat when they next write, once across a restart; Yes records the time off and answers with the moves, once', async () => {
    await start();
    expect(await stores.oof.add([BOB_BLOCK], WEDNESDAY)).toBe(1);
    let mark = w.h.mark();
    await w.h.rota.handoffs.tick(WEDNESDAY);
    expect(oofCards(w.h.since(mark))).toEqual([]);
    const [q] = await stores.oof.ofMembers(['bob@contoso.com']);
    expect([q!.state, q!.post]).toEqual(['new', 'undelivered']);

    mark = w.h.mark();
    await chat.say('bob', 'my shifts');
    const [sent, ...more] = oofCards(w.h.since(mark));
    expect(more).toEqual([]);
    expect(sent!.to).toBe('bob');
    expect(sent!.texts[1]).toBe('You are out of office 10–14 March, which covers your **Op of the Week** shift from Mon 9 March; mark it as time off?');

    await w.h.restart();
    mark = w.h.mark();
    w.h.clock.now = WEDNESDAY + 20 * 60_000;
    await w.h.rota.handoffs.tick(w.h.clock.now);
    expect(oofCards(w.h.since(mark))).toEqual([]);

    const carol = await chat.click('carol', 'oof.yes', { id: sent!.id });
    expect(carol.value).toMatchObject({});
    expect(JSON.stringify(carol.value)).toContain('This question is for bob@contoso.com; only they can answer it. Nothing changed.');

    mark = w.h.mark();
    const yes = await chat.click('bob', 'oof.yes', { id: sent!.id });
    expect(yes.texts.at(-1)).toBe('✅ Marked as time off at Wed 4 Mar 10:20 GMT+1.');
    const said = w.h.since(mark).map((r) => String(r.body.text ?? '')).join('\n');
    expect(said).toContain('Time off recorded for Bob Baker: Tue 10 Mar – Sat 14 Mar');
    expect(said).toContain('These shifts moved:\n- **Op of the Week** Mon 9 Mar 12:00 GMT+1 – Mon 16 Mar 12:00 GMT+1: ');
    const again = await chat.click('bob', 'oof.yes', { id: sent!.id });
    expect(JSON.stringify(again.value)).toContain('You marked this out-of-office block as time off already; nothing changed');
  });

  it('No is recorded and never asked again, even when the block is found again', async () => {
    await start();
    await chat.say('dave', 'my shifts'); // a command that knows who asks: their personal chat is stored
    await stores.oof.add([DAVE_BLOCK], WEDNESDAY);
    let mark = w.h.mark();
    await w.h.rota.handoffs.tick(WEDNESDAY);
    const [sent] = oofCards(w.h.since(mark));
    expect(sent!.texts[1]).toBe('You are out of office 24–25 March, which covers your **Op of the Week** shift from Mon 23 March; mark it as time off?');
    const no = await chat.click('dave', 'oof.no', { id: sent!.id });
    expect(no.texts.at(-1)).toBe('✖ Not time off at Wed 4 Mar 10:00 GMT+1: Rota will not ask about this block again.');
    expect(await stores.oof.add([DAVE_BLOCK], WEDNESDAY)).toBe(0);
    mark = w.h.mark();
    await w.h.rota.handoffs.tick(WEDNESDAY + 60 * 60_000);
    await chat.say('dave', 'my shifts');
    expect(oofCards(w.h.since(mark))).toEqual([]);
  });
});
