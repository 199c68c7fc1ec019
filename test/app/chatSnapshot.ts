import type { Snapshot } from '../../app/usecases/context.js';
import { parseRotationFile } from '../../rotation/index.js';

/** Five rotations with names to find (one in Tokyo); the schedule is empty: the tests using it only read names and times. */
const FILE = `timezone: Europe/Berlin
rotations:
  - { id: ops, name: Op of the Week, start: 2026-01-05, every: 1w, handoff: "Mon 12:00", members: [a@x.com] }
  - { id: mro, name: MRO / Interrupt, start: 2026-01-05, every: 1d, handoff: "09:00", members: [a@x.com] }
  - { id: dev, name: Dev of the Week, start: 2026-01-05, every: 1w, handoff: "Mon 09:00", members: [a@x.com] }
  - { id: night, name: Night on call, start: 2026-01-05, every: 1d, handoff: "08:00", hours: "20:00-08:00", members: [a@x.com] }
  - { id: apac, name: APAC ops, timezone: Asia/Tokyo, start: 2026-01-05, every: 1w, handoff: "Mon 09:00", members: [a@x.com] }
`;

export function snap(): Snapshot {
  const file = parseRotationFile(FILE);
  if (!file.ok) throw new Error(JSON.stringify(file.error));
  const rotations = file.value.rotations.map((r) => {
    const timezone = r.timezone ?? file.value.timezone!;
    return { id: r.id, name: r.name ?? r.id, timezone, def: { ...r, timezone }, admins: [] };
  });
  return {
    state: { settings: { timezone: 'Europe/Berlin', admins: [] }, rotations: [], overrides: [], timeOff: [] },
    schedule: { timezone: 'Europe/Berlin', rotations: [], overrides: [], timeOff: [] },
    rotations,
  };
}

