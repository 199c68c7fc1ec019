import type { TurnContext } from 'botbuilder';
import { ok, type Outcome } from '../rotation/result.js';
import { attachment, type Card } from './cards.js';
import { withoutTagMentions, type Rich } from './mentions.js';

// The one place where outcomes become messages: a command's reply, a card verb's answer (invoke or Submit fallback).

/** What a handler answers with: text, rich text (mentions), a card with an optional text, or nothing more. */
export type Answer = string | Rich | { card: Card; text?: string } | undefined;

/** A use case's refusal (`{ ok: false }`) is said as it is; its value is answered by `answer` (one answer or several). */
export async function reply<T>(context: TurnContext, outcome: Outcome<T>, answer?: (value: T) => Answer | Answer[] | Promise<Answer | Answer[]>): Promise<void> {
  if (!outcome.ok) return say(context, outcome.error);
  const answered = answer ? await answer(outcome.value) : undefined;
  for (const a of [answered].flat()) {
    if (a === undefined) continue;
    if (typeof a === 'object' && 'card' in a) await sendCard(context, a.card, a.text);
    else await say(context, a);
  }
}

export async function say(context: TurnContext, message: string | Rich): Promise<void> {
  if (typeof message === 'string') await context.sendActivity({ type: 'message', text: message, textFormat: 'markdown' });
  else await context.sendActivity({ type: 'message', text: message.text, textFormat: 'markdown', entities: message.entities });
}

/** Sends a card (with an optional text beside it); the id is where it can be updated later. */
export async function sendCard(context: TurnContext, card: Card, text?: string): Promise<string | undefined> {
  const res = await context.sendActivity({ type: 'message', attachments: [attachment(card)], ...(text ? { text } : {}) });
  return res?.id;
}

/**
 * A card verb's answer from a use case's outcome, as `reply` is a command's: a refusal passes through as it is (shown
 * as a message); a value is answered by `answer` with the card that replaces the one clicked (or a refusal after all).
 */
export async function cardAnswer<T>(outcome: Outcome<T>, answer: (value: T) => Card | Outcome<Card> | Promise<Card | Outcome<Card>>): Promise<Outcome<Card>> {
  if (!outcome.ok) return outcome;
  const answered = await answer(outcome.value);
  return isCard(answered) ? ok(answered) : answered;
}

const isCard = (x: Card | Outcome<Card>): x is Card => 'type' in x && x.type === 'AdaptiveCard';

/**
 * A card action's answer as an `adaptiveCard/action` invoke response: the new card replaces the old one, or a message
 * is shown. Tags are not mentioned in invoke responses (Teams does not support it; withoutTagMentions).
 */
export function invokeBody(outcome: Outcome<Card>): Record<string, unknown> {
  return outcome.ok
    ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: withoutTagMentions(outcome.value) }
    : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: outcome.error };
}

/** The same answer to an Action.Submit fallback (a message with a `value`): the card is updated in the chat, or the message said. */
export async function submitAnswer(context: TurnContext, outcome: Outcome<Card>): Promise<void> {
  if (!outcome.ok) {
    await context.sendActivity(outcome.error);
    return;
  }
  const replyTo = context.activity.replyToId;
  if (replyTo) await context.updateActivity({ id: replyTo, type: 'message', attachments: [attachment(outcome.value)] });
  else await context.sendActivity({ attachments: [attachment(outcome.value)] });
}
