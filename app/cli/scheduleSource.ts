import type { ScheduleInput } from '../../rotation/schedule.js';
import { scheduleFromFile } from '../../rotation/scheduleFromFile.js';
import type { RotationDef } from '../../rotation/schedule.js';
import { CliError } from './cliError.js';
import { withDatabase } from './database.js';
import { loadRotationFile } from '../usecases/rotaFile.js';
import { scheduleFromStored } from '../usecases/state.js';

export interface RotationInfo {
  id: string;
  name: string;
  timezone: string;
  escalation?: string;
}

export interface ScheduleSource {
  schedule: ScheduleInput;
  rotations: RotationInfo[];
}

function infoOf(def: RotationDef): RotationInfo {
  return { id: def.id, name: def.name ?? def.id, timezone: def.timezone, ...(def.escalation ? { escalation: def.escalation } : {}) };
}

/** The schedule to query: a rotation file alone (`--config`), or the database named by DATABASE_URL. */
export async function openScheduleSource(configFile: string | undefined): Promise<ScheduleSource> {
  const schedule = configFile ? scheduleFromFile(await loadRotationFile(configFile)) : await scheduleFromDatabase();
  return { schedule, rotations: schedule.rotations.map((h) => infoOf(h.versions.at(-1)!.rotation)) };
}

async function scheduleFromDatabase(): Promise<ScheduleInput> {
  const state = await withDatabase((stores) => stores.rotations.load());
  if (state.rotations.length === 0) {
    throw new CliError('the database holds no rotations: apply a file first (npm run rota -- apply FILE) or pass --config FILE');
  }
  return scheduleFromStored(state);
}

/** The rotations a command asks about; an unknown id is an error that lists the known ones. */
export function pickRotations(source: ScheduleSource, id: string | undefined): RotationInfo[] {
  if (id === undefined) return source.rotations;
  const found = source.rotations.filter((r) => r.id === id);
  if (found.length === 0) {
    throw new CliError(`--rotation: no rotation "${id}"; known: ${source.rotations.map((r) => r.id).join(', ')}`, 2);
  }
  return found;
}
