import { myShiftsView, nextView, rotationsView, scheduleView, whoView, type WhoAnswer, type WhoView } from '../app/usecases/queries.js';
import { helpCard, scheduleCard } from './cards.js';
import { when } from '../app/usecases/format.js';
import { people, rich, shownName, type Rich } from './mentions.js';
import { reply, say, sendCard } from './reply.js';
import { requireAsker, type Handler } from './turn.js';
import { meetInTeam } from './identity.js';
import type { PersonRef } from '../app/usecases/context.js';

function whoLine(v: WhoView, asked: boolean, now: number): Rich {
  const z = v.rotation.timezone;
  const parts: Array<string | Rich> = [`**${v.rotation.name}**: `];
  if (v.now) {
    parts.push(people(v.now.members), ` since ${when(v.now.start, z, now)} until ${when(v.now.end, z, now)}`);
    if (v.now.conflict) parts.push(' ⚠ conflict (on duty although away, or nobody else was free)');
    const names = new Map(v.now.members.map((m) => [m.email, shownName(m)]));
    for (const a of v.now.alsoOn ?? []) parts.push(` ⚠ ${names.get(a.member) ?? a.member} is also on duty in ${a.rotation}`);
  } else parts.push(asked ? 'nobody then' : 'nobody right now');
  if (v.next) parts.push('; next: ', people(v.next.members), ` from ${when(v.next.start, z, now)}`);
  if (v.escalation) parts.push(`; escalation (${v.escalation.rotation.name}): `, people(v.escalation.members));
  return rich(parts);
}

/** "who", "who ops tomorrow", "who is on call on 24 Dec": another time is said first ("On Thu 24 Dec 09:00 GMT+1, …"). */
export const who: Handler = async (context, args, deps) => {
  const now = deps.clock();
  let answer = await whoView(deps.chat, now, args || undefined);
  if (answer.ok && (await meetInTeam(context, deps, answer.value.views.flatMap(peopleOf)))) answer = await whoView(deps.chat, now, args || undefined);
  await reply(context, answer, (a) => whoText(a, now));
};

/** Everyone a `who` line shows. */
const peopleOf = (v: WhoView): PersonRef[] => [...(v.now?.members ?? []), ...(v.next?.members ?? []), ...(v.escalation?.members ?? [])];

function whoText({ views, asked }: WhoAnswer, now: number): string | Rich {
  if (views.length === 0) return 'No rotations are set up yet.';
  const lines = views.map((v) => whoLine(v, asked !== undefined, now));
  if (asked === undefined) return rich(lines, '\n\n');
  const on = `On ${when(asked, views[0]!.rotation.timezone, now)}`;
  return lines.length === 1 ? rich([`${on}, `, lines[0]!]) : rich([`${on}:`, ...lines], '\n\n');
}

export const next: Handler = async (context, args, deps) => {
  const now = deps.clock();
  let answer = await nextView(deps.chat, now, args || undefined);
  if (answer.ok && (await meetInTeam(context, deps, answer.value.flatMap((v) => v.segments.flatMap((s) => s.members))))) answer = await nextView(deps.chat, now, args || undefined);
  await reply(context, answer, (views) => {
    const blocks = views.map((v) => {
      const z = v.rotation.timezone;
      const lines = v.segments.map((s) => rich([`\n- ${when(s.start, z, now)} – ${when(s.end, z, now)}: `, people(s.members), s.source === 'override' ? ' (override)' : '', s.conflict ? ' ⚠ conflict' : '']));
      return rich([`**${v.rotation.name}**`, ...(lines.length ? lines : ['\n- no coming shifts'])]);
    });
    return blocks.length ? rich(blocks, '\n\n') : 'No rotations are set up yet.';
  });
};

const MAX_SCHEDULE_WEEKS = 12;

/** "schedule ops 4 weeks", "schedule 2w", "schedule for mro". */
export const schedule: Handler = async (context, args, deps) => {
  const m = /(\d+)\s*(?:w|wk|wks|weeks?)\b/.exec(args);
  const asked = m ? Number(m[1]) : 2;
  const weeks = Math.min(Math.max(asked, 1), MAX_SCHEDULE_WEEKS);
  const name = args.replace(m?.[0] ?? '', '').trim() || undefined;
  const now = deps.clock();
  const cut = asked > weeks ? `You asked for ${asked}; a card holds ${MAX_SCHEDULE_WEEKS} at most: "npm run rota -- schedule --to …" prints any range.` : undefined;
  await reply(context, await scheduleView(deps.chat, now, name, weeks), (views) => ({
    card: scheduleCard(views, `Schedule, next ${weeks} week${weeks === 1 ? '' : 's'}`, now),
    ...(cut ? { text: cut } : {}),
  }));
};

/** Lines of `my shifts` shown before it says how many more there are. */
const MY_SHIFTS_LINES = 30;

/** "my shifts", "my shifts 8 weeks", "my shifts 2w": the one in progress and every coming one in the window. */
export const myShifts: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  const m = /^(\d+)\s*(?:w|wk|wks|weeks?)$/.exec(args.trim());
  if (args.trim() && !m) return say(context, `I read "my shifts" with a window such as "my shifts 8 weeks" (1 to 52 weeks); the default is 4 weeks.`);
  const weeks = m ? Number(m[1]) : 4;
  if (weeks < 1 || weeks > 52) return say(context, `The window must be 1 to 52 weeks; you asked for ${weeks}.`);
  const now = deps.clock();
  const { shifts } = await myShiftsView(deps.chat, now, me.email, weeks);
  const span = `the next ${weeks} week${weeks === 1 ? '' : 's'}`;
  if (shifts.length === 0) return say(context, `You have no shifts in ${span}. Say "my shifts ${Math.min(weeks * 2, 52)} weeks" to look further.`);
  const lines = shifts.slice(0, MY_SHIFTS_LINES).map((s) => {
    const z = s.rotation.timezone;
    const notes = [s.inProgress ? 'now' : '', s.override ? 'override' : '', s.conflict ? '⚠ conflict' : '', ...s.alsoOn.map((o) => `⚠ also on duty in ${o.name}`)].filter(Boolean);
    return `- **${s.rotation.name}**: ${when(s.start, z, now)} – ${when(s.end, z, now)}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  });
  const more = shifts.length - MY_SHIFTS_LINES;
  const tail = more > 0 ? [`- …and ${more} more: say "my shifts 1 week" or "schedule <rotation>" to see them.`] : [];
  await say(context, [`Your shifts in ${span} (${shownName(me)}):`, ...lines, ...tail].join('\n'));
};

/**
 * `rotations`: every rotation with its members by the names Rota knows (their address when it knows none). Plain
 * names, not @mentions: a list of every roster would notify everyone in it each time someone asks.
 */
export const rotations: Handler = async (context, _args, deps) => {
  const list = await rotationsView(deps.chat);
  if (list.length === 0) return say(context, 'No rotations are set up yet.');
  await say(
    context,
    list
      .map((r) => `- **${r.id}** (${r.name}): every ${r.every}, handoff ${r.handoff} ${r.timezone}; ${r.members.map(shownName).join(', ')}${r.escalation ? `; escalates to ${r.escalation}` : ''}`)
      .join('\n'),
  );
};

export const help: Handler = async (context) => {
  await sendCard(context, helpCard());
};
