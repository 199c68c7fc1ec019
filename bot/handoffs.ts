import { z } from 'zod';
import type { PersonRef } from '../app/usecases/context.js';
import { channelConversation } from '../app/usecases/conversations.js';
import { acknowledgeHandoff, type HandoffData, type HandoffPoster } from '../app/usecases/handoffPosts.js';
import { attachment, handoffCard } from './cards.js';
import { mention, rich } from './mentions.js';
import { sendPersonally, updateCopies } from './posts.js';
import { cardAnswer } from './reply.js';
import { cardRoute, type BotDeps } from './turn.js';
import { statusOf } from './connectorRetry.js';
import { messageOf } from '../rotation/messageOf.js';

/** Posts the jobs' handoff cards into channels and their notes into personal chats; where is app/'s choice. */
export class BotHandoffPoster implements HandoffPoster {
  constructor(private readonly deps: BotDeps) {}

  /**
   * The handoff card as a new thread. When Teams refuses its tag mention ("Channel and group chat conversations with a
   * bot", Tag mention, Error code: 400 when the tag no longer exists in the team or the channel is not a standard one;
   * 502 when the mention cannot be resolved), it is posted again without the tag: the handoff is never lost to it.
   */
  async postHandoff(h: HandoffData) {
    const via = await channelConversation(this.deps.chat, h.channel);
    if (!via) return undefined;
    const post = (d: HandoffData) => {
      const intro = rich(['Handoff: ', rich(d.outgoing.map(mention), ', '), ' → ', rich(d.incoming.map(mention), ', ')]);
      return this.deps.messenger.startThread(via.reference, d.channel.id, via.tenantId, { text: intro.text, entities: intro.entities, attachments: [attachment(handoffCard(d))] });
    };
    try {
      return await post(h);
    } catch (err) {
      const status = statusOf(err);
      if (!h.tag || (status !== 400 && status !== 502)) throw err;
      const reason = `Teams answered ${status} to the tag mention: ${messageOf(err)}`;
      this.deps.log.warn({ rotation: h.rotation.id, tag: h.tag.name, status, err: messageOf(err) }, 'Teams refused the handoff post\'s tag mention; posting it again without the tag');
      const { tag: _tag, ...untagged } = h;
      return { ...(await post(untagged)), tagLeftOut: { name: h.tag.name, reason } };
    }
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
