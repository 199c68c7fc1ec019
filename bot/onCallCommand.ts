import { when } from '../app/usecases/format.js';
import { onCallView, type DutyStretch, type OnCallAnswer } from '../app/usecases/onCallView.js';
import type { PersonRef } from '../app/usecases/context.js';
import { resolveAccount } from './identity.js';
import { mentionedPeople, shownName } from './mentions.js';
import { reply, say } from './reply.js';
import { requireAsker, type BotDeps, type Handler } from './turn.js';
import type { TurnContext } from 'botbuilder';

const stretch = (s: DutyStretch) => `**${s.rotation.name}** ${when(s.start, s.rotation.timezone)} – ${when(s.end, s.rotation.timezone)}`;

/** "on Wed 2 Dec", "at Tue 1 Dec 23:00 GMT+1", "now". */
function askedLabel(a: OnCallAnswer['asked'], zone: string): string {
  if (a.kind === 'now') return 'now';
  return a.kind === 'instant' ? `at ${when(a.at, zone)}` : `on ${a.label}`;
}

/** Yes with the stretch(es), or no with the next one: a person is not pinged by a question about them. */
function onCallText(a: OnCallAnswer): string {
  const name = shownName(a.person);
  const label = askedLabel(a.asked, a.zone);
  if (!a.member) return `No: ${name} is ${a.rotation ? `not a member of **${a.rotation.name}**` : 'in no rotation here'}.`;
  if (a.duty.length === 1) return `Yes: ${name} is on call ${label}: ${stretch(a.duty[0]!)}.`;
  if (a.duty.length > 1) return [`Yes: ${name} is on call ${label}:`, ...a.duty.map((s) => `- ${stretch(s)}`)].join('\n');
  const where = a.rotation ? ` in **${a.rotation.name}**` : '';
  return `No: ${name} is not on call ${label}${where}. ${a.next ? `Next: ${stretch(a.next)}.` : 'No shift in the next 8 weeks.'}`;
}

/** The person asked about: an @mention, "me"/"I" for the asker, else the text names them (app/onCallView). */
async function subject(context: TurnContext, args: string, deps: BotDeps): Promise<{ person?: PersonRef; args: string } | undefined> {
  const [m] = mentionedPeople(context.activity);
  if (m) {
    const person = await resolveAccount(context, deps, { id: m.id, name: m.name });
    if (!person) await say(context, `I could not find ${m.name || 'that person'}'s e-mail address in Teams; write it instead: is bob@contoso.com on call tomorrow?`);
    return person ? { person, args } : undefined;
  }
  const [first, ...rest] = args.split(' ');
  if (first !== 'me' && first !== 'i') return { args };
  const me = await requireAsker(context, deps);
  return me ? { person: me, args: rest.join(' ') } : undefined;
}

/** "is bob on call tomorrow?", "is bob@contoso.com on call on 24 Dec", "am I on call for mro next monday". */
export const isOnCall: Handler = async (context, args, deps) => {
  const who = await subject(context, args, deps);
  if (!who) return;
  await reply(context, await onCallView(deps.chat, deps.clock(), who.args, who.person), onCallText);
};
