import { z } from 'zod';
import { submitEveningCheck } from '../app/usecases/checkEvening.js';
import type { ChannelCheckPost, CheckPoster, EveningFormView, MorningCheckView } from '../app/usecases/checkPosts.js';
import type { PersonRef } from '../app/usecases/context.js';
import { channelConversation, type PostedCopy } from '../app/usecases/conversations.js';
import { attachment } from './cards.js';
import { channelCheckText, eveningCheckCard, morningCheckCard } from './checkCards.js';
import { sendPersonally, updateCopies } from './posts.js';
import { cardAnswer } from './reply.js';
import { actorOf, cardRoute, type BotDeps } from './turn.js';

/** Sends the checks: cards in personal chats, the evening status as a new thread in the channel; where is app/'s choice. */
export class BotCheckPoster implements CheckPoster {
  constructor(private readonly deps: BotDeps) {}

  sendMorningCheck(person: PersonRef, view: MorningCheckView) {
    return sendPersonally(this.deps, person.email, { attachments: [attachment(morningCheckCard(view))] }, 'any');
  }

  sendEveningForm(person: PersonRef, view: EveningFormView) {
    return sendPersonally(this.deps, person.email, { attachments: [attachment(eveningCheckCard(view))] }, 'any');
  }

  async postToChannel(channel: { team: string; id: string }, post: ChannelCheckPost) {
    const via = await channelConversation(this.deps.chat, channel);
    if (!via) return undefined;
    return this.deps.messenger.startThread(via.reference, channel.id, via.tenantId, { type: 'message', text: channelCheckText(post), textFormat: 'plain' });
  }

  updateForms(copies: PostedCopy[], view: EveningFormView): Promise<void> {
    return updateCopies(this.deps, copies, eveningCheckCard(view), 'evening check form');
  }
}

// Action.Execute sends the form's inputs with the action's data; a missing status is an empty one (answered as such).
const submitData = z.object({ key: z.string().min(1), status: z.string().default('') });

/** "Post to the channel" on the evening form: app/ decides and posts; the form (and the others' copies) say where it went. */
export const submitEvening = cardRoute(submitData, async (_context, { key, status }, me, deps) => {
  const poster = new BotCheckPoster(deps);
  return cardAnswer(await submitEveningCheck(deps.chat, poster, key, { ...actorOf(me, deps), person: me }, status), async ({ view, copies }) => {
    await poster.updateForms(copies, view);
    return eveningCheckCard(view);
  });
});
