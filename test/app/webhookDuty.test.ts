import { afterEach, describe, expect, it } from 'vitest';
import { DutyJobs } from '../../app/jobs/duties.js';
import { WebhookJobs } from '../../app/jobs/webhooks.js';
import { snapshot } from '../../app/usecases/context.js';
import { actOnDuty } from '../../app/usecases/dutyActions.js';
import type { DutyPoster } from '../../app/usecases/dutyCards.js';
import { ENGINES } from '../helpers/databases.js';
import { webhookReceiver } from '../helpers/webhookReceiver.js';
import { berlin, chatWorld, type ChatWorld } from './chatWorld.js';
import { DUE, MINUTE, pairFile, quietLog as log } from './dutyPair.js';

const poster: DutyPoster = {
  sendToPerson: async (_view, to) => ({ conversationId: `a:chat-${to.email}`, activityId: `act-${to.email}` }),
  postToChannel: async () => undefined,
};
const fileWith = (url: string) =>
  `${pairFile(['{ at: "Tue 10:00", task: "Review the pages" }', '{ at: "Tue 11:00", task: "Check the backups" }'])}webhooks:\n  - url: "${url}"\n    events: [duty]\n`;

describe.each(ENGINES)('duty events: answered, lost answers caught up, and missed duties (%s)', (engine) => {
  let w: ChatWorld;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  afterEach(async () => {
    await hook.close();
    await w.stop();
  });

  const world = async () => {
    hook = await webhookReceiver(undefined);
    w = await chatWorld(engine, fileWith(hook.url), DUE);
    await new DutyJobs({ deps: w.deps, poster, holder: 'a', clock: () => DUE + 60 * MINUTE, log }).tick(await snapshot(w.deps), DUE + 60 * MINUTE);
    const keys = ((await w.t.db('duty_runs').orderBy('due_at').select('key')) as Array<{ key: string }>).map((r) => r.key);
    expect(keys).toHaveLength(2);
    const webhooks = new WebhookJobs({ deps: w.deps, holder: 'a', delivery: { post: fetch, secretOf: () => undefined }, log });
    return { keys, tick: (now: number) => webhooks.tick(now) };
  };

  it('done on the card is sent; a duty nobody answered is sent as missed at the end of its day, from both of the pair, by rota', async () => {
    const { keys, tick } = await world();
    expect((await actOnDuty(w.deps, { email: 'alice@contoso.com' }, keys[0]!, { kind: 'done' }, DUE + 30 * MINUTE)).ok).toBe(true);
    await tick(DUE + 61 * MINUTE);
    expect(hook.received.map((r) => [r.json.id, r.json.action, r.json.to, r.json.when])).toEqual([[`${keys[0]}:done`, 'done', ['alice@contoso.com'], '2026-12-01T09:30:00.000Z']]);
    // Check the backups (due 11:00) counts as missed at the later of midnight and 17:00: midnight, Wed 2 Dec 00:00 Berlin.
    await tick(berlin('2026-12-01 23:59'));
    expect(hook.received).toHaveLength(1);
    await tick(berlin('2026-12-02 00:00'));
    expect(hook.received.slice(1).map((r) => r.json)).toEqual([
      { id: `${keys[1]}:missed`, event: 'duty', action: 'missed', rotation: { id: 'pair', name: 'Pair' }, from: ['alice@contoso.com', 'bob@contoso.com'], to: [], who: 'rota', when: '2026-12-01T23:00:00.000Z', detail: 'Check the backups' },
    ]);
    await tick(berlin('2026-12-02 00:01'));
    expect(hook.received).toHaveLength(2);
  });

  it('an answer whose event was lost (Rota stopped before the outbox) is sent by the next tick, skip reason and all', async () => {
    const { keys, tick } = await world();
    // The answer is stored as actOnDuty stores it, and Rota stops before its event reaches the outbox.
    expect(await w.deps.stores.duties.answer(keys[0]!, { kind: 'skipped', reason: 'pager quiet all night' }, { actor: 'bob@contoso.com', source: 'chat', now: DUE + 5 * MINUTE })).toBe(true);
    await tick(DUE + 61 * MINUTE);
    expect(hook.received.map((r) => r.json)).toEqual([
      { id: `${keys[0]}:skipped`, event: 'duty', action: 'skipped', rotation: { id: 'pair', name: 'Pair' }, from: ['alice@contoso.com', 'bob@contoso.com'], to: ['bob@contoso.com'], who: 'bob@contoso.com', when: '2026-12-01T09:05:00.000Z', detail: 'Review the pages (skipped: pager quiet all night)' },
    ]);
  });

  it('an outbox that fails does not fail the answer: it is saved, the failure is logged, and the catch-up sends it later', async () => {
    const { keys, tick } = await world();
    const logged: string[] = [];
    w.deps.service.onRecorded((what, detail) => logged.push(`${what} ${String(detail.event)}`));
    const enqueue = w.deps.stores.webhooks.enqueue.bind(w.deps.stores.webhooks);
    w.deps.stores.webhooks.enqueue = () => Promise.reject(new Error('database is locked'));
    const answered = await actOnDuty(w.deps, { email: 'bob@contoso.com' }, keys[0]!, { kind: 'done' }, DUE + 10 * MINUTE);
    expect(answered.ok && answered.value.card.status).toBe('done');
    expect(logged).toEqual([`webhook event not queued ${keys[0]}:done`]);
    w.deps.stores.webhooks.enqueue = enqueue;
    await tick(DUE + 61 * MINUTE);
    expect(hook.received.map((r) => [r.json.id, r.json.who])).toEqual([[`${keys[0]}:done`, 'bob@contoso.com']]);
  });
});
