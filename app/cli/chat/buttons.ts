import type { AddButton, CardAction } from './render.js';

/** Where a card is: the conversation and the activity id the connector gave it (an invoke replies to it). */
export interface CardPlace {
  conversationId: string;
  activityId: string;
}

export type CardButton = CardAction & CardPlace;

/**
 * The buttons of the cards shown in one terminal, numbered 1, 2, … in the order they appeared. When a card is
 * updated or replaced its old buttons are retired (they no longer exist in Teams either) and the new version's
 * buttons get new numbers.
 */
export class ChatButtons {
  private readonly buttons: Array<CardButton | 'retired'> = [];

  /** The `add` for rendering the card at `place`, whose earlier buttons are retired first. */
  forCard(place: CardPlace): AddButton {
    this.buttons.forEach((b, i) => {
      if (b !== 'retired' && b.activityId === place.activityId && b.conversationId === place.conversationId) this.buttons[i] = 'retired';
    });
    return (action) => this.buttons.push({ ...action, ...place });
  }

  get(n: number): CardButton | 'retired' | undefined {
    return Number.isInteger(n) && n >= 1 ? this.buttons[n - 1] : undefined;
  }

  /** `(1) Accept, (2) Decline` for the buttons that still exist. */
  summary(): string {
    return (
      this.buttons
        .flatMap((b, i) => (b === 'retired' ? [] : [`(${i + 1}) ${b.title}`]))
        .join(', ') || 'none'
    );
  }
}
