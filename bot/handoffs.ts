import { z } from 'zod';
import type { PersonRef } from '../app/usecases/context.js';
import { channelConversation } from '../app/usecases/conversations.js';
import { acknowledgeHandoff, type HandoffData, type HandoffPoster } from '../app/usecases/handoffPosts.js';
import { attachment, handoffCard } from './cards.js';
import { mention, rich } from './mentions.js';
import { sendPersonally, updateCopies } from './posts.js';
import { cardAnswer } from './reply.js';
import { cardRoute, type BotDeps } from './turn.js';

/** Posts the jobs' handoff cards into channels and their notes into personal chats; where is app/'s choice. */
export class BotHandoffPoster implements HandoffPoster {
  constructor(private readonly deps: BotDeps) {}

  async postHandoff(h: HandoffData) {
    const via = await channelConversation(this.deps.chat, h.channel);
    if (!via) return undefined;
    const card = handoffCard(h);
    const intro = rich(['Handoff: ', rich(h.outgoing.map(mention), ', '), ' → ', rich(h.incoming.map(mention), ', ')]);
    return this.deps.messenger.startThread(via.reference, h.channel.id, via.tenantId, {
      text: intro.text,
      entities: intro.entities,
      attachments: [attachment(card)],
    });
  }

  async sendPersonal(person: PersonRef, text: string): Promise<boolean> {
    return (await sendPersonally(this.deps, person.email, { text, textFormat: 'markdown' }, 'any')) !== undefined;
  }
}

const ackData = z.object({ key: z.string().min(1) });

/** "I've got it" on a handoff card: the decision is app/'s; the card is re-rendered and updated in place for everyone. */
export const acknowledge = cardRoute(ackData, async (_context, { key }, me, deps) =>
  cardAnswer(await acknowledgeHandoff(deps.chat, key, me, deps.clock()), async ({ data, ackedBy, ackedAt, posted }) => {
    const card = handoffCard({ ...data, ackedBy, ackedAt });
    if (posted) await updateCopies(deps, [posted], card, 'handoff card');
    return card;
  }),
);
