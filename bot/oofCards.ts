import { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import type { PersonRef } from '../app/usecases/context.js';
import { answerOof } from '../app/usecases/oofAnswer.js';
import type { OofCardView, OofPoster } from '../app/usecases/oofCards.js';
import { oofQuestionText } from '../app/usecases/oofText.js';
import { when } from '../app/usecases/format.js';
import { attachment, card, execute, text, type Card } from './cards.js';
import { sendPersonally, updateCopies } from './posts.js';
import { cardAnswer, say } from './reply.js';
import { timeOffReply } from './timeOffCommands.js';
import { actorOf, cardRoute, type BotDeps, type CardHandler } from './turn.js';

/** The state line of an answered or expired question. */
function stateLine(v: OofCardView, now: number): string | undefined {
  const at = v.answeredAt !== undefined ? ` at ${when(v.answeredAt, v.detail.zone, now)}` : '';
  if (v.state === 'accepted') return `✅ Marked as time off${at}.`;
  if (v.state === 'declined') return `✖ Not time off${at}: Rota will not ask about this block again.`;
  if (v.state === 'expired') return `⌛ This question has expired${v.note ? `: ${v.note}` : ''}.`;
  return undefined;
}

/** The out-of-office question: what Outlook shows, the shift it covers, and Yes / No while it is open. */
export function oofCard(v: OofCardView, now: number): Card {
  const body: unknown[] = [text('Out of office · Outlook', { isSubtle: true, size: 'Small' }), text(oofQuestionText(v, now))];
  const line = stateLine(v, now);
  if (line) body.push(text(line, { weight: 'Bolder' }));
  const open = v.state === 'new' || v.state === 'asked';
  const actions = open ? [execute('Yes, mark it as time off', 'oof.yes', { id: v.id }, 'positive'), execute('No', 'oof.no', { id: v.id })] : [];
  return card(body, { actions });
}

/** Sends the questions in the person's personal chat (opening one when Rota can). */
export class BotOofPoster implements OofPoster {
  constructor(private readonly deps: BotDeps) {}

  sendToPerson(view: OofCardView, to: PersonRef) {
    return sendPersonally(this.deps, to.email, { attachments: [attachment(oofCard(view, this.deps.clock()))] }, 'any');
  }
}

const clickedCopy = (context: TurnContext) => ({
  conversationId: (context.activity.conversation?.id ?? '').split(';')[0]!,
  ...(context.activity.replyToId ? { activityId: context.activity.replyToId } : {}),
});

function answer(yes: boolean): CardHandler {
  return cardRoute(z.object({ id: z.string().min(1) }), async (context, d, me, deps) => {
    const actor = actorOf(me, deps);
    return cardAnswer(await answerOof(deps.chat, actor, d.id, yes, clickedCopy(context)), async (a) => {
      const built = oofCard(a.view, actor.now);
      if (a.copies.length) await updateCopies(deps, a.copies, built, 'out-of-office card');
      if (a.timeOff) await say(context, await timeOffReply(a.timeOff, me, deps, actor.now));
      return built;
    });
  });
}

/** Yes: the block is recorded as time off (`time off`'s answer follows); No: never asked again. */
export const oofYes = answer(true);
export const oofNo = answer(false);
