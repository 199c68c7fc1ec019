import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.js';
import { chatWorld, FIRST_WEEK_FILE, type ChatWorld } from '../app/chatWorld.js';

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
