import { when } from '../app/usecases/format.js';
import { statsView, type RotationStats, type StatsView } from '../app/usecases/statsView.js';
import { roundedPercents } from '../rotation/index.js';
import { shownName } from './mentions.js';
import { say, type Handler } from './turn.js';

const hours = (h: number) => `${Math.round(h * 10) / 10} h`;

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
  ].join('\n');
}

/** "stats", "stats ops 8 weeks", "stats next 4 weeks": on-duty hours per member from the rotation core's `fairness`. */
export const stats: Handler = async (context, args, deps) => {
  const view = await statsView(deps.chat, deps.clock(), args);
  if (!view.ok) return say(context, view.error);
  if (view.value.rotations.length === 0) return say(context, 'No rotations are set up yet.');
  await say(context, view.value.rotations.map((r) => rotationBlock(r, view.value)).join('\n\n'));
};
