import type { TurnContext } from 'botbuilder';
import { messageOf } from '../rotation/messageOf.js';
import { z } from 'zod';
import { saveSetup, setupForm, type SetupValues } from '../app/usecases/setup.js';
import { cardAnswer, reply } from './reply.js';
import { setupFormCard, setupSavedCard, type MembersPicker } from './setupCards.js';
import { setupPreviewCard } from './setupPreviewCard.js';
import { memberAddresses, memberChoices } from '../app/usecases/setupMembers.js';
import { memberLookUp } from './identity.js';
import { actorOf, cardRoute, requireAsker, type BotDeps, type Handler } from './turn.js';

/** The people picker searches the organisation in the bot's 1:1 chat, and the conversation's members elsewhere. */
async function membersPicker(context: TurnContext, deps: BotDeps, members: string[]): Promise<MembersPicker> {
  const personal = context.activity.conversation?.conversationType === 'personal';
  return { dataset: personal ? 'graph.microsoft.com/users' : 'graph.microsoft.com/users?scope=currentContext', current: await memberChoices(deps.chat, members) };
}

/** `setup [rotation]` (admins): a form to create a rotation, or to edit one made in chat. */
export const setup: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  const options = { ...(deps.rotationFile ? { rotationFile: deps.rotationFile } : {}), ...(deps.horizonWeeks ? { previewWeeks: deps.horizonWeeks } : {}) };
  await reply(context, await setupForm(deps.chat, actorOf(me, deps), args, options), async (values) => ({ card: setupFormCard(values, await membersPicker(context, deps, values.members ?? [])) }));
};

/** The form's values as Teams sends them: a multi-select arrives as "a,b,c", an Input.Number as text or a number. */
const setupData = z.object({
  editing: z.string().min(1).optional(),
  id: z.string().default(''),
  name: z.string().default(''),
  members: z.union([z.string(), z.array(z.string())]).default(''),
  keepMembers: z.boolean().optional(),
  every: z.string().default(''),
  weekday: z.string().default(''),
  time: z.string().default(''),
  timezone: z.string().default(''),
  start: z.string().default(''),
  onDuty: z.union([z.string(), z.number()]).default('1'),
  /** Set by a form that has the checklist inputs: there an input Teams leaves out was emptied. */
  checklist: z.boolean().optional(),
  duties: z.string().optional(),
  morningCheck: z.string().optional(),
  eveningCheck: z.string().optional(),
  effective: z.string().optional(),
  /** Sent by the preview's "Save rotation": save without previewing again. */
  confirmed: z.string().max(64).optional(),
});

/**
 * "Save rotation" on the form: the picker's Entra object ids become addresses (app/ asks Teams for the ones it does
 * not know), then app/ checks and saves it; the form is replaced by what was saved, or, for an edit that moves
 * shifts, by the preview of the moves, whose own "Save rotation" comes back here confirmed.
 */
export const saveSetupForm = cardRoute(setupData, async (context, input, me, deps) => {
  const picked = (Array.isArray(input.members) ? input.members : input.members.split(/[\s,;]+/)).map((m) => m.trim()).filter(Boolean);
  const lookUp = memberLookUp(context, deps);
  const members = input.keepMembers ? undefined : await memberAddresses(deps.chat, picked, lookUp, deps.clock());
  if (members && !members.ok) return members;
  const { keepMembers: _k, members: _m, checklist, duties, morningCheck, eveningCheck, confirmed, effective, ...rest } = input;
  // A form without the checklist inputs (sent before they existed) keeps the checklist as it is.
  const list = checklist ? { duties: duties ?? '', morningCheck: morningCheck ?? '', eveningCheck: eveningCheck ?? '' } : {};
  const extra = { ...(effective !== undefined ? { effective } : {}), ...(confirmed ? { confirmed } : {}) };
  const values: SetupValues = { ...rest, ...list, ...extra, ...(members ? { members: members.value } : {}), onDuty: String(input.onDuty) };
  const options = { ...(deps.rotationFile ? { rotationFile: deps.rotationFile } : {}), ...(deps.horizonWeeks ? { previewWeeks: deps.horizonWeeks } : {}) };
  return cardAnswer(await saveSetup(deps.chat, actorOf(me, deps), values, options), (v) => ('kind' in v ? setupPreviewCard(v) : setupSavedCard(v)));
}, 'setup');
