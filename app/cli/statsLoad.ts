import type { Stores } from '../../db/stores.js';
import type { RotationFairness } from '../../rotation/fairness.js';
import { allRotationsLoad, type LoadFigures, type RotationLoad } from '../usecases/interruptLoad.js';
import { formatTable } from '../usecases/format.js';
import { RotaService } from '../usecases/RotaService.js';
import { withDatabase } from './database.js';

/** Said instead of the second table when `stats --config` reads a rotation file alone. */
export const LOAD_NEEDS_DATABASE = 'interrupt load (duties done, skipped, missed; items opened, closed, carried; escalations) comes from the database: run stats without --config to see it';

/** The interrupt load of every rotation over [from, to), each listing its fairness members first. */
export async function loadFromDatabase(stats: RotationFairness[], from: number, to: number, now: number): Promise<RotationLoad[]> {
  const roster = new Map(stats.map((r) => [r.rotation, r.members.map((m) => m.member)]));
  return withDatabase((stores: Stores) => allRotationsLoad({ service: new RotaService(stores), stores }, from, to, now, (id) => roster.get(id) ?? []));
}

const cells = (l: LoadFigures) => [l.dutiesDone, l.dutiesSkipped, l.dutiesMissed, l.itemsOpened, l.itemsClosed, l.itemsCarried, l.escalations].map(String);

/** The second table: a row per person and a total row per rotation (a duty missed before it was sent is in the total only). */
export function renderLoad(load: RotationLoad[]): string {
  const rows = load.flatMap((r) => [...r.members.map((m) => [r.rotation.id, m.person.email, ...cells(m.load)]), [r.rotation.id, '(total)', ...cells(r.total)]]);
  const table = formatTable(['rotation', 'member', 'duties done', 'skipped', 'missed', 'items opened', 'closed', 'carried', 'escalations'], rows);
  return `${table}items opened include escalations; carried: items passed on at a handoff, counted for who passed them on.\n`;
}

/** `--json`: the same figures beside each rotation's fairness, so the array (and its readers) stay as they were. */
export function withLoad(stats: RotationFairness[], load: RotationLoad[] | undefined): Array<RotationFairness & { load?: object }> {
  if (!load) return stats;
  const of = new Map(load.map((r) => [r.rotation.id, r]));
  return stats.map((s) => {
    const l = of.get(s.rotation);
    return l ? { ...s, load: { members: l.members.map((m) => ({ member: m.person.email, ...m.load })), total: l.total } } : s;
  });
}
