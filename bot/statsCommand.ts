import { when } from '../app/usecases/format.js';
import { isIdle, type LoadFigures, type RotationLoad } from '../app/usecases/interruptLoad.js';
import { statsView, type RotationStats, type StatsView } from '../app/usecases/statsView.js';
import { roundedPercents } from '../rotation/index.js';
import { shownName } from './mentions.js';
import { reply } from './reply.js';
import type { Handler } from './turn.js';

const hours = (h: number) => `${Math.round(h * 10) / 10} h`;
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "12 duties done, 1 skipped, 0 missed; 3 items opened, 2 closed, 1 carried over; 1 escalation". */
export function loadText(l: LoadFigures): string {
  const duties = `${count(l.dutiesDone, 'duty', 'duties')} done, ${l.dutiesSkipped} skipped, ${l.dutiesMissed} missed`;
  const items = `${count(l.itemsOpened, 'item', 'items')} opened, ${l.itemsClosed} closed, ${l.itemsCarried} carried over`;
  return `${duties}; ${items}; ${count(l.escalations, 'escalation', 'escalations')}`;
}

/** The interrupt load after the hours: a line per person and the rotation's total, or one line when nothing happened. */
function loadBlock(load: RotationLoad): string[] {
  if (isIdle(load.total)) return ['Interrupt load: no duties or items yet.'];
  return [
    'Interrupt load (duty checklist and open items):',
    ...load.members.map((m) => `- ${shownName(m.person)}: ${loadText(m.load)}`),
    `- Total: ${loadText(load.total)}`,
  ];
}

/** One rotation as a compact list, the heaviest load first; names are shown, not mentioned (nobody is pinged). */
function rotationBlock(r: RotationStats, v: StatsView): string {
  const z = r.rotation.timezone;
  const span = `${v.coming ? 'coming' : 'last'} ${v.weeks} week${v.weeks === 1 ? '' : 's'}`;
  // Rounded so that each column adds up to exactly 100 % (largest remainder).
  const shares = roundedPercents(r.members.map((m) => m.share));
  const capacity = roundedPercents(r.members.map((m) => m.capacityShare));
  const lines = r.members.map((m, i) => {
    const extra = [m.weekendHours > 0 ? `${hours(m.weekendHours)} at weekends` : '', m.holidayHours > 0 ? `${hours(m.holidayHours)} on holidays` : ''].filter(Boolean);
    return `- ${shownName(m.person)}: ${hours(m.onDutyHours)} on duty, ${m.shifts} shift${m.shifts === 1 ? '' : 's'}, ${shares[i]}% of the on-duty hours, ${capacity[i]}% of capacity${extra.length ? `; ${extra.join(', ')}` : ''}`;
  });
  return [
    `**${r.rotation.name}**, ${span} (${when(v.from, z, v.to)} – ${when(v.to, z, v.from)}):`,
    ...lines,
    ...r.doubleBooked.map((d) => `⚠ ${shownName(d.person)} was on duty in ${d.other} at the same time for ${hours(d.hours)}.`),
    `Share of the on-duty hours: each member's part of the hours someone was on duty. Share of capacity: each member's part of the hours the members were available (in the roster, not on time off). Both add up to 100 %.`,
    ...(r.load ? loadBlock(r.load) : []),
  ].join('\n');
}

/** "stats", "stats ops 8 weeks", "stats next 4 weeks": on-duty hours per member from the rotation core's `fairness`. */
export const stats: Handler = async (context, args, deps) => {
  await reply(context, await statsView(deps.chat, deps.clock(), args), (view) =>
    view.rotations.length === 0 ? 'No rotations are set up yet.' : view.rotations.map((r) => rotationBlock(r, view)).join('\n\n'),
  );
};
