import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookJobs } from '../../app/jobs/webhooks.js';
import { webhookId } from '../../app/usecases/webhookPayload.js';
import { parseRotationFile } from '../../rotation/file.js';
import { ENGINES } from '../helpers/databases.js';
import { webhookReceiver } from '../helpers/webhookReceiver.js';
import { berlin, chatWorld, FIRST_WEEK_FILE, type ChatWorld } from '../app/chatWorld.js';

const HOUR = 3_600_000;

const FLOW = 'https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=FLOW-KEY-42';
const FILE = `${FIRST_WEEK_FILE}webhooks:\n  - url: "${FLOW}"\n    events: [handoff, swap]\n    rotations: [ops]\n`;

describe.each(ENGINES)('the audit of a file with webhooks (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  it('records each webhook as its id, target (no query) and events: the flow\'s sig= key never reaches audit_log', async () => {
    w = await chatWorld(engine, FILE);
    const rows = (await w.t.db('audit_log').where({ action: 'settings.updated' }).pluck('detail')) as string[];
    expect(rows).toHaveLength(1);
    for (const detail of await w.t.db('audit_log').pluck('detail')) expect(String(detail)).not.toContain('FLOW-KEY-42');
    const detail = JSON.parse(rows[0]!) as { settings: { webhooks: unknown } };
    expect(detail.settings.webhooks).toEqual([
      {
        id: createHash('sha256').update(FLOW).digest('hex').slice(0, 32),
        target: 'https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke',
        events: ['handoff', 'swap'],
      },
    ]);
  });
});

describe.each(ENGINES)('a webhook added to the file later (%s)', (engine) => {
  let w: ChatWorld;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  afterEach(async () => {
    await hook.close();
    await w.stop();
  });

  it('gets no handoff from before it was added; the next one it gets; applying the file again keeps its first time', async () => {
    hook = await webhookReceiver(undefined);
    const MONDAY = berlin('2026-12-07 12:00'); // ops: Dave hands over to Alice
    w = await chatWorld(engine, FIRST_WEEK_FILE, MONDAY);
    const file = parseRotationFile(`${FIRST_WEEK_FILE}webhooks:\n  - url: "${hook.url}"\n    events: [handoff]\n    rotations: [ops]\n`);
    if (!file.ok) throw new Error('file');
    await w.deps.service.applyFile(file.value, { actor: 'test', source: 'file', now: MONDAY + 2 * HOUR });
    const jobs = new WebhookJobs({ deps: w.deps, holder: 'a', delivery: { post: fetch, secretOf: () => undefined }, log: { info: () => undefined, warn: () => undefined } });
    await jobs.tick(MONDAY + 2 * HOUR);
    expect(hook.received).toHaveLength(0);
    expect(await w.deps.stores.webhooks.firstSeen([webhookId(hook.url)])).toEqual(new Map([[webhookId(hook.url), MONDAY + 2 * HOUR]]));
    await w.deps.service.applyFile(file.value, { actor: 'test', source: 'file', now: MONDAY + 7 * 24 * HOUR - HOUR });
    expect((await w.deps.stores.webhooks.firstSeen([webhookId(hook.url)])).get(webhookId(hook.url))).toBe(MONDAY + 2 * HOUR);
    await jobs.tick(MONDAY + 7 * 24 * HOUR);
    expect(hook.received.map((r) => r.json.id)).toEqual([`handoff:ops:${MONDAY + 7 * 24 * HOUR}`]);
  });
});
