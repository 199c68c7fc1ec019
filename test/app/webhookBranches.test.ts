import { afterEach, describe, expect, it } from 'vitest';
import { WebhookJobs } from '../../app/jobs/webhooks.js';
import { webhookId } from '../../app/usecases/webhookPayload.js';
import { ENGINES } from '../helpers/databases.js';
import { webhookReceiver } from '../helpers/webhookReceiver.js';
import { berlin, chatWorld, FIRST_WEEK_FILE, type ChatWorld } from './chatWorld.js';

const SECRET = 'whsec-branches-9876543210';
const MONDAY = berlin('2026-12-07 12:00'); // ops: Dave hands over to Alice
const HOUR = 3_600_000;
const fileWith = (url: string) => `${FIRST_WEEK_FILE}webhooks:\n  - url: "${url}"\n    events: [handoff]\n    secret: "env:ROTA_WEBHOOK_BRANCHES"\n    rotations: [ops]\n`;

describe.each(ENGINES)('webhooks: redirects, 410, a long Retry-After, and logs without secrets (%s)', (engine) => {
  let w: ChatWorld;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  afterEach(async () => {
    await hook.close();
    await w.stop();
  });

  const world = async () => {
    hook = await webhookReceiver(SECRET);
    w = await chatWorld(engine, fileWith(hook.url), MONDAY);
    const lines: string[] = [];
    const log = { info: (o: object, m: string) => lines.push(JSON.stringify({ ...o, msg: m })), warn: (o: object, m: string) => lines.push(JSON.stringify({ ...o, msg: m })) };
    const jobs = new WebhookJobs({ deps: w.deps, holder: 'a', delivery: { post: fetch, secretOf: (n) => (n === 'ROTA_WEBHOOK_BRANCHES' ? SECRET : undefined) }, log });
    return { jobs, lines, delivery: () => w.deps.stores.webhooks.delivery(`handoff:ops:${MONDAY}`, webhookId(hook.url)) };
  };

  it('a 302 is not followed: retried after 1 minute with the new address named', async () => {
    const { jobs, delivery } = await world();
    hook.answers.push({ status: 302, headers: { Location: 'https://flows.contoso.com/new' } });
    await jobs.tick(MONDAY);
    expect(hook.received).toHaveLength(1);
    expect(await delivery()).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 302, nextAt: MONDAY + 60_000, lastError: 'redirected (302) to https://flows.contoso.com/new: put the final URL in the file' });
  });

  it('410 Gone ends the delivery at once: failed, never tried again', async () => {
    const { jobs, delivery } = await world();
    hook.answers.push({ status: 410 });
    await jobs.tick(MONDAY);
    expect(await delivery()).toMatchObject({ state: 'failed', attempts: 1, lastStatus: 410, lastError: 'the receiver answered 410 Gone: remove the webhook from the file' });
    await jobs.tick(MONDAY + 24 * HOUR);
    expect(hook.received).toHaveLength(1);
  });

  it('a Retry-After longer than the last back-off (6 h) waits 6 h, in seconds or as an HTTP date', async () => {
    const { jobs, delivery } = await world();
    hook.answers.push({ status: 429, headers: { 'Retry-After': '604800' } }, { status: 503, headers: { 'Retry-After': 'Fri, 01 Jan 2027 00:00:00 GMT' } });
    await jobs.tick(MONDAY);
    expect((await delivery())!.nextAt).toBe(MONDAY + 6 * HOUR);
    await jobs.tick(MONDAY + 6 * HOUR);
    expect(await delivery()).toMatchObject({ attempts: 2, lastStatus: 503, nextAt: MONDAY + 12 * HOUR });
  });

  it('no log line carries the secret, the signature or the URL\'s query', async () => {
    const { jobs, lines } = await world();
    hook.answers.push({ status: 500 });
    await jobs.tick(MONDAY);
    await jobs.tick(MONDAY + 60_000);
    expect(hook.received).toHaveLength(2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('webhook not delivered');
    expect(lines[1]).toContain('webhook delivered');
    const signatures = hook.received.map((r) => String(r.headers['x-rota-signature']).split('v1=')[1]!);
    for (const line of lines) for (const secret of [SECRET, 'not-for-logs', ...signatures]) expect(line).not.toContain(secret);
  });
});
