import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { decideSwap, saveHandover } from '../app/usecases/changes.js';
import { channelsOf, personRefs } from '../app/usecases/context.js';
import { attachment, noticeCard, swapCard, type Card } from './cards.js';
import { mention, rich } from './mentions.js';
import { referenceFor } from './Messenger.js';
import { asker, type BotDeps } from './turn.js';
import type { HandoffAcks } from './handoffs.js';
import { saveSetupAction } from './setup.js';
import { confirmTimeOff, dropTimeOff } from './timeOffCommands.js';
import { confirmCover } from './changeCommands.js';
import { messageOf } from '../rotation/messageOf.js';

/** The `value` of an `adaptiveCard/action` invoke (Universal Actions). */
const invokeValue = z.object({
  action: z.object({ type: z.string(), verb: z.string().min(1), data: z.record(z.string(), z.unknown()).default({}) }),
});

export type CardActionResult = { card: Card } | { message: string };
type CardAction = (context: TurnContext, data: Record<string, unknown>, deps: BotDeps) => Promise<CardActionResult>;

const swapData = z.object({ swapId: z.string().min(1) });
const handoverData = z.object({ rotationId: z.string().min(1), notes: z.string().default(''), openItems: z.string().default('') });
const ackData = z.object({ key: z.string().min(1) });

function decide(accept: boolean): CardAction {
  return async (context, data, deps) => {
    const { swapId } = swapData.parse(data);
    const me = await asker(context, deps);
    if (!me) return { message: 'I could not tell who you are; please try again.' };
    const decided = await decideSwap(deps.chat, { email: me.email, now: deps.clock() }, swapId, accept);
    if (!decided.ok) return { message: decided.error };
    const d = decided.value;
    const s = d.swap;
    const refs = await personRefs(deps.chat.stores.people, [s.proposer, s.counterpart]);
    const shifts = d.outcome === 'accepted' ? d.overrides : undefined;
    const range = (start: number | undefined) => ({ start: start ?? 0, end: shifts?.find((o) => o.start === start)?.end ?? start ?? 0 });
    const input = {
      swapId: s.id,
      rotation: d.rotation,
      proposer: refs.get(s.proposer)!,
      counterpart: refs.get(s.counterpart)!,
      mine: range(s.proposerShiftStart),
      theirs: range(s.counterpartShiftStart),
      state: s.state,
      expiresAt: s.expiresAt,
      decidedAt: deps.clock(),
    };
    const updated = swapCard(input, false);
    const channel = (await channelsOf(deps.chat, [d.rotation])).get(d.rotation.id);
    if (d.outcome !== 'already') await afterDecision(deps, s.cards, s.counterpart, updated, d.outcome === 'accepted' ? input : undefined, channel?.id);
    return { card: updated };
  };
}

/** Replaces a swap's cards (every copy but `except`'s) with `card`, in place; a failed update is logged, not fatal. */
export async function updateSwapCardsInPlace(
  deps: BotDeps,
  cards: Record<string, { conversationId: string; activityId: string }>,
  card: Card,
  except?: string,
): Promise<void> {
  for (const [who, where] of Object.entries(cards)) {
    if (who === except) continue;
    const stored = await deps.chat.stores.conversations.conversation(where.conversationId);
    if (!stored) continue;
    await deps.messenger.update(referenceFor(stored.reference, where.conversationId), where.activityId, { attachments: [attachment(card)] }).catch((err: unknown) => {
      deps.log.warn({ err: messageOf(err) }, 'could not update the swap card');
    });
  }
}

/** Updates the proposer's card in place and, on acceptance, tells the rotation's channel. */
async function afterDecision(
  deps: BotDeps,
  cards: Record<string, { conversationId: string; activityId: string }>,
  decider: string,
  card: Card,
  accepted: Parameters<typeof swapCard>[0] | undefined,
  channelId: string | undefined,
): Promise<void> {
  await updateSwapCardsInPlace(deps, cards, card, decider);
  if (!accepted || !channelId) return;
  const channel = await deps.chat.stores.conversations.conversation(channelId);
  if (!channel) return;
  const text = rich([mention(accepted.proposer), ' and ', mention(accepted.counterpart), ` swapped shifts in **${accepted.rotation.name}**.`]);
  await deps.messenger.send(channel.reference, { text: text.text, entities: text.entities }).catch((err: unknown) => {
    deps.log.warn({ err: messageOf(err) }, 'could not tell the channel about a swap');
  });
}

const saveHandoverAction: CardAction = async (context, data, deps) => {
  const input = handoverData.parse(data);
  const me = await asker(context, deps);
  if (!me) return { message: 'I could not tell who you are; please try again.' };
  const items = input.openItems.split('\n').map((s) => s.replace(/^[-*\s]+/, '').trim()).filter(Boolean);
  const saved = await saveHandover(deps.chat, { email: me.email, now: deps.clock() }, input.rotationId, input.notes, items);
  if (!saved.ok) return { message: saved.error };
  return { card: noticeCard(`Handover for ${saved.value.rotation.name} saved: ${items.length} open item${items.length === 1 ? '' : 's'}. It goes on the handoff card.`) };
};

export function cardActions(acks: HandoffAcks): Record<string, CardAction> {
  return {
    'swap.accept': decide(true),
    'swap.decline': decide(false),
    'handover.save': saveHandoverAction,
    'setup.save': saveSetupAction,
    'timeoff.confirm': confirmTimeOff,
    'timeoff.drop': dropTimeOff,
    'cover.confirm': confirmCover,
    'cover.drop': dropTimeOff,
    'handoff.ack': async (context, data, deps) => {
      const me = await asker(context, deps);
      if (!me) return { message: 'I could not tell who you are; please try again.' };
      return acks.acknowledge(ackData.parse(data).key, me, deps.clock());
    },
  };
}

/** Answers an `adaptiveCard/action` invoke: the new card replaces the old one, or a message is shown. */
export async function onCardAction(context: TurnContext, deps: BotDeps, acks: HandoffAcks): Promise<void> {
  const parsed = invokeValue.safeParse(context.activity.value);
  let body: Record<string, unknown>;
  if (!parsed.success) {
    body = { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'not an Action.Execute value' } };
  } else {
    const action = cardActions(acks)[parsed.data.action.verb];
    const result = action
      ? await action(context, parsed.data.action.data, deps).catch((err: unknown) => {
          if (err instanceof z.ZodError) return { message: 'That card is missing something; please start again.' };
          throw err;
        })
      : { message: `I do not know the action "${parsed.data.action.verb}".` };
    body = 'card' in result
      ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card }
      : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.message };
  }
  await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
}

/** The Action.Submit fallback arrives as a message with a `value`: run the same action and answer in the chat. */
export async function onSubmitFallback(context: TurnContext, deps: BotDeps, acks: HandoffAcks): Promise<boolean> {
  const value = context.activity.value as { verb?: unknown } | undefined;
  if (!value || typeof value.verb !== 'string') return false;
  const action = cardActions(acks)[value.verb];
  if (!action) return false;
  const result = await action(context, value as Record<string, unknown>, deps);
  if ('card' in result) {
    const replyTo = context.activity.replyToId;
    if (replyTo) await context.updateActivity({ id: replyTo, type: 'message', attachments: [attachment(result.card)] });
    else await context.sendActivity({ attachments: [attachment(result.card)] });
  } else {
    await context.sendActivity(result.message);
  }
  return true;
}
