import { TeamsInfo, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { saveSetup, setupForm, type SetupValues } from '../app/usecases/setup.js';
import { setupFormCard, setupSavedCard, type RosterEntry } from './setupCards.js';
import { asker, requireAsker, say, sendCard, type BotDeps, type Handler } from './turn.js';
import type { CardActionResult } from './cardActions.js';
import { messageOf } from '../rotation/messageOf.js';

/** Teams' page size maximum for paged members; a roster beyond ten pages is offered as typed e-mails. */
const PAGE_SIZE = 500;
const MAX_PAGES = 10;

/**
 * The team's roster for the members picker (TeamsInfo.getPagedMembers pages through the team of a channel). Outside
 * a team, or when Teams does not answer, the form falls back to a text field of e-mail addresses.
 */
async function teamRoster(context: TurnContext, deps: BotDeps): Promise<RosterEntry[] | undefined> {
  const teamId = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
  if (!teamId) return undefined;
  try {
    const roster: RosterEntry[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await TeamsInfo.getPagedMembers(context, PAGE_SIZE, token);
      for (const m of res.members ?? []) {
        const email = (m.email ?? m.userPrincipalName)?.toLowerCase();
        if (email) roster.push({ email, name: m.name || email });
      }
      token = res.continuationToken || undefined;
      if (!token) return roster;
    }
    return undefined;
  } catch (err) {
    deps.log.warn({ err: messageOf(err) }, 'could not read the team roster for setup');
    return undefined;
  }
}

/** `setup [rotation]` (admins): a form to create a rotation, or to edit one made in chat. */
export const setup: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  const options = deps.rotationFile ? { rotationFile: deps.rotationFile } : {};
  const form = await setupForm(deps.chat, { email: me.email, now: deps.clock() }, args, options);
  if (!form.ok) return say(context, form.error);
  await sendCard(context, setupFormCard(form.value, await teamRoster(context, deps)));
};

/** The form's values as Teams sends them: a multi-select arrives as "a,b,c", an Input.Number as text or a number. */
const setupData = z.object({
  editing: z.string().min(1).optional(),
  id: z.string().default(''),
  name: z.string().default(''),
  members: z.union([z.string(), z.array(z.string())]).default(''),
  every: z.string().default(''),
  weekday: z.string().default(''),
  time: z.string().default(''),
  timezone: z.string().default(''),
  start: z.string().default(''),
  onDuty: z.union([z.string(), z.number()]).default('1'),
});

export async function saveSetupAction(context: TurnContext, data: Record<string, unknown>, deps: BotDeps): Promise<CardActionResult> {
  const input = setupData.parse(data);
  const me = await asker(context, deps);
  if (!me) return { message: 'I could not tell who you are; please try again.' };
  const members = (Array.isArray(input.members) ? input.members : input.members.split(/[\s,;]+/)).map((m) => m.trim()).filter(Boolean);
  const values: SetupValues = { ...input, members, onDuty: String(input.onDuty) };
  const options = deps.rotationFile ? { rotationFile: deps.rotationFile } : {};
  const saved = await saveSetup(deps.chat, { email: me.email, now: deps.clock() }, values, options);
  if (!saved.ok) return { message: saved.error };
  return { card: setupSavedCard(saved.value) };
}
