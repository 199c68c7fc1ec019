import { afterEach, describe, expect, it } from 'vitest';
import { WebhookJobs } from '../../app/jobs/webhooks.js';
import { cancelChange } from '../../app/usecases/cancel.js';
import { decideSwap, proposeSwap } from '../../app/usecases/changes.js';
import { escalate } from '../../app/usecases/escalate.js';
import { take } from '../../app/usecases/take.js';
import { ENGINES } from '../helpers/databases.js';
import { webhookReceiver } from '../helpers/webhookReceiver.js';
import { chatWorld, FIRST_WEEK_FILE, TUESDAY, type ChatWorld } from './chatWorld.js';

const MINUTE = 60_000;
const quiet = { info: () => undefined, warn: () => undefined };
const fileWith = (url: string) => `${FIRST_WEEK_FILE}webhooks:\n  - url: "${url}"\n    events: [override, swap, escalation]\n`;
const as = (email: string, now = TUESDAY) => ({ email, now, source: 'chat' as const });
const OPS = { id: 'ops', name: 'Op of the Week' };

/** Tuesday 1 Dec 2026 10:35 Berlin: Dave has ops until Mon 7 Dec 12:00; Heidi is the Dev of the Week (ops escalates to dev). */
describe.each(ENGINES)('webhook events of each kind, as receivers get them (%s)', (engine) => {
  let w: ChatWorld;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  afterEach(async () => {
    await hook.close();
    await w.stop();
  });
  const world = async () => {
    hook = await webhookReceiver(undefined);
    w = await chatWorld(engine, fileWith(hook.url));
    const jobs = new WebhookJobs({ deps: w.deps, holder: 'a', delivery: { post: fetch, secretOf: () => undefined }, log: quiet });
    return (now: number) => jobs.tick(now);
  };
  const bodies = () => hook.received.map((r) => r.json);

  it('take is an override made (Dave → Alice, from now to the end of his week); its cancel is an override cancelled, back', async () => {
    const tick = await world();
    const taken = await take(w.deps, as('alice@contoso.com'), 'ops');
    expect(taken.ok).toBe(true);
    expect((await cancelChange(w.deps, as('alice@contoso.com', TUESDAY + MINUTE), 'cover')).ok).toBe(true);
    await tick(TUESDAY + 2 * MINUTE);
    const id = taken.ok ? taken.value.id : '';
    expect(bodies()).toEqual([
      { id: `override:${id}:made`, event: 'override', action: 'made', rotation: OPS, from: ['dave@contoso.com'], to: ['alice@contoso.com'], who: 'alice@contoso.com', when: '2026-12-01T09:35:00.000Z', start: '2026-12-01T09:35:00.000Z', end: '2026-12-07T11:00:00.000Z' },
      { id: `override:${id}:cancelled`, event: 'override', action: 'cancelled', rotation: OPS, from: ['alice@contoso.com'], to: ['dave@contoso.com'], who: 'alice@contoso.com', when: '2026-12-01T09:36:00.000Z', start: '2026-12-01T09:36:00.000Z', end: '2026-12-07T11:00:00.000Z' },
    ]);
  });

  it('a swap accepted is a swap event from the proposer to the counterpart, by the counterpart', async () => {
    const tick = await world();
    const p = await proposeSwap(w.deps, as('alice@contoso.com'), 'dave@contoso.com', 'next ops');
    if (!p.ok) throw new Error(p.error);
    expect((await decideSwap(w.deps, as('dave@contoso.com', TUESDAY + 5 * MINUTE), p.value.swap.id, true)).ok).toBe(true);
    await tick(TUESDAY + 6 * MINUTE);
    expect(bodies()).toEqual([
      { id: `swap:${p.value.swap.id}:accepted`, event: 'swap', action: 'accepted', rotation: OPS, from: ['alice@contoso.com'], to: ['dave@contoso.com'], who: 'dave@contoso.com', when: '2026-12-01T09:40:00.000Z' },
    ]);
  });

  it('an escalation is raised from who raised it to the Dev of the Week; one whose event was lost is sent from its item', async () => {
    const tick = await world();
    expect((await escalate(w.deps, as('dave@contoso.com'), 'ops Checkout answers 500')).ok).toBe(true);
    // Rota stopped right after writing the second escalation's item: no post claim, no event.
    await w.deps.stores.items.openItem({ rotationId: 'ops', kind: 'escalation', text: 'Payments are slow', holder: 'dave@contoso.com', escalatedTo: ['heidi@contoso.com'] }, { actor: 'dave@contoso.com', source: 'chat', now: TUESDAY + MINUTE });
    await tick(TUESDAY + 2 * MINUTE);
    const raised = { event: 'escalation', action: 'raised', rotation: OPS, from: ['dave@contoso.com'], to: ['heidi@contoso.com'], who: 'dave@contoso.com' };
    expect(bodies()).toEqual([
      { id: 'escalation:1', ...raised, when: '2026-12-01T09:35:00.000Z', detail: 'Checkout answers 500' },
      { id: 'escalation:2', ...raised, when: '2026-12-01T09:36:00.000Z', detail: 'Payments are slow' },
    ]);
    await tick(TUESDAY + 3 * MINUTE);
    expect(hook.received).toHaveLength(2);
  });

  it('a take and a swap accepted while the outbox failed: both answers stand, and the next tick sends their events from the rows', async () => {
    const tick = await world();
    const enqueue = w.deps.stores.webhooks.enqueue.bind(w.deps.stores.webhooks);
    w.deps.stores.webhooks.enqueue = () => Promise.reject(new Error('connection reset'));
    const taken = await take(w.deps, as('bob@contoso.com'), 'ops for 2h');
    const p = await proposeSwap(w.deps, as('alice@contoso.com'), 'dave@contoso.com', 'next ops');
    if (!taken.ok || !p.ok) throw new Error('setup');
    expect((await decideSwap(w.deps, as('dave@contoso.com', TUESDAY + 5 * MINUTE), p.value.swap.id, true)).ok).toBe(true);
    w.deps.stores.webhooks.enqueue = enqueue;
    await tick(TUESDAY + 6 * MINUTE);
    expect(bodies()).toEqual([
      { id: `override:${taken.value.id}:made`, event: 'override', action: 'made', rotation: OPS, from: ['dave@contoso.com'], to: ['bob@contoso.com'], who: 'bob@contoso.com', when: '2026-12-01T09:35:00.000Z', start: '2026-12-01T09:35:00.000Z', end: '2026-12-01T11:35:00.000Z' },
      { id: `swap:${p.value.swap.id}:accepted`, event: 'swap', action: 'accepted', rotation: OPS, from: ['alice@contoso.com'], to: ['dave@contoso.com'], who: 'dave@contoso.com', when: '2026-12-01T09:40:00.000Z' },
    ]);
    await tick(TUESDAY + 7 * MINUTE);
    expect(hook.received).toHaveLength(2);
  });

  it('a take and a swap whose made/accepted event was lost, then cancelled: the receiver gets only the cancels, never a made after them', async () => {
    const tick = await world();
    const enqueue = w.deps.stores.webhooks.enqueue.bind(w.deps.stores.webhooks);
    w.deps.stores.webhooks.enqueue = () => Promise.reject(new Error('connection reset'));
    const taken = await take(w.deps, as('bob@contoso.com'), 'ops for 2h');
    const p = await proposeSwap(w.deps, as('alice@contoso.com'), 'dave@contoso.com', 'next ops');
    if (!taken.ok || !p.ok) throw new Error('setup');
    expect((await decideSwap(w.deps, as('dave@contoso.com', TUESDAY + 5 * MINUTE), p.value.swap.id, true)).ok).toBe(true);
    w.deps.stores.webhooks.enqueue = enqueue;
    expect((await cancelChange(w.deps, as('bob@contoso.com', TUESDAY + 6 * MINUTE), 'cover')).ok).toBe(true);
    expect((await cancelChange(w.deps, as('alice@contoso.com', TUESDAY + 7 * MINUTE), 'swap')).ok).toBe(true);
    await tick(TUESDAY + 8 * MINUTE);
    await tick(TUESDAY + 9 * MINUTE);
    expect(bodies().map((b) => [b.id, b.action])).toEqual([
      [`override:${taken.value.id}:cancelled`, 'cancelled'],
      [`swap:${p.value.swap.id}:cancelled`, 'cancelled'],
    ]);
  });
});
