import { createHash } from 'node:crypto';
import type { RotationFile } from '../../rotation/file.js';
import type { RotationDef, RotationHistory, ScheduleInput } from '../../rotation/schedule.js';
import { scheduleFromFile } from '../../rotation/scheduleFromFile.js';
import { BEGINNING_OF_TIME, type DesiredState, type StoredRotation, type StoredState } from '../../db/types.js';
import { isoInZone } from './format.js';

/** Stable ids for what a file defines, so applying the same file twice finds the same rows. */
function contentId(parts: Array<string | number | undefined>): string {
  return `file-${createHash('sha256').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex').slice(0, 24)}`;
}

/** A validated rotation file → what the database should hold; local times are resolved by the rotation core. */
export function desiredFromFile(file: RotationFile): DesiredState {
  const resolved = scheduleFromFile(file);
  return {
    settings: {
      timezone: file.timezone,
      admins: file.admins ?? [],
      ...(file.tags?.length ? { tags: file.tags } : {}),
      ...(file.webhooks?.length ? { webhooks: file.webhooks } : {}),
    },
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
        definition,
      };
    }),
    overrides: resolved.overrides.map((o) => ({
      id: contentId([o.rotation, o.from, o.to, o.member, o.replaces]),
      rotationId: o.rotation,
      start: o.from,
      end: o.to,
      member: o.member,
      ...(o.replaces ? { replaces: o.replaces } : {}),
    })),
    timeOff: resolved.timeOff.map((t, i) => ({
      id: contentId([t.member, t.from, t.to, t.rotation]),
      member: t.member,
      start: t.from,
      end: t.to,
      spec: { ...(file.timeOff ?? [])[i], timezone: zoneOf(file, t.rotation) },
    })),
  };
}

function zoneOf(file: { timezone: string; rotations: Array<{ id: string; timezone?: string | undefined }> }, rotation?: string): string {
  return file.rotations.find((r) => r.id === rotation)?.timezone ?? file.timezone;
}

/** The database's state → the rotation core's input. */
export function scheduleFromStored(state: StoredState): ScheduleInput {
  return {
    timezone: state.settings.timezone,
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
      return { member: t.member, from: t.start, to: t.end, recordedAt: t.createdAt, ...(rotation ? { rotation } : {}) };
    }),
  };
}

/** Stored versions → the core's history; the database's "beginning of time" is the core's -Infinity. */
export function historyFromStored(r: StoredRotation): RotationHistory {
  return {
    id: r.id,
    versions: r.versions.map((v) => ({
      from: v.from === BEGINNING_OF_TIME ? -Infinity : v.from,
      rotation: v.definition,
    })),
  };
}

/**
 * The current state as a rotation file that `apply` accepts: each rotation's latest definition, every active
 * override as exact instants, and time off as written when its zone is the file's, else as exact instants.
 */
export function fileFromStored(state: StoredState): RotationFile {
  const { timezone, admins, tags, webhooks } = state.settings;
  const rotations = state.rotations.map((r) => {
    const def: Partial<RotationDef> = { ...r.versions.at(-1)?.definition };
    return def.timezone === timezone ? { ...def, timezone: undefined } : def;
  });
  const zones = new Map(state.rotations.map((r) => [r.id, r.timezone]));
  return {
    timezone,
    ...(admins.length ? { admins } : {}),
    ...(tags?.length ? { tags } : {}),
    ...(webhooks?.length ? { webhooks } : {}),
    rotations: rotations as RotationFile['rotations'],
    // The store's load leaves out the covers and time off of archived rotations: the file could not name them.
    overrides: state.overrides.map((o) => {
      const zone = zones.get(o.rotationId) ?? timezone;
      return {
        rotation: o.rotationId,
        from: isoInZone(o.start, zone),
        to: isoInZone(o.end, zone),
        member: o.member,
        ...(o.replaces ? { replaces: o.replaces } : {}),
      };
    }),
    timeOff: state.timeOff.map((t) => {
      const spec = t.spec;
      const zone = spec.timezone ?? timezone;
      // As written only while it still means the same instants: same zone as when it was applied.
      const asWritten = spec.from && spec.to && zone === (spec.rotation ? zones.get(spec.rotation) : timezone);
      return {
        member: t.member,
        from: asWritten ? spec.from! : isoInZone(t.start, zone),
        to: asWritten ? spec.to! : isoInZone(t.end, zone),
        ...(spec.rotation ? { rotation: spec.rotation } : {}),
      };
    }),
  };
}
