import type { PersonRef } from '../app/usecases/context.js';
import { acknowledgeHandoff, type HandoffData, type HandoffPoster } from '../app/jobs/handoffs.js';
import { attachment, handoffCard, type Card } from './cards.js';
import { mention, rich } from './mentions.js';
import { referenceFor, type Messenger } from './Messenger.js';
import type { BotDeps } from './turn.js';
import { messageOf } from '../rotation/messageOf.js';

export interface HandoffAcks {
  acknowledge(key: string, by: PersonRef, now: number): Promise<{ card: Card } | { message: string }>;
}

/** Posts handoff cards into channels and personal notes, through stored conversation references. */
export class BotHandoffPoster implements HandoffPoster, HandoffAcks {
  constructor(private readonly deps: Omit<BotDeps, 'messenger'> & { messenger: Messenger }) {}

  async postHandoff(h: HandoffData) {
    const via = await this.channelConversation(h.channel);
    if (!via) return undefined;
    const card = handoffCard(h);
    const intro = rich(['Handoff: ', rich(h.outgoing.map(mention), ', '), ' → ', rich(h.incoming.map(mention), ', ')]);
    return this.deps.messenger.startThread(via.reference, h.channel.id, via.tenantId, {
      text: intro.text,
      entities: intro.entities,
      attachments: [attachment(card)],
    });
  }

  /** The channel's stored conversation, else any in its team (for the service URL and tenant). */
  private async channelConversation(channel: HandoffData['channel']) {
    const { conversations } = this.deps.chat.stores;
    return (await conversations.conversation(channel.id)) ?? (await conversations.teamConversation(channel.team));
  }

  async sendPersonal(person: PersonRef, text: string): Promise<boolean> {
    const { conversations, people } = this.deps.chat.stores;
    const stored = await conversations.personalConversation(person.email);
    if (stored) {
      await this.deps.messenger.send(stored.reference, { text, textFormat: 'markdown' });
      return true;
    }
    const known = (await people.people([person.email])).get(person.email);
    const any = known?.teamsId ? await conversations.anyConversation() : undefined;
    if (!known?.teamsId || !any) return false;
    const sent = await this.deps.messenger.sendPersonal(any.reference, { teamsId: known.teamsId }, any.tenantId, { text, textFormat: 'markdown' });
    await conversations.saveConversation(
      { conversationId: sent.conversationId, kind: 'personal', ...(any.tenantId ? { tenantId: any.tenantId } : {}), userEmail: person.email, reference: sent.reference as Record<string, unknown> },
      this.deps.clock(),
    );
    return true;
  }

  /** "I've got it": the decision is app/'s; here the card is re-rendered and updated in place for everyone. */
  async acknowledge(key: string, by: PersonRef, now: number): Promise<{ card: Card } | { message: string }> {
    const outcome = await acknowledgeHandoff(this.deps.chat, key, by, now);
    if (!outcome.ok) return { message: outcome.error };
    const { data, ackedBy, ackedAt, posted } = outcome.value;
    const card = handoffCard({ ...data, ackedBy, ackedAt });
    const where = posted ? await this.channelConversation(data.channel) : undefined;
    if (posted && where) {
      await this.deps.messenger.update(referenceFor(where.reference, posted.conversationId), posted.activityId, { attachments: [attachment(card)] }).catch((err: unknown) => {
        this.deps.log.warn({ err: messageOf(err) }, 'could not update the handoff card');
      });
    }
    return { card };
  }
}
