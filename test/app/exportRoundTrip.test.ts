import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { RotaService } from '../../app/usecases/RotaService.js';
import { desiredFromFile, fileFromStored } from '../../app/usecases/state.js';
import { createStores } from '../../db/stores.js';
import type { ChangeContext } from '../../db/types.js';
import { parseRotationFile, stringifyRotationFile, type RotationFile } from '../../rotation/file.js';
import { MEMBERS, rotationDef } from '../rotation/arbitraries.js';
import { GUEST, rotationFile } from '../rotation/fileArbitrary.js';
import { freshDatabase } from '../helpers/databases.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const NOW = Date.parse('2026-02-15T10:00:00Z');
const people = [...MEMBERS, GUEST];

/** What people do in chat after a file was applied: covers (by anyone, for anyone) and time off. */
const chatChange = fc.oneof(
  fc.record({
    kind: fc.constant('cover' as const),
    rotation: fc.nat(2),
    member: fc.constantFrom(...people),
    replaces: fc.option(fc.constantFrom(...MEMBERS), { nil: undefined }),
    startMinutes: fc.integer({ min: -20 * 24 * 60, max: 60 * 24 * 60 }),
    minutes: fc.integer({ min: 1, max: 14 * 24 * 60 }),
  }),
  fc.record({
    kind: fc.constant('timeOff' as const),
    member: fc.constantFrom(...people),
    startDay: fc.integer({ min: -10, max: 60 }),
    days: fc.integer({ min: 1, max: 20 }),
    dateOnly: fc.boolean(),
  }),
);

/** A later edit of the file: a roster shrinks or is reordered, a rotation is dropped, the file's own overrides go. */
type FileEdit = { dropFirstMember: boolean; reverse: boolean; dropLastRotation: boolean; dropOverrides: boolean };
const fileEdit: fc.Arbitrary<FileEdit | undefined> = fc.option(
  fc.record({ dropFirstMember: fc.boolean(), reverse: fc.boolean(), dropLastRotation: fc.boolean(), dropOverrides: fc.boolean() }),
  { nil: undefined },
);

function edited(file: RotationFile, e: FileEdit): RotationFile {
  let rotations = file.rotations.map((r) => {
    let members = e.dropFirstMember && r.members.length > r.onDuty ? r.members.slice(1) : r.members;
    if (e.reverse) members = [...members].reverse();
    return { ...r, members };
  });
  if (e.dropLastRotation && rotations.length > 1) rotations = rotations.slice(0, -1);
  const ids = new Set(rotations.map((r) => r.id));
  // Whatever still refers to a dropped rotation goes with it, or the file would not validate.
  rotations = rotations.map((r) => {
    const { escalation, avoid, ...rest } = r;
    const keptAvoid = avoid?.filter((a) => ids.has(a.rotation));
    return { ...rest, ...(escalation && ids.has(escalation) ? { escalation } : {}), ...(keptAvoid?.length ? { avoid: keptAvoid } : {}) };
  });
  return {
    ...file,
    rotations,
    overrides: e.dropOverrides ? [] : (file.overrides ?? []).filter((o) => ids.has(o.rotation)),
    timeOff: (file.timeOff ?? []).filter((t) => t.rotation === undefined || ids.has(t.rotation)),
  };
}

describe('export → validate → apply → export', () => {
  it('gives the same file, and validation finds no errors, over random stored states', async () => {
    await fc.assert(
      fc.asyncProperty(rotationFile, fc.array(chatChange, { maxLength: 5 }), fileEdit, fc.option(rotationDef({ id: 'made-in-chat' }), { nil: undefined }), async (file, changes, edit, chatRotation) => {
        const t = await freshDatabase('sqlite');
        try {
          const stores = createStores(t.db);
          const service = new RotaService(stores);
          const ctx = (now: number, source: ChangeContext['source'] = 'cli'): ChangeContext => ({ actor: 'test', source, now });
          await service.applyFile(file, ctx(NOW));
          if (chatRotation) {
            const { timezone: _zone, ...def } = chatRotation;
            const made = desiredFromFile({ timezone: chatRotation.timezone, rotations: [{ ...def, onDuty: def.onDuty ?? 1 }] }).rotations[0]!;
            expect(await service.saveChatRotation(made, ctx(NOW, 'chat'))).toMatchObject({ ok: true });
          }
          const desired = desiredFromFile(file);
          for (const c of changes) {
            if (c.kind === 'cover') {
              const rotation = desired.rotations[c.rotation % desired.rotations.length]!;
              const start = NOW + c.startMinutes * MINUTE;
              await stores.changes.addOverride(
                { rotationId: rotation.id, start, end: start + c.minutes * MINUTE, member: c.member, ...(c.replaces ? { replaces: c.replaces } : {}) },
                ctx(NOW, 'chat'),
              );
            } else {
              // As the chat records it: in the file's zone, a date-only range naming its last day.
              const zone = file.timezone;
              const from = DateTime.fromMillis(NOW, { zone }).startOf('day').plus({ days: c.startDay });
              const to = from.plus({ days: c.days });
              const spec = c.dateOnly
                ? { from: from.toISODate(), to: to.minus({ days: 1 }).toISODate(), timezone: zone }
                : { from: from.plus({ hours: 9 }).toISO({ suppressMilliseconds: true }), to: to.plus({ hours: 9 }).toISO({ suppressMilliseconds: true }), timezone: zone };
              const start = c.dateOnly ? from.toMillis() : from.plus({ hours: 9 }).toMillis();
              const end = c.dateOnly ? to.toMillis() : to.plus({ hours: 9 }).toMillis();
              await stores.changes.addTimeOff({ member: c.member, start, end, spec }, ctx(NOW, 'chat'));
            }
          }
          if (edit) await service.applyFile(edited(file, edit), ctx(NOW + 3 * DAY));

          const first = stringifyRotationFile(fileFromStored(await stores.rotations.load()));
          const parsed = parseRotationFile(first);
          expect(parsed.ok ? [] : parsed.error, first).toEqual([]);
          if (!parsed.ok) return;
          const changed = await service.applyFile(parsed.value, ctx(NOW + 5 * DAY));
          expect(changed, first).toEqual([]);
          expect(stringifyRotationFile(fileFromStored(await stores.rotations.load()))).toBe(first);
        } finally {
          await t.destroy();
        }
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
