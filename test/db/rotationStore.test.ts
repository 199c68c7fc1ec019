import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnexRotationStore } from '../../db/rotations/KnexRotationStore.js';
import { listAudit } from '../../db/audit.js';
import { BEGINNING_OF_TIME, type DesiredRotation, type DesiredState } from '../../db/types.js';
import type { RotationDef } from '../../rotation/schedule.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 2, 4, 9, 0);
const NEXT_HANDOFF = Date.UTC(2026, 2, 9, 11, 0);

function rotation(id: string, members: string[], extra: Partial<RotationDef> = {}): DesiredRotation {
  // As desiredFromFile writes it: the file's rotation with its zone filled in.
  const definition: RotationDef = { id, name: `Rotation ${id}`, timezone: 'Europe/Berlin', start: '2026-01-05', every: '1w', handoff: 'Mon 12:00', onDuty: 1, members, ...extra };
  return {
    id, name: `Rotation ${id}`, timezone: 'Europe/Berlin', every: '1w', handoff: 'Mon 12:00', onDuty: 1,
    start: '2026-01-05', members, definition,
  };
}

const base = (): DesiredState => ({
  settings: { timezone: 'Europe/Berlin', admins: ['erin@contoso.com'] },
  rotations: [rotation('ops', ['alice@contoso.com', 'bob@contoso.com']), rotation('dev', ['carol@contoso.com'])],
  overrides: [{ id: 'ov1', rotationId: 'ops', start: NOW, end: NOW + 48 * HOUR, member: 'carol@contoso.com', replaces: 'alice@contoso.com' }],
  timeOff: [{ id: 'to1', member: 'bob@contoso.com', start: NOW + 120 * HOUR, end: NOW + 240 * HOUR, spec: { from: '2026-03-09', to: '2026-03-13' } }],
});

const ctx = { actor: 'admin@contoso.com', source: 'cli' as const, now: NOW };
const options = { effectiveFrom: () => NEXT_HANDOFF };
const timeOffRow = { member: 'carol@contoso.com', start_at: NOW + 300 * HOUR, end_at: NOW + 310 * HOUR, origin: 'chat', created_by: 'carol@contoso.com', created_at: NOW };

describe.each(ENGINES)('KnexRotationStore on %s', (engine) => {
  let t: TestDatabase;
  let store: KnexRotationStore;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    store = KnexRotationStore.create(t.db);
  });
  afterEach(() => t.destroy());

  it('applies a file: rotations, members, overrides and time off, each change audited', async () => {
    const changes = await store.applyDesired(base(), ctx, options);
    expect(changes.map((c) => c.action).sort()).toEqual([
      'override.added', 'rotation.created', 'rotation.created', 'settings.updated', 'timeoff.added',
    ]);
    const state = await store.load();
    expect(state.rotations.map((r) => [r.id, r.members])).toEqual([
      ['dev', ['carol@contoso.com']],
      ['ops', ['alice@contoso.com', 'bob@contoso.com']],
    ]);
    expect(state.rotations[1]!.versions).toEqual([{ from: BEGINNING_OF_TIME, definition: base().rotations[0]!.definition, recordedAt: NOW }]);
    expect(state.overrides).toEqual([{ ...base().overrides[0], origin: 'file' }]);
    expect(state.timeOff[0]).toMatchObject({ id: 'to1', start: NOW + 120 * HOUR, origin: 'file' });
    expect(state.settings).toEqual({ timezone: 'Europe/Berlin', admins: ['erin@contoso.com'] });
    const audit = await listAudit(t.db);
    expect(audit).toHaveLength(5);
    expect(audit.every((a) => a.actor === 'admin@contoso.com' && a.at === NOW && a.source === 'cli')).toBe(true);
  });

  it('is idempotent: applying the same file again changes and audits nothing', async () => {
    await store.applyDesired(base(), ctx, options);
    expect(await store.applyDesired(base(), { ...ctx, now: NOW + HOUR }, options)).toEqual([]);
    expect(await listAudit(t.db)).toHaveLength(5);
  });

  it('starts a new version at the next handoff when the roster changes, keeping the old one', async () => {
    await store.applyDesired(base(), ctx, options);
    const edited = base();
    edited.rotations[0] = rotation('ops', ['alice@contoso.com', 'bob@contoso.com', 'dave@contoso.com']);
    const changes = await store.applyDesired(edited, ctx, options);
    expect(changes).toEqual([{ action: 'rotation.updated', rotationId: 'ops', effectiveFrom: NEXT_HANDOFF, fields: ['members'] }]);
    const ops = (await store.load()).rotations.find((r) => r.id === 'ops')!;
    expect(ops.versions.map((v) => v.from)).toEqual([BEGINNING_OF_TIME, NEXT_HANDOFF]);
    expect(ops.versions[0]!.definition.members).toEqual(['alice@contoso.com', 'bob@contoso.com']);
    expect(ops.members).toEqual(['alice@contoso.com', 'bob@contoso.com', 'dave@contoso.com']);

    // A second edit before that handoff replaces the pending version rather than stacking another.
    edited.rotations[0] = rotation('ops', ['bob@contoso.com', 'alice@contoso.com']);
    await store.applyDesired(edited, ctx, options);
    const again = (await store.load()).rotations.find((r) => r.id === 'ops')!;
    expect(again.versions.map((v) => v.from)).toEqual([BEGINNING_OF_TIME, NEXT_HANDOFF]);
    expect(again.versions[1]!.definition.members).toEqual(['bob@contoso.com', 'alice@contoso.com']);
  });

  it('removes what an earlier file defined and this one does not, but keeps what was made in chat', async () => {
    await store.applyDesired(base(), ctx, options);
    await t.db('overrides').insert({
      id: 'chat1', rotation_id: 'ops', start_at: NOW, end_at: NOW + HOUR, member: 'bob@contoso.com', origin: 'chat',
      created_by: 'bob@contoso.com', created_at: NOW,
    });
    const next: DesiredState = { ...base(), rotations: [base().rotations[0]!], overrides: [], timeOff: [] };
    const changes = await store.applyDesired(next, ctx, options);
    expect(changes.map((c) => c.action).sort()).toEqual(['override.removed', 'rotation.archived', 'timeoff.removed']);
    const state = await store.load();
    expect(state.rotations.map((r) => r.id)).toEqual(['ops']);
    expect(state.overrides.map((o) => o.id)).toEqual(['chat1']);
    expect(state.timeOff).toEqual([]);

    // The chat override exported to a file and applied back is recognised, not doubled.
    const back = { ...next, overrides: [{ id: 'file-x', rotationId: 'ops', start: NOW, end: NOW + HOUR, member: 'bob@contoso.com' }] };
    expect(await store.applyDesired(back, ctx, options)).toEqual([]);
  });

  it('dry run reports the changes and writes nothing, not even audit rows', async () => {
    const changes = await store.applyDesired(base(), ctx, { ...options, dryRun: true });
    expect(changes).toHaveLength(5);
    expect((await store.load()).rotations).toEqual([]);
    expect(await listAudit(t.db)).toEqual([]);
  });

  it('is all or nothing: a change that fails half way leaves the database as it was', async () => {
    await store.applyDesired(base(), ctx, options);
    const broken = base();
    broken.rotations.push(rotation('night', ['erin@contoso.com']));
    // An override on a rotation that does not exist violates a foreign key after `night` was inserted.
    broken.overrides.push({ id: 'ov-bad', rotationId: 'nope', start: NOW, end: NOW + HOUR, member: 'erin@contoso.com' });
    await expect(store.applyDesired(broken, ctx, options)).rejects.toThrow();
    const state = await store.load();
    expect(state.rotations.map((r) => r.id)).toEqual(['dev', 'ops']);
    expect(await listAudit(t.db)).toHaveLength(5);
  });

  it('load leaves out archived rotations, their overrides and the time off scoped to them; a file apply still sees them', async () => {
    await store.applyDesired(base(), ctx, options);
    const onlyOps: DesiredState = { ...base(), rotations: [base().rotations[0]!] };
    expect((await store.applyDesired(onlyOps, ctx, options)).map((c) => c.action)).toEqual(['rotation.archived']);
    const row = { start_at: NOW, end_at: NOW + HOUR, member: 'carol@contoso.com', origin: 'chat', created_by: 'carol@contoso.com', created_at: NOW };
    await t.db('overrides').insert([{ id: 'chat-dev', rotation_id: 'dev', ...row }, { id: 'chat-ops', rotation_id: 'ops', ...row }]);
    await t.db('time_off').insert([
      { id: 'away-dev', spec: '{"rotation":"dev"}', ...timeOffRow },
      { id: 'away-ops', spec: '{"rotation":"ops"}', ...timeOffRow },
      { id: 'away-all', spec: '{}', ...timeOffRow },
    ]);
    const state = await store.load();
    expect(state.rotations.map((r) => r.id)).toEqual(['ops']);
    expect(state.overrides.map((o) => o.id)).toEqual(['chat-ops', 'ov1']);
    expect(state.timeOff.map((x) => x.id)).toEqual(['to1', 'away-all', 'away-ops']);
    // The same file again changes nothing: the apply compares against every row, archived or not.
    expect(await store.applyDesired(onlyOps, ctx, options)).toEqual([]);
  });

  describe('saveChatRotation (setup in chat)', () => {
    const chatCtx = { actor: 'erin@contoso.com', source: 'chat' as const, now: NOW };
    const chatOptions = { effectiveFrom: () => NEXT_HANDOFF };

    it('creates a chat rotation in effect from the beginning of time, with its audit row', async () => {
      await store.applyDesired(base(), ctx, options);
      const saved = await store.saveChatRotation(rotation('pay', ['dave@contoso.com']), chatCtx, chatOptions);
      expect(saved).toEqual({ ok: true, value: { action: 'created', effectiveFrom: BEGINNING_OF_TIME, fields: [] } });
      const pay = (await store.load()).rotations.find((r) => r.id === 'pay')!;
      expect(pay).toMatchObject({ origin: 'chat', members: ['dave@contoso.com'], versions: [{ from: BEGINNING_OF_TIME }] });
      const [audit] = await listAudit(t.db, { rotationId: 'pay' });
      expect(audit).toMatchObject({ action: 'rotation.created', source: 'chat', actor: 'erin@contoso.com' });
    });

    it('edits start a version at the next handoff, replace a pending one, and keep the identity cache of who stays', async () => {
      await store.saveChatRotation(rotation('pay', ['dave@contoso.com', 'erin@contoso.com']), chatCtx, chatOptions);
      await t.db('members').where({ rotation_id: 'pay', email: 'dave@contoso.com' }).update({ display_name: 'Dave Dunn' });
      const edited = await store.saveChatRotation(rotation('pay', ['dave@contoso.com', 'frank@contoso.com']), { ...chatCtx, now: NOW + HOUR }, chatOptions);
      expect(edited).toEqual({ ok: true, value: { action: 'updated', effectiveFrom: NEXT_HANDOFF, fields: ['members'] } });
      const again = await store.saveChatRotation(rotation('pay', ['frank@contoso.com', 'dave@contoso.com']), { ...chatCtx, now: NOW + 2 * HOUR }, chatOptions);
      expect(again).toMatchObject({ ok: true, value: { action: 'updated', effectiveFrom: NEXT_HANDOFF } });
      const pay = (await store.load()).rotations.find((r) => r.id === 'pay')!;
      expect(pay.versions.map((v) => [v.from, v.definition.members])).toEqual([
        [BEGINNING_OF_TIME, ['dave@contoso.com', 'erin@contoso.com']],
        [NEXT_HANDOFF, ['frank@contoso.com', 'dave@contoso.com']],
      ]);
      expect(pay.members).toEqual(['frank@contoso.com', 'dave@contoso.com']);
      expect(await t.db('members').where({ rotation_id: 'pay', email: 'dave@contoso.com' }).first()).toMatchObject({ display_name: 'Dave Dunn' });
      expect(await store.saveChatRotation(rotation('pay', ['frank@contoso.com', 'dave@contoso.com']), chatCtx, chatOptions)).toMatchObject({ ok: true, value: { action: 'unchanged' } });
      expect((await listAudit(t.db, { rotationId: 'pay' })).map((a) => a.action)).toEqual(['rotation.updated', 'rotation.updated', 'rotation.created']);
    });

    it('refuses a rotation the file owns and changes nothing', async () => {
      await store.applyDesired(base(), ctx, options);
      const before = await store.load();
      expect(await store.saveChatRotation(rotation('ops', ['dave@contoso.com']), chatCtx, chatOptions)).toEqual({ ok: false, error: 'file-origin' });
      expect(await store.load()).toEqual(before);
      expect(await listAudit(t.db)).toHaveLength(5);
    });

    it('a later apply of the file neither archives nor rewrites chat rotations', async () => {
      await store.applyDesired(base(), ctx, options);
      await store.saveChatRotation(rotation('pay', ['dave@contoso.com'], { escalation: 'ops' }), chatCtx, chatOptions);
      const edited = { ...base(), rotations: [rotation('ops', ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com'])] };
      const changes = await store.applyDesired(edited, { ...ctx, now: NOW + HOUR }, options);
      expect(changes.map((c) => ('rotationId' in c ? `${c.action} ${c.rotationId}` : c.action)).sort()).toEqual(['rotation.archived dev', 'rotation.updated ops']);
      const pay = (await store.load()).rotations.find((r) => r.id === 'pay')!;
      expect(pay).toMatchObject({ origin: 'chat', members: ['dave@contoso.com'], versions: [{ from: BEGINNING_OF_TIME }] });
    });
  });
});
