import { when } from '../app/format.js';
import { statsView, type RotationStats, type StatsView } from '../app/statsView.js';
import { shownName } from './mentions.js';
import { say, type Handler } from './turn.js';

const hours = (h: number) => `${Math.round(h * 10) / 10} h`;
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** One rotation as a compact list, the heaviest load first; names are shown, not mentioned (nobody is pinged). */
function rotationBlock(r: RotationStats, v: StatsView): string {
  const z = r.rotation.timezone;
  const span = `${v.coming ? 'coming' : 'last'} ${v.weeks} week${v.weeks === 1 ? '' : 's'}`;
  const lines = r.members.map((m) => {
    const extra = [m.weekendHours > 0 ? `${hours(m.weekendHours)} at weekends` : '', m.holidayHours > 0 ? `${hours(m.holidayHours)} on holidays` : ''].filter(Boolean);
    return `- ${shownName(m.person)}: ${hours(m.onDutyHours)} on duty, ${m.shifts} shift${m.shifts === 1 ? '' : 's'}, ${percent(m.share)} of the time${extra.length ? `; ${extra.join(', ')}` : ''}`;
  });
  return [
    `**${r.rotation.name}**, ${span} (${when(v.from, z)} – ${when(v.to, z)}):`,
    ...lines,
    `Share of capacity: ${percent(r.capacityShare)} (on-duty hours of all members over the hours the roster could have given).`,
  ].join('\n');
}

/** "stats", "stats ops 8 weeks", "stats next 4 weeks": on-duty hours per member from the rotation core's `fairness`. */
export const stats: Handler = async (context, args, deps) => {
  const view = await statsView(deps.chat, deps.clock(), args);
  if (!view.ok) return say(context, view.message);
  if (view.value.rotations.length === 0) return say(context, 'No rotations are set up yet.');
  await say(context, view.value.rotations.map((r) => rotationBlock(r, view.value)).join('\n\n'));
};
