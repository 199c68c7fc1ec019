import { z } from 'zod';
import type { PersonRef } from '../app/usecases/context.js';
import { channelConversation } from '../app/usecases/conversations.js';
import { acknowledgeHandoff, shortHandoff, type HandoffData, type HandoffPoster } from '../app/usecases/handoffPosts.js';
import { attachment } from './cards.js';
import { handoffCard } from './handoffCard.js';
import { mention, rich } from './mentions.js';
import { sendPersonally, updateCopies } from './posts.js';
import { cardAnswer } from './reply.js';
import { cardRoute, type BotDeps } from './turn.js';
import { refusedTagMention, statusOf } from './connectorRetry.js';
import { messageOf } from '../rotation/messageOf.js';
import { sendShadowCard, shadowCopyOf } from './shadowCards.js';

/** Posts the jobs' handoff cards into channels and their notes into personal chats; where is app/'s choice. */
export class BotHandoffPoster implements HandoffPoster {
  constructor(private readonly deps: BotDeps) {}

  /**
   * The handoff card as a new thread; the handoff is never lost to what Teams refuses in it:
   * - the tag mention ("Channel and group chat conversations with a bot", Tag mention, Error code: 400 when the tag
   *   no longer exists in the team or the channel is not a standard one; 502 when the mention cannot be resolved):
   *   posted again without the tag;
   * - the size (413 MessageSizeTooBig, "Format your bot messages"; the card keeps a byte budget, so this is Teams
   *   counting differently): posted again as the short card (no notes, open items or escalation), and said so.
   */
  async postHandoff(h: HandoffData) {
    const via = await channelConversation(this.deps.chat, h.channel);
    if (!via) return undefined;
    const post = (d: HandoffData) => {
      const intro = rich(['Handoff: ', rich(d.outgoing.map(mention), ', '), ' → ', rich(d.incoming.map(mention), ', ')]);
      return this.deps.messenger.startThread(via.reference, d.channel.id, via.tenantId, { text: intro.text, entities: intro.entities, attachments: [attachment(handoffCard(d))] });
    };
    let d = h;
    let tagLeftOut: { name: string; reason: string } | undefined;
    for (;;) {
      try {
        const where = await post(d);
        return { ...where, ...(tagLeftOut ? { tagLeftOut } : {}), ...(d.notesLeftOut ? { notesLeftOut: d.notesLeftOut } : {}) };
      } catch (err) {
        const status = statusOf(err);
        const log = { rotation: h.rotation.id, status, err: messageOf(err) };
        if (status === 413 && !d.notesLeftOut) {
          this.deps.log.warn(log, 'Teams refused the handoff card as too large; posting the short card without the handover notes');
          d = shortHandoff(d, 'Teams refused the full card as too large (413)');
        } else if (d.tag && refusedTagMention(status)) {
          this.deps.log.warn({ ...log, tag: d.tag.name }, 'Teams refused the handoff post\'s tag mention; posting it again without the tag');
          tagLeftOut = { name: d.tag.name, reason: `Teams answered ${status} to the tag mention: ${messageOf(err)}` };
          const { tag: _tag, ...untagged } = d;
          d = untagged;
        } else throw err;
      }
    }
  }

  async sendPersonal(person: PersonRef, text: string): Promise<boolean> {
    return (await sendPersonally(this.deps, person.email, { text, textFormat: 'markdown' }, 'any')) !== undefined;
  }

  sendShadowCopy(to: PersonRef, h: HandoffData) {
    // Without the tag: Teams accepts tag mentions in channels only.
    const { tag: _tag, ...untagged } = h;
    return sendShadowCard(this.deps, to, shadowCopyOf(handoffCard(untagged), h.rotation.name));
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
