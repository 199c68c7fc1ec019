import { z } from 'zod';
import { actOnDuty, type DutyAction } from '../app/usecases/dutyActions.js';
import { dutiesInChat } from '../app/usecases/dutyList.js';
import { dutyDayText } from '../app/usecases/dutyText.js';
import { dutyCard } from './dutyCards.js';
import { updateCopies } from './posts.js';
import { cardAnswer, reply } from './reply.js';
import { cardRoute, type BotDeps, type CardHandler, type Handler } from './turn.js';
import type { TurnContext } from 'botbuilder';
import type { PersonRef } from '../app/usecases/context.js';

/** "duties", "duties ops", "duties tomorrow", "duties ops 2026-12-03": a day's duties and their state. */
export const duties: Handler = async (context, args, deps) => {
  await reply(context, await dutiesInChat(deps.chat, deps.clock(), args), (days) =>
    days.length ? days.map(dutyDayText).join('\n\n') : 'No rotation has duties yet: add `duties:` to a rotation in the rotation file.',
  );
};

/** The card pressed: the invoke's answer replaces it, so only the other copies are updated. */
const clickedCopy = (context: TurnContext) => {
  const conversationId = (context.activity.conversation?.id ?? '').split(';')[0]!;
  return { conversationId, ...(context.activity.replyToId ? { activityId: context.activity.replyToId } : {}) };
};

async function act(context: TurnContext, key: string, action: DutyAction, me: PersonRef, deps: BotDeps) {
  return cardAnswer(await actOnDuty(deps.chat, me, key, action, deps.clock(), clickedCopy(context)), async ({ card, copies }) => {
    const built = dutyCard(card);
    if (copies.length) await updateCopies(deps, copies, built, 'duty card');
    return built;
  });
}

const key = z.string().min(1);

export const dutyDone: CardHandler = cardRoute(z.object({ key }), (context, d, me, deps) => act(context, d.key, { kind: 'done' }, me, deps));

export const dutySkip: CardHandler = cardRoute(z.object({ key, reason: z.string().optional() }), (context, d, me, deps) =>
  act(context, d.key, { kind: 'skip', reason: d.reason ?? '' }, me, deps),
);

export const dutySnooze: CardHandler = cardRoute(z.object({ key, minutes: z.coerce.number().pipe(z.union([z.literal(15), z.literal(60)])) }), (context, d, me, deps) =>
  act(context, d.key, { kind: 'snooze', minutes: d.minutes }, me, deps),
);
