import { afterEach, describe, expect, it } from 'vitest';
import { HandoffJobs } from '../../app/jobs/handoffs.js';
import { acknowledgeHandoff, type HandoffData, type HandoffPoster } from '../../app/usecases/handoffPosts.js';
import { createStores } from '../../db/stores.js';
import { ENGINES } from '../helpers/databases.js';
import { berlin, chatWorld, type ChatWorld } from './chatWorld.js';

// pair: weekly from Mon 5 Jan 2026 09:00, alice then bob: Mon 7 Dec 2026 09:00 (48 weeks on) hands over from Bob to Alice.
const FILE = `timezone: Europe/Berlin
rotations:
  - id: pair
    name: Pair
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    members: [alice@contoso.com, bob@contoso.com]
    channel: { team: 19:team@thread.tacv2, id: "19:pair@thread.tacv2" }
`;
const poster: HandoffPoster = {
  async postHandoff(h: HandoffData) {
    return { conversationId: h.channel.id, activityId: 'act-1' };
  },
  async sendPersonal() {
    return true;
  },
};
const KEY = `handoff:pair:${berlin('2026-12-07 09:00')}`;

describe.each(ENGINES)('acknowledging a handoff accepts the items it passed (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  const passed = async () => {
    w = await chatWorld(engine, FILE);
    await w.deps.stores.items.openItem({ rotationId: 'pair', kind: 'item', text: 'Disk 90% on db-2', holder: 'bob@contoso.com' }, { actor: 'bob@contoso.com', source: 'chat', now: berlin('2026-12-03 10:00') });
    const jobs = new HandoffJobs({ deps: w.deps, leases: createStores(w.t.db).leases, poster, holder: 'a', ackMinutes: 30, log: { info: () => undefined, warn: () => undefined } });
    await jobs.tick(berlin('2026-12-07 09:01'));
  };
  const holders = async () => (await w.deps.stores.items.items({})).map((i) => `#${i.n} ${i.holder}${i.awaitingKey ? ' (awaiting)' : ''}`);

  it('the first press acknowledges and accepts', async () => {
    await passed();
    expect(await holders()).toEqual(['#1 alice@contoso.com (awaiting)']);
    const acked = await acknowledgeHandoff(w.deps, KEY, { email: 'alice@contoso.com' }, berlin('2026-12-07 09:10'));
    expect(acked.ok).toBe(true);
    expect(await holders()).toEqual(['#1 alice@contoso.com']);
  });

  it('a crash between the acknowledgement and the acceptance is mended by the next press, in the acknowledger\'s name', async () => {
    await passed();
    // The acknowledgement was written, then the process stopped before the items were accepted.
    await w.deps.stores.posts.ackPost(KEY, 'alice@contoso.com', { actor: 'alice@contoso.com', source: 'chat', now: berlin('2026-12-07 09:10') });
    expect(await holders()).toEqual(['#1 alice@contoso.com (awaiting)']);
    const again = await acknowledgeHandoff(w.deps, KEY, { email: 'alice@contoso.com' }, berlin('2026-12-07 09:20'));
    expect(again.ok && again.value.ackedAt).toBe(berlin('2026-12-07 09:10'));
    expect(await holders()).toEqual(['#1 alice@contoso.com']);
    expect(await w.t.db('item_events').where({ kind: 'accepted' }).select('actor', 'at')).toEqual([{ actor: 'alice@contoso.com', at: berlin('2026-12-07 09:20') }]);
    // A third press accepts nothing more.
    await acknowledgeHandoff(w.deps, KEY, { email: 'alice@contoso.com' }, berlin('2026-12-07 09:30'));
    expect(await w.t.db('item_events').where({ kind: 'accepted' }).count({ n: '*' })).toEqual([{ n: 1 }]);
  });
});
