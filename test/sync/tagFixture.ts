import { BEGINNING_OF_TIME, type StoredState } from '../../db/types.js';
import { parseRotationFile } from '../../rotation/file.js';
import type { ScheduleInput } from '../../rotation/schedule.js';
import { scheduleFromFile } from '../../rotation/scheduleFromFile.js';

export const TEAM = '11111111-2222-4333-8444-555555555555';

/** A rotation file's text as the sync reads it: the stored state (one version per rotation) and the schedule. */
export function tagState(text: string): { state: StoredState; schedule: ScheduleInput } {
  const parsed = parseRotationFile(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const file = parsed.value;
  const state: StoredState = {
    settings: { timezone: file.timezone, admins: [], ...(file.tags ? { tags: file.tags } : {}) },
    rotations: file.rotations.map((r) => {
      const timezone = r.timezone ?? file.timezone;
      return { id: r.id, name: r.name ?? r.id, timezone, origin: 'file', members: r.members, versions: [{ from: BEGINNING_OF_TIME, definition: { ...r, timezone } }] };
    }),
    overrides: [],
    timeOff: [],
  };
  return { state, schedule: scheduleFromFile(file) };
}
