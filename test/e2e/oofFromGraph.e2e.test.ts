import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, startWorld, type World } from './realTenantWorld.js';

/**
 * Outlook out-of-office from Graph to the card, nothing seeded: an all-day OOF event in Ann's mailbox (Graph stand-in)
 * → `rota sync` reads free/busy (getSchedule) and stores the question → the server's minute tick sends the card to
 * her personal chat (Bot Connector stand-in). Op of the Week (realTenantWorld.ts): weekly from Mon 5 Jan 2026, Mon
 * 12:00 Amsterdam, [ann, ben, cas] → week 12, Mon 30 March (after the change to CEST, UTC+2), is Ann's. Her block:
 * 31 March – 2 April, midnight to midnight CEST = 2026-03-30T22:00Z – 2026-04-02T22:00Z.
 */
const WEDNESDAY = Date.parse('2026-03-18T10:00:00Z');

describe.each(ENGINES)('out-of-office: from Graph through the sync to the card (%s)', (engine) => {
  let w: World;
  afterEach(() => w?.stop());

  it('an OOF block in her calendar over her coming week reaches Ann as a question, once', async () => {
    w = await startWorld(engine, WEDNESDAY);
    await w.say('ann', 'my shifts'); // her personal chat, known to Rota
    for (const p of Object.values(PEOPLE)) w.graph.addMailbox(p.upn);
    w.graph.addPersonalEvent(PEOPLE.ann.upn, 'Easter trip', new Date('2026-03-30T22:00:00Z'), new Date('2026-04-02T22:00:00Z'), 'oof');

    // Past the lease the server's start-up reconcile holds (as realTenant.e2e does).
    expect((await w.sync(WEDNESDAY + 10 * 60_000)).code).toBe(0);
    const asked = w.graph.requests.filter((r) => r.path.endsWith('/calendar/getSchedule') && r.status === 200);
    expect(asked.length).toBeGreaterThan(0);

    const mark = w.connector.requests.length;
    await w.rota.handoffs.tick(WEDNESDAY + 11 * 60_000);
    const cards = w.connector.requests.slice(mark).flatMap((r) => {
      const card = (r.body.attachments as Array<{ content: { body: Array<{ text?: string }> } }> | undefined)?.[0]?.content;
      return r.method === 'POST' && card?.body[0]?.text === 'Out of office · Outlook' ? [{ path: decodeURIComponent(r.path), text: card.body[1]?.text }] : [];
    });
    expect(cards).toEqual([{ path: expect.stringContaining('a:chat-ann'), text: 'You are out of office 31 March – 2 April, which covers your **Op of the Week** shift from Mon 30 March; mark it as time off?' }]);

    const again = w.connector.requests.length;
    expect((await w.sync(WEDNESDAY + 25 * 60_000)).code).toBe(0);
    await w.rota.handoffs.tick(WEDNESDAY + 26 * 60_000);
    expect(w.connector.requests.slice(again).filter((r) => JSON.stringify(r.body).includes('Out of office · Outlook'))).toEqual([]);
  });
});
