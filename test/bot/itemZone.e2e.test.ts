import { afterEach, describe, expect, it } from 'vitest';
import { askTakeOver } from '../../app/usecases/itemTakeOver.js';
import { createStores } from '../../db/stores.js';
import { ENGINES } from '../helpers/databases.js';
import { ROTATION_FILE, startBot, stopBot, WEDNESDAY, type BotWorld } from './botHarness.js';
import { chatWorld, type ChatWorld } from '../app/chatWorld.js';
import { ask } from './itemKit.js';

// The file's zone is Berlin; Op of the Week, first in the file, keeps New York time. Item #1 belongs to a rotation
// since removed from the file ("retired"), opened Wed 4 Mar 2026 10:00 Berlin (09:00 UTC, 04:00 in New York).
const FILE = ROTATION_FILE.replace('    name: Op of the Week\n', '    name: Op of the Week\n    timezone: America/New_York\n');

describe.each(ENGINES)('times of an item whose rotation is gone are in the file\'s zone (%s)', (engine) => {
  let w: BotWorld | undefined;
  let c: ChatWorld | undefined;
  afterEach(async () => {
    if (w) await stopBot(w);
    if (c) await c.stop();
    w = c = undefined;
  });

  it('items and item <n> say Berlin time (GMT+1), not UTC or the first rotation\'s zone', async () => {
    w = await startBot(engine, undefined, FILE);
    await createStores(w.t.db).items.openItem({ rotationId: 'retired', kind: 'item', text: 'Old runbook', holder: 'alice@contoso.com' }, { actor: 'alice@contoso.com', source: 'chat', now: WEDNESDAY });
    expect(await ask(w, 'bob', 'items')).toBe('Open items (1):\n- **#1** (retired) Old runbook — alice@contoso.com, since Wed 4 Mar 10:00 GMT+1');
    expect(await ask(w, 'bob', 'item 1')).toContain('History:\n- Wed 4 Mar 10:00 GMT+1: opened by ');
  });

  it('the take-over card of such an item shows Berlin time', async () => {
    c = await chatWorld(engine);
    const at = Date.parse('2026-12-01T09:00:00Z');
    await c.deps.stores.items.openItem({ rotationId: 'retired', kind: 'escalation', text: 'Old pager', holder: 'alice@contoso.com', escalatedTo: ['bob@contoso.com'] }, { actor: 'alice@contoso.com', source: 'chat', now: at });
    const asked = await askTakeOver(c.deps, { email: 'bob@contoso.com', now: at }, '1');
    expect(asked.ok && asked.value.zone).toBe('Europe/Berlin');
  });
});
