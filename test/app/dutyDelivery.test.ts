import { afterEach, describe, expect, it } from 'vitest';
import { DutyJobs } from '../../app/jobs/duties.js';
import { snapshot, type PersonRef } from '../../app/usecases/context.js';
import { PersonUnreachable } from '../../app/usecases/conversations.js';
import type { DutyCardView, DutyPoster } from '../../app/usecases/dutyCards.js';
import { ENGINES } from '../helpers/databases.js';
import { berlin, chatWorld, type ChatWorld } from './chatWorld.js';
import { pairFile, DUE, MINUTE, quietLog as log } from './dutyPair.js';

// Pair: alice and bob on duty the week of Mon 30 Nov 2026; their duty is due Tue 1 Dec 10:00 Berlin.
const FILE = pairFile([
  `{ at: "Tue 10:00", task: "Review the week's pages" }`,
]);

/** A poster that records the cards it sent; `during` runs inside each send (time passing, another replica's tick). */
function poster(name: string, sent: string[], during: (to: string) => Promise<void> = async () => undefined, unreachable: string[] = []): DutyPoster {
  return {
    async sendToPerson(_view: DutyCardView, to: PersonRef) {
      await during(to.email);
      if (unreachable.includes(to.email)) throw new PersonUnreachable(to.email, `Rota is not installed for ${to.email} in Teams`);
      sent.push(`${name} → ${to.email}`);
      return { conversationId: `a:chat-${to.email}`, activityId: `act-${sent.length}` };
    },
    async postToChannel() {
      return undefined;
    },
  };
}

describe.each(ENGINES)('duty cards across replicas and retries (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  it('a throttled delivery that outlasts 2 minutes (6 min a card) keeps its claim: the other replica sends nothing', async () => {
    w = await chatWorld(engine, FILE);
    const sent: string[] = [];
    let clock = DUE;
    const b = new DutyJobs({ deps: w.deps, poster: poster('b', sent), holder: 'b', clock: () => clock, log });
    // Each of a's sends takes 6 minutes (Teams throttling it); while it sends to bob, b's minute tick runs at 10:12.
    const slow = async (to: string) => {
      clock += 6 * MINUTE;
      if (to === 'bob@contoso.com') await b.tick(await snapshot(w.deps), clock);
    };
    const a = new DutyJobs({ deps: w.deps, poster: poster('a', sent, slow), holder: 'a', clock: () => clock, log });
    await a.tick(await snapshot(w.deps), DUE);
    expect(sent).toEqual(['a → alice@contoso.com', 'a → bob@contoso.com']);
    const [row] = await w.t.db('duty_runs').select('key');
    const run = await w.deps.stores.duties.run(row.key);
    expect([run?.state, run?.copies.map((c) => c.to)]).toEqual(['posted', ['alice@contoso.com', 'bob@contoso.com']]);
  });

  it('a card that reached alice and not bob: tried again for bob only, 15 minutes later', async () => {
    w = await chatWorld(engine, FILE);
    const sent: string[] = [];
    const first = new DutyJobs({ deps: w.deps, poster: poster('a', sent, undefined, ['bob@contoso.com']), holder: 'a', clock: () => DUE, log });
    await first.tick(await snapshot(w.deps), DUE);
    const [row] = await w.t.db('duty_runs').select('key', 'state', 'note');
    expect([row.state, row.note]).toEqual(['undelivered', 'bob@contoso.com: Rota is not installed for bob@contoso.com in Teams']);
    const later = new DutyJobs({ deps: w.deps, poster: poster('a', sent), holder: 'a', clock: () => DUE + 15 * MINUTE, log });
    await later.tick(await snapshot(w.deps), DUE + 14 * MINUTE);
    expect(sent).toEqual(['a → alice@contoso.com']);
    await later.tick(await snapshot(w.deps), DUE + 15 * MINUTE);
    expect(sent).toEqual(['a → alice@contoso.com', 'a → bob@contoso.com']);
    const run = await w.deps.stores.duties.run(row.key);
    expect([run?.state, run?.note, run?.copies.map((c) => c.to)]).toEqual(['posted', undefined, ['alice@contoso.com', 'bob@contoso.com']]);
    await later.tick(await snapshot(w.deps), DUE + 30 * MINUTE);
    expect(sent).toHaveLength(2);
  });
});
