import { afterEach, describe, expect, it } from 'vitest';
import { DutyJobs } from '../../app/jobs/duties.js';
import { snapshot, type PersonRef } from '../../app/usecases/context.js';
import { PersonUnreachable } from '../../app/usecases/conversations.js';
import { actOnDuty } from '../../app/usecases/dutyActions.js';
import type { DutyPoster } from '../../app/usecases/dutyCards.js';
import { ENGINES } from '../helpers/databases.js';
import { berlin, chatWorld, type ChatWorld } from './chatWorld.js';
import { pairFile, DUE, MINUTE, quietLog as log } from './dutyPair.js';

const FILE = pairFile([
  '{ at: "Tue 10:00", task: "Review the pages" }',
]);
const alice = { email: 'alice@contoso.com' };

const refusingBob: DutyPoster = {
  async sendToPerson(_view, to: PersonRef) {
    if (to.email === 'bob@contoso.com') throw new PersonUnreachable(to.email, 'Rota is not installed for bob in Teams');
    return { conversationId: `a:chat-${to.email}`, activityId: `act-${to.email}` };
  },
  async postToChannel() {
    return undefined;
  },
};

describe.each(ENGINES)('a snooze that cannot be made (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  const tick = async (now: number) => new DutyJobs({ deps: w.deps, poster: refusingBob, holder: 'a', clock: () => now, log }).tick(await snapshot(w.deps), now);
  const theKey = async () => ((await w.t.db('duty_runs').select('key')) as Array<{ key: string }>)[0]!.key;

  it('while the card is being sent again (a retry for bob holds it), Snooze says so and changes nothing; afterwards it snoozes', async () => {
    w = await chatWorld(engine, FILE);
    await tick(DUE);
    const key = await theKey();
    expect(await w.deps.stores.duties.retakeUndelivered(key, 'other-replica', DUE + 15 * MINUTE)).toBe(true);
    const refused = await actOnDuty(w.deps, alice, key, { kind: 'snooze', minutes: 15 }, DUE + 16 * MINUTE);
    expect(refused).toEqual({ ok: false, error: 'Not snoozed: the card is being sent again right now; try again in a minute.' });
    expect((await w.deps.stores.duties.run(key))!.snoozedUntil).toBeUndefined();
    expect(Number((await w.t.db('audit_log').where({ action: 'duty.snoozed' }).count({ n: '*' }).first())!.n)).toBe(0);
    await w.deps.stores.duties.markUndelivered(key, 'bob@contoso.com: Rota is not installed for bob in Teams', DUE + 16 * MINUTE);
    const snoozed = await actOnDuty(w.deps, alice, key, { kind: 'snooze', minutes: 15 }, DUE + 17 * MINUTE);
    expect(snoozed.ok && [snoozed.value.card.status, snoozed.value.card.snoozedUntil]).toEqual(['snoozed', DUE + 32 * MINUTE]);
  });

  it('a duty whose card never went out (Rota was down) is not snoozed, and says why', async () => {
    w = await chatWorld(engine, FILE);
    await tick(DUE + 7 * 60 * MINUTE);
    const key = await theKey();
    expect((await w.deps.stores.duties.run(key))!.state).toBe('missed');
    expect(await actOnDuty(w.deps, alice, key, { kind: 'snooze', minutes: 60 }, DUE + 7 * 60 * MINUTE)).toEqual({
      ok: false,
      error: "Not snoozed: this duty's card was never sent (Rota was not running at its time); nothing changed.",
    });
  });
});
