import type { StoredOverride, StoredTimeOff } from './types.js';

/** The `overrides` and `time_off` rows as knex returns them, and their one mapping to the stored shapes. */
export type OverrideRow = {
  id: string; rotation_id: string; start_at: number; end_at: number; member: string; replaces: string | null;
  origin: string; created_by: string; swap_id: string | null;
};
export type TimeOffRow = { id: string; member: string; start_at: number; end_at: number; spec: string; origin: string; created_by: string; created_at: number };

export function toOverride(r: OverrideRow): StoredOverride {
  return {
    id: r.id,
    rotationId: r.rotation_id,
    start: Number(r.start_at),
    end: Number(r.end_at),
    member: r.member,
    ...(r.replaces ? { replaces: r.replaces } : {}),
    origin: r.origin as StoredOverride['origin'],
  };
}

export function toTimeOff(r: TimeOffRow): StoredTimeOff {
  return {
    id: r.id,
    member: r.member,
    start: Number(r.start_at),
    end: Number(r.end_at),
    spec: JSON.parse(r.spec) as Record<string, unknown>,
    origin: r.origin as StoredTimeOff['origin'],
    createdAt: Number(r.created_at),
  };
}
