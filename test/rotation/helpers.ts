import type { RotationDef, RotationHistory, ScheduleInput } from '../../rotation/schedule.js';

/** A rotation version with sensible defaults, for tests. */
export function rotation(overrides: Partial<RotationDef> & { id: string }): RotationDef {
  return {
    timezone: 'UTC',
    start: '2026-01-05',
    every: '1w',
    handoff: 'Mon 12:00',
    onDuty: 1,
    members: ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com'],
    ...overrides,
  };
}

export function history(def: RotationDef): RotationHistory {
  return { id: def.id, versions: [{ from: -Infinity, rotation: def }] };
}

export function schedule(defs: RotationDef[], extra: Partial<ScheduleInput> = {}): ScheduleInput {
  return { timezone: 'UTC', rotations: defs.map(history), overrides: [], timeOff: [], ...extra };
}

export const iso = (t: number): string => new Date(t).toISOString();
export const utc = (text: string): number => Date.parse(text.endsWith('Z') ? text : `${text}Z`);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
