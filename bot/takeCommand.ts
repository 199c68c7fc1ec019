import { peopleShown } from '../app/usecases/people.js';
import { take as takePager, type TakeResult } from '../app/usecases/take.js';
import { tellRelieved } from '../app/usecases/takeNotice.js';
import type { PersonRef } from '../app/usecases/context.js';
import { when } from '../app/usecases/format.js';
import { resolveAccount } from './identity.js';
import { mention, mentionedPeople, rich, type Rich } from './mentions.js';
import { sendPersonally } from './posts.js';
import { doubleBookedLines } from './timeOffCommands.js';
import { reply } from './reply.js';
import { actorOf, emailsIn, requireAsker, withoutEmails, type BotDeps, type Handler } from './turn.js';

/** `take [rotation] [for 2h | until 18:00] [from @person]`: the pager from now; the relieved person is told personally. */
export const take: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  const [m] = mentionedPeople(context.activity);
  const named = m ? (await resolveAccount(context, deps, { id: m.id, name: m.name }))?.email : emailsIn(args)[0];
  const rest = withoutEmails(args).replace(/\bfrom\s*$/i, '').replace(/\bfrom\s+(?=for\b|until\b|till\b)/i, '').trim();
  const actor = actorOf(me, deps);
  await reply(context, await takePager(deps.chat, actor, rest, named), async (r) => {
    const relieved = (await peopleShown(deps.chat, [r.relieved])).get(r.relieved) ?? { email: r.relieved };
    const told = await tell(deps, me, relieved, r);
    const z = r.rotation.timezone;
    const now = actor.now;
    const notice = told === true ? [' I told ', mention(relieved), '.'] : [` I could not tell `, mention(relieved), ` (${told}); please let them know.`];
    const doubled = doubleBookedLines(r.doubleBooked, new Map([[me.email, me], [relieved.email, relieved]]), now);
    const cut = r.askedUntil === undefined ? [] : [` (not until ${when(r.askedUntil, z, now)}: their stretch ends then, and take never runs into the next person's; for longer, use cover)`];
    return rich(['Done: you have the **', r.rotation.name, '** pager from now until ', when(r.override.end, z, now), ...cut, ', relieving ', mention(relieved), '.', ...notice, ' To give it back: cancel my cover.', ...doubled]);
  });
};

/** The personal notice to the relieved person (the use case claims and records it); true when sent, else why not. */
async function tell(deps: BotDeps, me: PersonRef, relieved: PersonRef, r: TakeResult): Promise<true | string> {
  const actor = actorOf(me, deps);
  const text: Rich = rich([mention(me), ` took the **${r.rotation.name}** pager from you, from now until ${when(r.override.end, r.rotation.timezone, actor.now)}. You are off duty until then.`]);
  const told = await tellRelieved(deps.chat, r, relieved, actor, (to) => sendPersonally(deps, to.email, { text: text.text, entities: text.entities, textFormat: 'markdown' }, 'any'), deps.clock);
  if (told !== true) deps.log.warn({ to: relieved.email, err: told }, 'could not tell the relieved person about a take');
  return told;
}
