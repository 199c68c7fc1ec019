import { createHash } from 'node:crypto';
import type { RotationFile } from '../rotation/file.js';
import type { RotationDef, RotationHistory, ScheduleInput } from '../rotation/schedule.js';
import { ZoneClock } from '../rotation/zoneClock.js';
import { parseFileTime, resolveFileRange } from '../rotation/localDateTime.js';
import { BEGINNING_OF_TIME, type DesiredState, type StoredRotation, type StoredState } from '../db/types.js';

/** Stable ids for what a file defines, so applying the same file twice finds the same rows. */
function contentId(prefix: string, parts: Array<string | undefined>): string {
  return `${prefix}-${createHash('sha256').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex').slice(0, 24)}`;
}

/** A validated rotation file → what the database should hold, with local times resolved in each rotation's zone. */
export function desiredFromFile(file: RotationFile): DesiredState {
  const zoneOf = new Map(file.rotations.map((r) => [r.id, r.timezone ?? file.timezone]));
  const range = (from: string, to: string, zone: string) =>
    resolveFileRange(parseFileTime(from)!, parseFileTime(to)!, ZoneClock.of(zone));
  return {
    rotations: file.rotations.map((r) => {
      const timezone = r.timezone ?? file.timezone;
      const definition: RotationDef = { ...r, timezone };
      return {
        id: r.id,
        name: r.name ?? r.id,
        timezone,
        every: r.every,
        handoff: r.handoff,
        onDuty: r.onDuty,
        start: r.start,
        members: r.members,
        definition: definition as unknown as Record<string, unknown>,
      };
    }),
    overrides: (file.overrides ?? []).map((o) => {
      const { from, to } = range(o.from, o.to, zoneOf.get(o.rotation) ?? file.timezone);
      return {
        id: contentId('file', [o.rotation, o.from, o.to, o.member, o.replaces]),
        rotationId: o.rotation,
        start: from,
        end: to,
        member: o.member,
        ...(o.replaces ? { replaces: o.replaces } : {}),
      };
    }),
    timeOff: (file.timeOff ?? []).map((t) => {
      const zone = (t.rotation && zoneOf.get(t.rotation)) || file.timezone;
      const { from, to } = range(t.from, t.to, zone);
      return {
        id: contentId('file', [t.member, t.from, t.to, t.rotation, zone]),
        member: t.member,
        start: from,
        end: to,
        spec: { ...t, timezone: zone },
      };
    }),
  };
}

/** The database's state → the rotation core's input. */
export function scheduleFromStored(state: StoredState, timezone = 'UTC'): ScheduleInput {
  return {
    timezone,
    rotations: state.rotations.map(historyFromStored),
    overrides: state.overrides.map((o) => ({
      rotation: o.rotationId,
      from: o.start,
      to: o.end,
      member: o.member,
      ...(o.replaces ? { replaces: o.replaces } : {}),
    })),
    timeOff: state.timeOff.map((t) => {
      const rotation = typeof t.spec.rotation === 'string' ? t.spec.rotation : undefined;
      return { member: t.member, from: t.start, to: t.end, ...(rotation ? { rotation } : {}) };
    }),
  };
}

/** Stored versions → the core's history; the database's "beginning of time" is the core's -Infinity. */
export function historyFromStored(r: StoredRotation): RotationHistory {
  return {
    id: r.id,
    versions: r.versions.map((v) => ({
      from: v.from === BEGINNING_OF_TIME ? -Infinity : v.from,
      rotation: v.definition as unknown as RotationDef,
    })),
  };
}
