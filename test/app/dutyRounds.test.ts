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
const ALICE = 'alice@contoso.com';
const BOB = 'bob@contoso.com';

type Behaviour = { refuse?: string[]; hangOn?: string };

/**
 * A poster that records each card it sent ("name → person", "(back)" when the card says it came back from a snooze).
 * `refuse`: Teams refuses them; `hangOn`: the send to that person never returns (the Rota sending it stopped).
 */
function poster(name: string, sent: string[], b: Behaviour = {}): DutyPoster {
  return {
    async sendToPerson(view: DutyCardView, to: PersonRef) {
      if (to.email === b.hangOn) return new Promise(() => undefined);
      if (b.refuse?.includes(to.email)) throw new PersonUnreachable(to.email, `Rota is not installed for ${to.email} in Teams`);
      sent.push(`${name} → ${to.email}${view.back ? ' (back)' : ''}`);
      return { conversationId: `a:chat-${to.email}`, activityId: `act-${sent.length}` };
    },
    async postToChannel() {
      return undefined;
    },
  };
}

const jobs = (w: ChatWorld, holder: string, sent: string[], at: number, b?: Behaviour) => new DutyJobs({ deps: w.deps, poster: poster(holder, sent, b), holder, clock: () => at, log });
const ctx = (actor: string, now: number) => ({ actor, source: 'chat' as const, now });

describe.each(ENGINES)('duty card rounds: a snooze coming back, a Rota stopped mid-delivery (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  async function theRun() {
    const [row] = await w.t.db('duty_runs').select('key');
    return (await w.deps.stores.duties.run(row.key))!;
  }

  it('a snoozed card whose return Teams refuses for both is sent to both again 15 minutes later, then posted', async () => {
    w = await chatWorld(engine, FILE);
    const sent: string[] = [];
    await jobs(w, 'a', sent, DUE).tick(await snapshot(w.deps), DUE);
    expect(await w.deps.stores.duties.snooze((await theRun()).key, DUE + 15 * MINUTE, ctx(ALICE, DUE + MINUTE))).toBe(true);
    await jobs(w, 'a', sent, DUE + 15 * MINUTE, { refuse: [ALICE, BOB] }).tick(await snapshot(w.deps), DUE + 15 * MINUTE);
    expect((await theRun()).state).toBe('undelivered');
    await jobs(w, 'a', sent, DUE + 30 * MINUTE).tick(await snapshot(w.deps), DUE + 30 * MINUTE);
    expect(sent).toEqual(['a → alice@contoso.com', 'a → bob@contoso.com', 'a → alice@contoso.com', 'a → bob@contoso.com']);
    const run = await theRun();
    expect([run.state, run.note, run.copies.map((c) => `${c.to}${c.earlier ? ' (earlier)' : ''}`)]).toEqual([
      'posted',
      undefined,
      ['alice@contoso.com (earlier)', 'bob@contoso.com (earlier)', 'alice@contoso.com', 'bob@contoso.com'],
    ]);
  });

  it('a Rota that stopped after alice had her card: the next one sends it to bob only, 10 minutes later', async () => {
    w = await chatWorld(engine, FILE);
    const sent: string[] = [];
    void jobs(w, 'a', sent, DUE, { hangOn: BOB }).tick(await snapshot(w.deps), DUE);
    await expect.poll(async () => (await w.t.db('duty_runs').select('copies'))[0]?.copies ?? '[]').toContain(ALICE);
    expect(sent).toEqual(['a → alice@contoso.com']);
    await jobs(w, 'b', sent, DUE + 9 * MINUTE).tick(await snapshot(w.deps), DUE + 9 * MINUTE);
    expect(sent).toEqual(['a → alice@contoso.com']);
    await jobs(w, 'b', sent, DUE + 10 * MINUTE).tick(await snapshot(w.deps), DUE + 10 * MINUTE);
    expect(sent).toEqual(['a → alice@contoso.com', 'b → bob@contoso.com']);
    const run = await theRun();
    expect([run.state, run.copies.map((c) => c.to)]).toEqual(['posted', [ALICE, BOB]]);
  });

  it('a stopped retry after a snooze came back is resumed without "back from a snooze"; the take-back round itself says it', async () => {
    w = await chatWorld(engine, FILE);
    const sent: string[] = [];
    await jobs(w, 'a', sent, DUE, { refuse: [BOB] }).tick(await snapshot(w.deps), DUE);
    expect(await w.deps.stores.duties.snooze((await theRun()).key, DUE + 15 * MINUTE, ctx(ALICE, DUE + MINUTE))).toBe(true);
    await jobs(w, 'a', sent, DUE + 15 * MINUTE, { refuse: [BOB] }).tick(await snapshot(w.deps), DUE + 15 * MINUTE);
    // The 15-minute retry for bob: the Rota sending it stops in the middle of the send.
    void jobs(w, 'a', sent, DUE + 30 * MINUTE, { hangOn: BOB }).tick(await snapshot(w.deps), DUE + 30 * MINUTE);
    await expect.poll(async () => (await theRun()).state).toBe('claimed');
    await jobs(w, 'b', sent, DUE + 40 * MINUTE).tick(await snapshot(w.deps), DUE + 40 * MINUTE);
    expect(sent).toEqual(['a → alice@contoso.com', 'a → alice@contoso.com (back)', 'b → bob@contoso.com']);
    expect((await theRun()).state).toBe('posted');
  });
});
