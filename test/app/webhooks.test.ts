import { afterEach, describe, expect, it } from 'vitest';
import { HandoffJobs } from '../../app/jobs/handoffs.js';
import { WebhookJobs } from '../../app/jobs/webhooks.js';
import { coverRange } from '../../app/usecases/covers.js';
import type { HandoffData, HandoffPoster } from '../../app/usecases/handoffPosts.js';
import { webhookId } from '../../app/usecases/webhookPayload.js';
import { snapshot } from '../../app/usecases/context.js';
import { emit } from '../../app/usecases/events.js';
import { handoffEvent } from '../../app/usecases/webhookEvents.js';
import { createStores } from '../../db/stores.js';
import { ENGINES } from '../helpers/databases.js';
import { webhookReceiver } from '../helpers/webhookReceiver.js';
import { berlin, chatWorld, FIRST_WEEK_FILE, type ChatWorld } from './chatWorld.js';

const SECRET = 'whsec-test-0123456789';
const quiet = { info: () => undefined, warn: () => undefined };
const MONDAY = berlin('2026-12-07 12:00'); // ops: Dave (since Mon 30 Nov 12:00) hands over to Alice
const OPS_CHANNEL = '    channel: { team: 19:team@thread.tacv2, id: "19:ops@thread.tacv2" }\n';

/** The first-week file with ops posting to a channel and one webhook for ops's handoffs and overrides. */
const fileWith = (url: string, secret = 'env:ROTA_WEBHOOK_TEST') =>
  FIRST_WEEK_FILE.replace('    escalation: dev\n', `    escalation: dev\n${OPS_CHANNEL}`) +
  `webhooks:\n  - url: "${url}"\n    events: [handoff, override]\n    secret: "${secret}"\n    rotations: [ops]\n`;

describe.each(ENGINES)('webhooks: signed posts from the outbox, retried on an injected clock (%s)', (engine) => {
  let w: ChatWorld;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  afterEach(async () => {
    await hook.close();
    await w.stop();
  });

  const world = async (secretOf: (name: string) => string | undefined = (n) => (n === 'ROTA_WEBHOOK_TEST' ? SECRET : undefined)) => {
    hook = await webhookReceiver(SECRET);
    w = await chatWorld(engine, fileWith(hook.url), MONDAY);
    const jobs = (holder: string) => new WebhookJobs({ deps: w.deps, holder, delivery: { post: fetch, secretOf }, log: quiet });
    return { jobs, delivery: () => w.deps.stores.webhooks.delivery(`handoff:ops:${MONDAY}`, webhookId(hook.url)) };
  };

  it('posts the handoff once, signed, with the documented payload; the next ticks send nothing more', async () => {
    const { jobs } = await world();
    await jobs('a').tick(MONDAY + 1_000);
    await jobs('b').tick(MONDAY + 60_000);
    expect(hook.received).toHaveLength(1);
    const [got] = hook.received;
    expect(got!.signed).toBe(true);
    expect(got!.path).toBe('/hooks/rota?sig=not-for-logs');
    expect(got!.headers['x-rota-event']).toBe('handoff');
    expect(got!.headers['x-rota-delivery']).toBe('handoff:ops:1796641200000');
    expect(got!.headers['x-rota-signature']).toMatch(/^t=1796641201,v1=[0-9a-f]{64}$/);
    expect(got!.json).toEqual({
      id: 'handoff:ops:1796641200000',
      event: 'handoff',
      action: 'handoff',
      rotation: { id: 'ops', name: 'Op of the Week' },
      from: ['dave@contoso.com'],
      to: ['alice@contoso.com'],
      who: 'rota',
      when: '2026-12-07T11:00:00.000Z',
    });
  });

  it('a 500 is tried again after 1 minute (not before), then 5 minutes after a 429 unless its Retry-After is longer', async () => {
    const { jobs, delivery } = await world();
    hook.answers.push({ status: 500 }, { status: 429, headers: { 'Retry-After': '900' } });
    await jobs('a').tick(MONDAY);
    expect(await delivery()).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500, nextAt: MONDAY + 60_000, lastError: 'the receiver answered 500' });
    await jobs('a').tick(MONDAY + 59_000);
    expect(hook.received).toHaveLength(1);
    await jobs('a').tick(MONDAY + 60_000);
    expect(await delivery()).toMatchObject({ state: 'pending', attempts: 2, lastStatus: 429, nextAt: MONDAY + 60_000 + 900_000 });
    await jobs('a').tick(MONDAY + 60_000 + 899_000);
    expect(hook.received).toHaveLength(2);
    await jobs('a').tick(MONDAY + 60_000 + 900_000);
    expect(await delivery()).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200 });
    expect(hook.received.map((r) => r.json.id)).toEqual(Array(3).fill('handoff:ops:1796641200000'));
    expect(hook.received.every((r) => r.signed)).toBe(true);
  });

  it('gives up after the 6th attempt (waits 1 min, 5 min, 30 min, 2 h, 6 h) and records why', async () => {
    const { jobs, delivery } = await world();
    hook.answers.push(...Array(6).fill({ status: 503 }));
    let at = MONDAY;
    for (const wait of [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000]) {
      await jobs('a').tick(at);
      expect((await delivery())!.nextAt).toBe(at + wait);
      at += wait;
    }
    await jobs('a').tick(at);
    expect(await delivery()).toMatchObject({ state: 'failed', attempts: 6, lastStatus: 503, lastError: 'the receiver answered 503; gave up after 6 attempts' });
    await jobs('a').tick(at + 86_400_000);
    expect(hook.received).toHaveLength(6);
  });

  it('a replica that stopped mid-delivery: nothing is sent while its claim is fresh, then exactly once by another', async () => {
    const { jobs, delivery } = await world();
    // The handoff's event is in the outbox; "dead" claims it (as its tick would) and stops before the POST.
    await emit(w.deps, handoffEvent(await snapshot(w.deps), 'ops', MONDAY));
    expect(await w.deps.stores.webhooks.claimDue('dead', MONDAY, MONDAY - 120_000, 10)).toHaveLength(1);
    await jobs('b').tick(MONDAY + 60_000);
    expect(hook.received).toHaveLength(0);
    await Promise.all([jobs('b').tick(MONDAY + 121_000), jobs('c').tick(MONDAY + 121_000)]);
    expect(hook.received).toHaveLength(1);
    expect(await delivery()).toMatchObject({ state: 'delivered', attempts: 1, claimedBy: expect.stringMatching(/^[bc]$/) });
    expect(await w.deps.stores.webhooks.recordAttempt(`handoff:ops:${MONDAY}`, webhookId(hook.url), 'dead', { state: 'delivered', status: 200 }, MONDAY + 122_000)).toBe(false);
  });

  it('a slow receiver does not hold up the handoff post, which runs while the webhook is still waiting for its answer', async () => {
    const { jobs, delivery } = await world();
    hook.answers.push('hold');
    const posted: string[] = [];
    const poster: HandoffPoster = {
      async postHandoff(h: HandoffData) {
        posted.push(h.key);
        return { conversationId: h.channel.id, activityId: 'act-1' };
      },
      sendPersonal: async () => true,
    };
    const webhookTick = jobs('a').tick(MONDAY);
    while (hook.received.length === 0) await new Promise((r) => setImmediate(r));
    const handoffs = new HandoffJobs({ deps: w.deps, leases: createStores(w.t.db).leases, poster, holder: 'a', ackMinutes: 30, log: quiet });
    expect(await handoffs.postHandoff('ops', MONDAY, MONDAY)).toBe('posted');
    expect(posted).toEqual([`handoff:ops:${MONDAY}`]);
    expect(await delivery()).toMatchObject({ state: 'claimed', attempts: 0 });
    hook.release();
    await webhookTick;
    expect(await delivery()).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('a receiver that does not answer in time is retried; a missing secret variable is retried with its name, never sent unsigned', async () => {
    hook = await webhookReceiver(SECRET);
    w = await chatWorld(engine, fileWith(hook.url), MONDAY);
    const noSecret = new WebhookJobs({ deps: w.deps, holder: 'a', delivery: { post: fetch, secretOf: () => undefined }, log: quiet });
    await noSecret.tick(MONDAY);
    expect(hook.received).toHaveLength(0);
    const key = [`handoff:ops:${MONDAY}`, webhookId(hook.url)] as const;
    expect(await w.deps.stores.webhooks.delivery(...key)).toMatchObject({ state: 'pending', attempts: 1, lastError: "the environment variable ROTA_WEBHOOK_TEST is not set in the running Rota (the webhook's secret)" });
    hook.answers.push('hold');
    const slow = new WebhookJobs({ deps: w.deps, holder: 'a', delivery: { post: fetch, secretOf: () => SECRET, timeoutMs: 50 }, log: quiet });
    await slow.tick(MONDAY + 60_000);
    expect(await w.deps.stores.webhooks.delivery(...key)).toMatchObject({ state: 'pending', attempts: 2, nextAt: MONDAY + 60_000 + 300_000, lastError: 'no answer within 0.05 s' });
  });

  it('a cover made in chat is an override event: who covers whom, from when to when, made by whom', async () => {
    const { jobs } = await world();
    const made = await coverRange(w.deps, { email: 'dave@contoso.com', now: berlin('2026-12-03 10:00') }, { member: 'bob@contoso.com', rotationId: 'ops', from: berlin('2026-12-04 09:00'), to: berlin('2026-12-05 09:00') }, false);
    expect(made.ok).toBe(true);
    await jobs('a').tick(berlin('2026-12-03 10:00'));
    expect(hook.received.map((r) => r.json)).toEqual([
      expect.objectContaining({ event: 'override', action: 'made', from: ['dave@contoso.com'], to: ['bob@contoso.com'], who: 'dave@contoso.com', when: '2026-12-03T09:00:00.000Z', start: '2026-12-04T08:00:00.000Z', end: '2026-12-05T08:00:00.000Z', rotation: { id: 'ops', name: 'Op of the Week' } }),
    ]);
    expect(String(hook.received[0]!.json.id)).toMatch(/^override:.+:made$/);
  });
});
