import { afterEach, describe, expect, it } from 'vitest';
import { undeliveredWork } from '../../app/jobs/undeliveredStatus.js';
import { createStores } from '../../db/stores.js';
import { ENGINES } from '../helpers/databases.js';
import { chatWorld, type ChatWorld } from './chatWorld.js';

const FILE = `timezone: Europe/Berlin
rotations:
  - id: ops
    name: Op of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com]
`;
/** Wed 4 March 2026 11:00 Berlin. */
const NOW = Date.parse('2026-03-04T10:00:00Z');
const block = (member: string, start: string, end: string) => ({ member, start: Date.parse(start), end: Date.parse(end), rotationId: 'ops', detail: { rotationName: 'Op of the Week', zone: 'Europe/Berlin', shiftStart: Date.parse('2026-03-09T11:00:00Z'), more: 0 } });

describe.each(ENGINES)('rota status lists out-of-office questions Rota could not ask (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  it('one row per open undelivered question, with its block, person and reason; not a sent, new or expired one', async () => {
    w = await chatWorld(engine, FILE, NOW);
    const oof = w.deps.stores.oof;
    await oof.add([block('bob@contoso.com', '2026-03-09T23:00:00Z', '2026-03-14T23:00:00Z'), block('dave@contoso.com', '2026-03-23T23:00:00Z', '2026-03-25T23:00:00Z'), block('carol@contoso.com', '2026-03-16T23:00:00Z', '2026-03-17T23:00:00Z')], NOW);
    const [bob, carol, dave] = (await oof.open()).sort((a, b) => a.member.localeCompare(b.member));
    for (const s of [bob!, carol!]) {
      await oof.claim(s.id, 'test', NOW);
      await oof.markUndelivered(s.id, 'test', 'Rota has no personal chat with them yet, and no id to open one with', NOW + 60_000);
    }
    await oof.expire(carol!.id, 'the out-of-office block has ended', NOW + 90_000);
    expect(dave!.post).toBe('none');
    expect(await undeliveredWork(createStores(w.t.db), NOW + 120_000)).toEqual([
      { kind: 'oof-question', rotation: 'ops', what: 'out of office 10–14 March', at: '2026-03-04T11:01:00+01:00', to: ['bob@contoso.com'], reason: 'Rota has no personal chat with them yet, and no id to open one with' },
    ]);
  });
});
