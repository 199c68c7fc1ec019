import { afterEach, describe, expect, it } from 'vitest';
import { HandoffJobs } from '../../app/jobs/handoffs.js';
import type { HandoffData, HandoffPoster } from '../../app/usecases/handoffPosts.js';
import { handoffCard } from '../../bot/handoffCard.js';
import { createStores } from '../../db/stores.js';
import { ENGINES } from '../helpers/databases.js';
import { berlin, chatWorld, type ChatWorld } from './chatWorld.js';

// solo (no channel): weekly from Mon 5 Jan 2026 12:00, alice and bob in turn: Mon 7 Dec 2026 (week 48) Bob → Alice.
// pair (a channel): two on duty from the queue [alice, bob, carol], who go to the back: week 48 alice+bob, week 49
// (Mon 14 Dec 09:00) carol+alice; Bob goes off duty and his items go to Alice, first of the two on the roster.
const FILE = `timezone: Europe/Berlin
rotations:
  - id: solo
    name: Solo
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [alice@contoso.com, bob@contoso.com]
  - id: pair
    name: Pair
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    onDuty: 2
    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com]
    channel: { team: 19:team@thread.tacv2, id: "19:pair@thread.tacv2" }
`;
const log = { info: () => undefined, warn: () => undefined };

/** A poster that records each handoff it posts; with `failing`, Teams fails the post (500) as a crash would leave it. */
function poster(o: { failing?: boolean } = {}): HandoffPoster & { posted: HandoffData[]; failing: boolean } {
  const p = {
    posted: [] as HandoffData[],
    failing: o.failing ?? false,
    async postHandoff(h: HandoffData) {
      if (p.failing) throw new Error('connector answered 500');
      p.posted.push(h);
      return { conversationId: '19:pair@thread.tacv2', activityId: `act-${p.posted.length}` };
    },
    async sendPersonal() {
      return true;
    },
  };
  return p;
}

describe.each(ENGINES)('items pass at every handoff, posted or not (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());
  const jobs = (p: HandoffPoster) => new HandoffJobs({ deps: w.deps, leases: createStores(w.t.db).leases, poster: p, holder: 'a', ackMinutes: 30, log });
  const open = (rotationId: string, holder: string, text: string) => w.deps.stores.items.openItem({ rotationId, kind: 'item', text, holder }, { actor: holder, source: 'chat', now: berlin('2026-12-01 10:00') });
  const holders = async () => (await w.deps.stores.items.items({})).map((i) => `#${i.n} ${i.holder}${i.awaitingKey ? ' (awaiting)' : ''}`);

  it('a rotation with no channel passes them once, at the tick after its handoff', async () => {
    w = await chatWorld(engine, FILE);
    await open('solo', 'bob@contoso.com', 'Nightly backup failed');
    const p = poster();
    await jobs(p).tick(berlin('2026-12-07 11:59'));
    expect(await holders()).toEqual(['#1 bob@contoso.com']);
    await jobs(p).tick(berlin('2026-12-07 12:01'));
    await jobs(p).tick(berlin('2026-12-07 12:02'));
    expect(await holders()).toEqual(['#1 alice@contoso.com (awaiting)']);
    expect(await w.t.db('item_events').where({ kind: 'passed' }).pluck('handoff_key')).toEqual([`handoff:solo:${berlin('2026-12-07 12:00')}`]);
    expect(p.posted.filter((h) => h.rotation.id === 'solo')).toEqual([]);
  });

  it('a post that fails still passes them; the card posted at the next tick lists them; two incoming: the first on the roster gets them, the other is told', async () => {
    w = await chatWorld(engine, FILE);
    await open('pair', 'bob@contoso.com', 'Disk 90% on db-2');
    const p = poster({ failing: true });
    await expect(jobs(p).tick(berlin('2026-12-14 09:01'))).rejects.toThrow('connector answered 500');
    expect(await holders()).toEqual(['#1 alice@contoso.com (awaiting)']);
    p.failing = false;
    await jobs(p).tick(berlin('2026-12-14 09:02'));
    const card = p.posted.find((h) => h.rotation.id === 'pair')!;
    expect([card.incoming.map((x) => x.email).sort(), card.passingItems]).toEqual([
      ['alice@contoso.com', 'carol@contoso.com'],
      { to: { email: 'alice@contoso.com' }, items: [{ n: 1, text: 'Disk 90% on db-2' }] },
    ]);
    const texts = (handoffCard(card).body as Array<{ text?: string }>).map((b) => b.text);
    // Not pinged: the stand-in people have no Teams id, so they are named.
    expect(texts).toContain('**Open items passing to alice@contoso.com**');
    expect(texts).toContain('_They go to the first incoming person on the roster; carol@contoso.com can ask for one with "item take <n>"._');
  });

  it('down across Monday\'s handoff for 10 hours: the items pass when Rota is back, once, with no late post', async () => {
    w = await chatWorld(engine, FILE);
    await open('solo', 'bob@contoso.com', 'Nightly backup failed');
    const p = poster();
    await jobs(p).tick(berlin('2026-12-07 11:59'));
    await jobs(p).tick(berlin('2026-12-07 22:00'));
    await jobs(p).tick(berlin('2026-12-07 22:01'));
    expect(await holders()).toEqual(['#1 alice@contoso.com (awaiting)']);
    expect(await w.t.db('item_events').where({ kind: 'passed' }).select('handoff_key', 'from_holder', 'to_holder', 'at')).toEqual([
      { handoff_key: `handoff:solo:${berlin('2026-12-07 12:00')}`, from_holder: 'bob@contoso.com', to_holder: 'alice@contoso.com', at: berlin('2026-12-07 22:00') },
    ]);
  });

  it('down for a week across two handoffs: the items go down the chain, oldest handoff first', async () => {
    w = await chatWorld(engine, FILE);
    await open('pair', 'bob@contoso.com', 'Disk 90% on db-2');
    const p = poster();
    await jobs(p).tick(berlin('2026-12-14 08:59'));
    await jobs(p).tick(berlin('2026-12-21 10:00'));
    // Mon 14 Dec: bob leaves, alice (first of carol+alice on the roster) gets it; Mon 21 Dec: alice leaves, bob (of bob+carol).
    expect(await w.t.db('item_events').where({ kind: 'passed' }).orderBy('id').select('handoff_key', 'from_holder', 'to_holder')).toEqual([
      { handoff_key: `handoff:pair:${berlin('2026-12-14 09:00')}`, from_holder: 'bob@contoso.com', to_holder: 'alice@contoso.com' },
      { handoff_key: `handoff:pair:${berlin('2026-12-21 09:00')}`, from_holder: 'alice@contoso.com', to_holder: 'bob@contoso.com' },
    ]);
    expect(await holders()).toEqual(['#1 bob@contoso.com (awaiting)']);
    // Only the 21 Dec handoff is recent enough to post (late); the 14 Dec one is a week old.
    expect(p.posted.map((h) => h.key)).toEqual([`handoff:pair:${berlin('2026-12-21 09:00')}`]);
  });
});
