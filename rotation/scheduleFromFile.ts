import { parseFileTime, resolveFileRange } from './localDateTime.js';
import type { RotationFile } from './rotationFileSchema.js';
import type { Override, ScheduleInput, TimeOff } from './schedule.js';
import { ZoneClock } from './zoneClock.js';

/**
 * A validated file as engine input. Each rotation is a history of one version in force since
 * -Infinity (the app builds longer histories from its stored versions). Override times without
 * an offset are local to their rotation's zone; time off without a rotation uses the file's zone.
 */
export function scheduleFromFile(file: RotationFile): ScheduleInput {
  const zones = new Map(file.rotations.map((r) => [r.id, r.timezone ?? file.timezone] as const));
  const zoneOf = (rotation: string | undefined) => ZoneClock.of((rotation !== undefined ? zones.get(rotation) : undefined) ?? file.timezone);
  return {
    timezone: file.timezone,
    rotations: file.rotations.map((r) => ({
      id: r.id,
      versions: [{ from: -Infinity, rotation: { ...r, timezone: r.timezone ?? file.timezone } }],
    })),
    overrides: (file.overrides ?? []).map((o) => {
      const range = resolveRange(o.from, o.to, zoneOf(o.rotation));
      const out: Override = { rotation: o.rotation, member: o.member, ...range };
      if (o.replaces !== undefined) out.replaces = o.replaces;
      return out;
    }),
    timeOff: (file.timeOff ?? []).map((t) => {
      const out: TimeOff = { member: t.member, ...resolveRange(t.from, t.to, zoneOf(t.rotation)) };
      if (t.rotation !== undefined) out.rotation = t.rotation;
      return out;
    }),
  };
}

/**
 * A file range as instants: a date alone starts at local midnight, and as `to` it includes
 * that whole day; a date-time `to` ends exactly there.
 */
export function resolveRange(fromText: string, toText: string, clock: ZoneClock): { from: number; to: number } {
  const from = parseFileTime(fromText);
  const to = parseFileTime(toText);
  if (!from || !to) throw new RangeError(`invalid range ${fromText} – ${toText}: validate the file first`);
  return resolveFileRange(from, to, clock);
}
