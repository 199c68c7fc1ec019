import { z } from 'zod';
import { proposeSwap } from '../app/usecases/changes.js';
import { answerSwap, rememberSwapCard, type SwapCardView } from '../app/usecases/swapCards.js';
import { when } from '../app/usecases/format.js';
import { attachment, swapCard } from './cards.js';
import { askerAndOther } from './changeCommands.js';
import { mention, rich, shownName } from './mentions.js';
import { sendPersonally, updateCopies } from './posts.js';
import { cardAnswer, reply, sendCard } from './reply.js';
import { actorOf, cardRoute, conversationRecord, withoutEmails, type Handler } from './turn.js';
import { messageOf } from '../rotation/messageOf.js';

/** `swap <date|next> with @person [rotation]`: the proposal goes to the other person's personal chat as a card. */
export const swap: Handler = async (context, args, deps) => {
  const pair = await askerAndOther(context, args, deps, 'Swap with whom? Mention them: swap next with @person');
  if (!pair) return;
  const { me, other } = pair;
  await reply(context, await proposeSwap(deps.chat, actorOf(me, deps), other.email, withoutEmails(args)), async (proposal) => {
    const { swap: s, rotation, mine, theirs, doubleBooked } = proposal;
    const now = deps.clock();
    const named = new Map([me, other].map((p) => [p.email, shownName(p)]));
    const warnings = doubleBooked.map((b) => `${named.get(b.member) ?? b.member} would be on duty in both ${b.names[0]} and ${b.names[1]} ${when(b.start, b.zone, now)} – ${when(b.end, b.zone, now)}`);
    const input: SwapCardView = { swapId: s.id, rotation, proposer: me, counterpart: other, mine, theirs, state: 'proposed', expiresAt: s.expiresAt, warnings, now };
    // The counterpart's personal chat: a stored one, else a new 1:1 opened through this conversation, by the best id
    // Rota has for them (the Teams id, else an Entra object id: Teams' or the sync's), as reminders open one.
    const here = conversationRecord(context.activity);
    const sent = await sendPersonally(deps, other.email, { attachments: [attachment(swapCard(input, true))] }, { via: here, userId: other.teamsId ?? other.aadObjectId ?? other.objectId });
    if (!sent?.activityId) return rich(['I cannot reach ', mention(other), ' in a personal chat yet; ask them to say hello to me once, then propose again.']);
    await rememberSwapCard(deps.chat, s.id, other.email, { conversationId: sent.conversationId, activityId: sent.activityId });
    const mineId = await sendCard(context, swapCard(input, false));
    if (mineId) await rememberSwapCard(deps.chat, s.id, me.email, { conversationId: here.conversationId, activityId: mineId });
    return undefined;
  });
};

const swapData = z.object({ swapId: z.string().min(1) });

/** Accept or Decline on the swap card: the card says the outcome, the proposer's copy too, and the channel hears of an accepted swap. */
const decide = (accept: boolean) =>
  cardRoute(swapData, async (_context, { swapId }, me, deps) =>
    cardAnswer(await answerSwap(deps.chat, actorOf(me, deps), swapId, accept), async ({ card: view, copies, channel }) => {
      const card = swapCard(view, false);
      await updateCopies(deps, copies, card, 'swap card');
      if (channel) {
        const text = rich([mention(view.proposer), ' and ', mention(view.counterpart), ` swapped shifts in **${view.rotation.name}**.`]);
        await deps.messenger.send(channel.reference, { text: text.text, entities: text.entities }).catch((err: unknown) => {
          deps.log.warn({ err: messageOf(err) }, 'could not tell the channel about a swap');
        });
      }
      return card;
    }),
  );

export const acceptSwap = decide(true);
export const declineSwap = decide(false);
