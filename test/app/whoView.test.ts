import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatDeps } from '../../app/usecases/context.js';
import { whoView } from '../../app/usecases/queries.js';
import { RotaService } from '../../app/usecases/RotaService.js';
import { createStores } from '../../db/stores.js';
import { dutyAt } from '../../rotation/dutyAt.js';
import { parseRotationFile } from '../../rotation/file.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

// A spy on the core's per-rotation duty computation (since, until, next), calling the real one.
vi.mock('../../rotation/dutyAt.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../rotation/dutyAt.js')>();
  return { ...actual, dutyAt: vi.fn(actual.dutyAt) };
});

// Alice has ops (Mon 2 Mar 12:00 to Mon 9 Mar 12:00 Berlin) and is always on dev: double booked. Erin leads.
const FILE = `timezone: Europe/Berlin
rotations:
  - { id: ops, name: Op of the Week, start: 2026-01-05, every: 1w, handoff: "Mon 12:00", members: [alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com], escalation: lead }
  - { id: dev, name: Dev of the Week, start: 2026-01-05, every: 1w, handoff: "Mon 09:00", members: [alice@contoso.com] }
  - { id: lead, name: Lead on call, start: 2026-01-05, every: 1w, handoff: "Mon 09:00", members: [erin@contoso.com], exclusive: false }
  - { id: mro, name: MRO, start: 2026-01-05, every: 1d, handoff: "09:00", members: [frank@contoso.com] }
`;
const WEDNESDAY = Date.parse('2026-03-04T09:00:00Z');

describe.each(ENGINES)('who reads only the rotation asked for (%s)', (engine) => {
  let t: TestDatabase;
  let deps: ChatDeps;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    const stores = createStores(t.db);
    const service = new RotaService(stores);
    const file = parseRotationFile(FILE);
    if (!file.ok) throw new Error(JSON.stringify(file.error));
    await service.applyFile(file.value, { actor: 'test', source: 'cli', now: 0 });
    deps = { service, stores };
    vi.mocked(dutyAt).mockClear();
  });
  afterEach(() => t.destroy());

  it('"who ops" computes the duty of ops and its escalation rotation only, and still sees the double booking', async () => {
    const answer = await whoView(deps, WEDNESDAY, 'ops');
    expect(vi.mocked(dutyAt).mock.calls.map((call) => call[2])).toEqual([['ops', 'lead']]);
    if (!answer.ok) throw new Error(answer.error);
    expect(answer.value.views).toHaveLength(1);
    const [ops] = answer.value.views;
    expect(ops!.rotation).toEqual({ id: 'ops', name: 'Op of the Week', timezone: 'Europe/Berlin' });
    expect(ops!.now).toMatchObject({
      start: Date.parse('2026-03-02T11:00:00Z'),
      end: Date.parse('2026-03-09T11:00:00Z'),
      members: [{ email: 'alice@contoso.com' }],
      alsoOn: [{ member: 'alice@contoso.com', rotation: 'Dev of the Week' }],
    });
    expect(ops!.next).toMatchObject({ start: Date.parse('2026-03-09T11:00:00Z'), members: [{ email: 'bob@contoso.com' }] });
    expect(ops!.escalation).toEqual({ rotation: { id: 'lead', name: 'Lead on call' }, members: [expect.objectContaining({ email: 'erin@contoso.com' })] });
  });

  it('"who" with no rotation named computes every rotation once', async () => {
    const answer = await whoView(deps, WEDNESDAY);
    expect(vi.mocked(dutyAt)).toHaveBeenCalledTimes(1);
    expect([...vi.mocked(dutyAt).mock.calls[0]![2]].sort()).toEqual(['dev', 'lead', 'mro', 'ops']);
    if (!answer.ok) throw new Error(answer.error);
    expect(answer.value.views.map((v) => v.rotation.id).sort()).toEqual(['dev', 'lead', 'mro', 'ops']);
  });
});
