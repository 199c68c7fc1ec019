import { myShiftsView, nextView, rotationsView, scheduleView, whoView, type WhoView } from '../app/chatQueries.js';
import { helpCard, scheduleCard } from './cards.js';
import { when } from '../app/format.js';
import { people, rich, type Rich } from './mentions.js';
import { requireAsker, say, sendCard, type Handler } from './turn.js';

function whoLine(v: WhoView, asked: boolean): Rich {
  const z = v.rotation.timezone;
  const parts: Array<string | Rich> = [`**${v.rotation.name}**: `];
  if (v.now) parts.push(people(v.now.members), ` since ${when(v.now.start, z)} until ${when(v.now.end, z)}`);
  else parts.push(asked ? 'nobody then' : 'nobody right now');
  if (v.next) parts.push('; next: ', people(v.next.members), ` from ${when(v.next.start, z)}`);
  if (v.escalation) parts.push(`; escalation (${v.escalation.rotation.name}): `, people(v.escalation.members));
  return rich(parts);
}

/** "who", "who ops tomorrow", "who is on call on 24 Dec": another time is said first ("On Thu 24 Dec 09:00 GMT+1, …"). */
export const who: Handler = async (context, args, deps) => {
  const answer = await whoView(deps.chat, deps.clock(), args || undefined);
  if (!answer.ok) return say(context, answer.message);
  const { views, asked } = answer.value;
  if (views.length === 0) return say(context, 'No rotations are set up yet.');
  const lines = views.map((v) => whoLine(v, asked !== undefined));
  if (asked === undefined) return say(context, rich(lines, '\n\n'));
  const on = `On ${when(asked, views[0]!.rotation.timezone)}`;
  await say(context, lines.length === 1 ? rich([`${on}, `, lines[0]!]) : rich([`${on}:`, ...lines], '\n\n'));
};

export const next: Handler = async (context, args, deps) => {
  const views = await nextView(deps.chat, deps.clock(), args || undefined);
  if (!views.ok) return say(context, views.message);
  const blocks = views.value.map((v) =>
    rich([`**${v.rotation.name}**`, ...v.segments.map((s) => rich([`\n- ${when(s.start, v.rotation.timezone)}: `, people(s.members), s.source === 'override' ? ' (override)' : '', s.conflict ? ' ⚠ conflict' : '']))]),
  );
  await say(context, blocks.length ? rich(blocks, '\n\n') : 'No rotations are set up yet.');
};

/** "schedule ops 4 weeks", "schedule 2w", "schedule for mro". */
export const schedule: Handler = async (context, args, deps) => {
  const m = /(\d+)\s*(?:w|wk|wks|weeks?)\b/.exec(args);
  const weeks = Math.min(m ? Number(m[1]) : 2, 12);
  const name = args.replace(m?.[0] ?? '', '').trim() || undefined;
  const views = await scheduleView(deps.chat, deps.clock(), name, weeks);
  if (!views.ok) return say(context, views.message);
  await sendCard(context, scheduleCard(views.value, `Schedule, next ${weeks} week${weeks === 1 ? '' : 's'}`));
};

export const myShifts: Handler = async (context, _args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  const shifts = await myShiftsView(deps.chat, deps.clock(), me.email);
  if (shifts.length === 0) return say(context, `You (${me.email}) have no shifts in the coming months.`);
  await say(context, [`Your coming shifts (${me.email}):`, ...shifts.map((s) => `- **${s.rotation.name}**: ${when(s.start, s.rotation.timezone)} – ${when(s.end, s.rotation.timezone)}`)].join('\n'));
};

export const rotations: Handler = async (context, _args, deps) => {
  const list = await rotationsView(deps.chat);
  if (list.length === 0) return say(context, 'No rotations are set up yet.');
  await say(
    context,
    list
      .map((r) => `- **${r.id}** (${r.name}): every ${r.every}, handoff ${r.handoff} ${r.timezone}; ${r.members.join(', ')}${r.escalation ? `; escalates to ${r.escalation}` : ''}`)
      .join('\n'),
  );
};

export const help: Handler = async (context) => {
  await sendCard(context, helpCard());
};
