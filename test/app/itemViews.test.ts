import { afterEach, describe, expect, it } from 'vitest';
import { addItem, closeItem } from '../../app/usecases/items.js';
import { itemActivity, openItems } from '../../app/usecases/itemViews.js';
import { ENGINES } from '../helpers/databases.js';
import { chatWorld, TUESDAY, type ChatWorld } from './chatWorld.js';

const HOUR = 3_600_000;
const DAVE = 'dave@contoso.com';
const BOB = 'bob@contoso.com';

// Tuesday 1 December 2026, 10:35 Berlin: Dave has Op of the Week. What the morning/evening checks and stats read.
describe.each(ENGINES)('openItems and itemActivity (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  async function history() {
    w = await chatWorld(engine);
    const { deps } = w;
    expect(await addItem(deps, { email: DAVE, now: TUESDAY }, 'Backups failed')).toMatchObject({ ok: true, value: { item: { n: 1, rotationId: 'ops' } } });
    await deps.stores.items.openItem({ rotationId: 'ops', kind: 'escalation', text: 'Checkout 500s', holder: DAVE, escalatedTo: ['frank@contoso.com'] }, { actor: DAVE, source: 'chat', now: TUESDAY + 10 * 60_000 });
    expect(await closeItem(deps, { email: DAVE, now: TUESDAY + HOUR }, '1 restored')).toMatchObject({ ok: true });
    expect(await deps.stores.items.passAtHandoff('handoff:ops:x', 'ops', [DAVE], BOB, { actor: 'rota', source: 'system', now: TUESDAY + 2 * HOUR })).toEqual([2]);
  }

  it('openItems: the rotation\'s open items, with the holder and whether they wait for acceptance', async () => {
    await history();
    const open = await openItems(w.deps, 'ops');
    expect(open.map((i) => [i.n, i.kind, i.text, i.holder.email, i.openedBy.email, i.openedAt, i.escalatedTo?.map((p) => p.email), i.awaitingAcceptance])).toEqual([
      [2, 'escalation', 'Checkout 500s', BOB, DAVE, TUESDAY + 10 * 60_000, ['frank@contoso.com'], true],
    ]);
    expect(await openItems(w.deps, 'dev')).toEqual([]);
  });

  it('itemActivity: what was opened, closed, escalated and carried over in [from, to)', async () => {
    await history();
    const all = await itemActivity(w.deps, 'ops', TUESDAY, TUESDAY + 3 * HOUR);
    expect(all.opened.map((i) => i.n)).toEqual([1, 2]);
    expect(all.closed.map((i) => [i.n, i.closedBy?.email, i.closeNote])).toEqual([[1, DAVE, 'restored']]);
    expect(all.escalations.map((i) => i.n)).toEqual([2]);
    expect(all.carried.map((c) => [c.item.n, c.from.email, c.to.email, c.at])).toEqual([[2, DAVE, BOB, TUESDAY + 2 * HOUR]]);

    const later = await itemActivity(w.deps, 'ops', TUESDAY + HOUR, TUESDAY + 2 * HOUR); // `to` is excluded: the pass is not in it
    expect([later.opened, later.escalations, later.carried]).toEqual([[], [], []]);
    expect(later.closed.map((i) => i.n)).toEqual([1]);
  });
});
