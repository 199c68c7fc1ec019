import type { PersonRef } from '../app/usecases/context.js';
import type { Escalation } from '../app/usecases/escalate.js';
import { attachment, text, type Card } from './cards.js';
import { sendPersonally } from './posts.js';
import type { BotDeps } from './turn.js';

/** The line a shadow's copy starts with: they follow along, the person on duty acts on the original. */
export const shadowLine = (rotationName: string) => `👀 You are shadowing ${rotationName}: this is a copy for you to follow along; the person on duty acts on the original.`;

/**
 * A card as a shadow gets it: the same content under the shadowing line, with no inputs and no buttons that act
 * (Done, Skip, Snooze, "I've got it"); a link to open stays.
 */
export function shadowCopyOf(original: Card, rotationName: string): Card {
  const body = original.body.filter((b) => !String((b as { type?: unknown }).type).startsWith('Input.'));
  const actions = ((original.actions as Array<{ type?: unknown }> | undefined) ?? []).filter((a) => a.type === 'Action.OpenUrl');
  const { actions: _actions, ...rest } = original;
  return { ...rest, body: [text(shadowLine(rotationName), { isSubtle: true, weight: 'Bolder' }), ...body], ...(actions.length ? { actions } : {}) };
}

/** The escalation's copy: who escalated what to whom. */
export function shadowEscalationCard(e: Escalation, original: Card): Card {
  return shadowCopyOf(original, e.rotation.id === e.escalation.id ? e.rotation.name : `${e.rotation.name} (escalating to ${e.escalation.name})`);
}

/** Sends a shadow's copy to their personal chat (opening one when Rota can), as the duty cards go. */
export function sendShadowCard(deps: BotDeps, to: PersonRef, card: Card) {
  return sendPersonally(deps, to.email, { attachments: [attachment(card)] }, 'any');
}
