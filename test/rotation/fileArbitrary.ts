import fc from 'fast-check';
import type { RotationFile } from '../../rotation/file.js';
import { rotationDef, MEMBERS, ZONES } from './arbitraries.js';

/** Someone in no rotation: a colleague from another team who covers a shift. */
export const GUEST = 'guest@y.org';

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** A team by either of its ids (rotation/teamIds.ts): a group GUID or a Teams thread id. */
const team = fc.constantFrom('6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', '19:0b2f6d1e9a8c4e3f@thread.tacv2');
const text = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s.length > 0);

/** A duty time as the file writes it (rotation/duties.ts): every day, a range (maybe wrapping) or a list. */
const dutyTime = fc
  .tuple(fc.constantFrom('', 'Mon-Fri ', 'Fri-Mon ', 'Thu ', 'Mon,Wed ', 'Sat-Sun,Wed '), fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 59))
  .map(([days, h, m]) => `${days}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const dutyLine = fc.record(
  { at: dutyTime, task: text, link: fc.constantFrom('https://runbooks.contoso.com/backups', 'https://x.contoso.com/a?b=1&c=d'), post: fc.constantFrom('personal' as const, 'channel' as const) },
  { requiredKeys: ['at', 'task'] },
);

/** Valid files: rotations from the engine's generator plus the optional fields, overrides and time off. */
export const rotationFile: fc.Arbitrary<RotationFile> = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    admins: optional(fc.subarray(MEMBERS, { minLength: 1 })),
    rotations: fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,12}$/), rotationDef({ hours: true })), { minLength: 1, maxLength: 3, selector: ([id]) => id }),
    extras: fc.array(
      fc.record({
        name: optional(text),
        ownZone: fc.boolean(),
        tag: optional(fc.record({ team, name: text })),
        calendar: optional(fc.record({ mailbox: fc.constantFrom(...MEMBERS), name: text })),
        channel: optional(fc.record({ team, id: fc.constant('19:abc@thread.tacv2') })),
        holidays: optional(fc.constant(['2026-12-25', '2027-01-01'])),
        duties: optional(fc.array(dutyLine, { maxLength: 4 })),
        morningCheck: optional(dutyTime),
        eveningCheck: optional(dutyTime),
      }),
      { minLength: 3, maxLength: 3 },
    ),
    overrideAt: fc.nat(27),
    withTimeOff: fc.boolean(),
    guestCover: fc.boolean(),
  })
  .map(({ timezone, admins, rotations, extras, overrideAt, withTimeOff, guestCover }) => {
    const file: RotationFile = {
      timezone,
      rotations: rotations.map(([id, def], i) => {
        const { timezone: zone, ...rest } = def;
        const extra = extras[i]!; // three extras for at most three rotations
        const r: RotationFile['rotations'][number] = { ...rest, id };
        if (extra.ownZone) r.timezone = zone;
        if (extra.name !== undefined) r.name = extra.name;
        if (extra.tag) r.tag = extra.tag;
        if (extra.calendar) r.calendar = extra.calendar;
        if (extra.channel) r.channel = extra.channel;
        if (extra.holidays && !def.every.endsWith('w')) r.holidays = [...extra.holidays];
        // Distinct tasks, so never the same duty twice (an error).
        if (extra.duties) r.duties = extra.duties.map((d, j) => ({ ...d, task: `${d.task} ${j}` }));
        if (extra.morningCheck) r.morningCheck = extra.morningCheck;
        if (extra.eveningCheck) r.eveningCheck = extra.eveningCheck;
        return r;
      }),
    };
    if (admins) file.admins = admins;
    const first = file.rotations[0]!;
    const day = String(overrideAt + 1).padStart(2, '0');
    file.overrides = [{ rotation: first.id, from: `2026-02-${day}T10:00`, to: `2026-02-${day}T18:30`, member: first.members[0]! }];
    // A cover by someone in no rotation is allowed (with a warning), so export can always write chat covers.
    if (guestCover) file.overrides.push({ rotation: first.id, from: `2026-04-${day}T08:00`, to: `2026-04-${day}T09:00`, member: GUEST });
    if (withTimeOff) file.timeOff = [{ member: first.members[0]!, from: `2026-03-${day}`, to: `2026-03-${day}` }];
    return file;
  });

