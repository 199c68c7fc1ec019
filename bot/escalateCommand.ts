import { escalate as escalateItem, escalationNotPosted, escalationPosted, type Escalation } from '../app/usecases/escalate.js';
import { when } from '../app/usecases/format.js';
import { attachment, card, text, type Card } from './cards.js';
import { refusedTagMention, statusOf } from './connectorRetry.js';
import { mention, people, rich, tagMention, type Rich } from './mentions.js';
import { reply } from './reply.js';
import { actorOf, requireAsker, type BotDeps, type Handler } from './turn.js';
import { typedArgs } from './itemCommands.js';
import { messageOf } from '../rotation/messageOf.js';
import type { EscalationShadowSender } from '../app/usecases/shadowEscalations.js';
import { sendShadowCard, shadowEscalationCard } from './shadowCards.js';

/** Who escalates what: the text of the post, with people mentions only. */
function escalationIntro(e: Escalation): Rich {
  return rich([`🚨 **Escalation #${e.item.n}** from `, mention(e.from), ` (${e.rotation.name}): ${e.item.text}`]);
}

/** ", on duty from Tue 1 Dec 20:00 GMT+1" for people who come on duty later (an `hours` gap), else nothing. */
const fromText = (at: number | undefined, zone: string, now: number): string => (at !== undefined ? `, on duty from ${when(at, zone, now)}` : '');

/**
 * The card under it names whom it goes to, with the tag: Teams reads a tag mention's `mentioned.type`, which the
 * Connector client's activity schema drops from the activity's own entities but keeps in a card's (as the handoff).
 */
function escalationCard(e: Escalation, withTag: boolean, now: number): Card {
  const who = e.to.length ? people(e.to) : rich([`nobody is on duty in ${e.escalation.name} right now`]);
  const tag = withTag && e.tag ? tagMention(e.tag) : undefined;
  const line = rich([who, ` (${e.escalation.name}${fromText(e.toFrom, e.escalation.timezone, now)})`, ...(tag ? [' ', tag] : []), `: please take a look. Say "item ${e.item.n}" to follow it.`]);
  return card([text(`Escalation #${e.item.n}: ${e.rotation.name}`, { weight: 'Bolder' }), text(e.item.text), text(line.text)], { mentions: line.entities });
}

/** Sends a shadow the escalation's card (without the tag: Teams accepts tag mentions in channels only), marked as shadowing. */
export const escalationShadowSender = (deps: BotDeps): EscalationShadowSender => (e, to) =>
  sendShadowCard(deps, to, shadowEscalationCard(e, escalationCard(e, false, deps.clock())));

/** Posts as a new thread in the channel, as the handoff does; a refused tag mention is left out and the post goes again (refusedTagMention). The outcome is recorded either way. */
async function post(deps: BotDeps, e: Escalation): Promise<string | undefined> {
  const where = e.channel!;
  const intro = escalationIntro(e);
  const now = deps.clock();
  const send = (withTag: boolean) =>
    deps.messenger.startThread(where.conversation.reference, where.channelId, where.conversation.tenantId, {
      text: intro.text, entities: intro.entities, textFormat: 'markdown', attachments: [attachment(escalationCard(e, withTag, now))],
    });
  try {
    const sent = await send(true).catch((err: unknown) => {
      const status = statusOf(err);
      if (e.tag && refusedTagMention(status)) return send(false);
      throw err;
    });
    await escalationPosted(deps.chat, e, sent, now, { send: escalationShadowSender(deps), log: deps.log });
    return undefined;
  } catch (err) {
    const reason = `Teams refused the post: ${messageOf(err)}`;
    deps.log.warn({ rotation: e.rotation.id, item: e.item.n, err: messageOf(err) }, 'could not post an escalation');
    await escalationNotPosted(deps.chat, e.key, reason, now);
    return reason;
  }
}

/** `escalate [rotation] <what>`: recorded as an open item, posted to the rotation's channel with the mentions. */
export const escalate: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  const actor = actorOf(me, deps);
  await reply(context, await escalateItem(deps.chat, actor, typedArgs(context, args)), async (e) => {
    const notPosted = e.notPosted ?? (await post(deps, e));
    const to = rich([e.to.length ? people(e.to) : 'nobody (no one is on duty there within a week)', ` (${e.escalation.name}${fromText(e.toFrom, e.escalation.timezone, actor.now)})`]);
    if (notPosted) return rich([`Recorded as **#${e.item.n}**, escalated to `, to, `, but I could not post it to the channel: ${notPosted}. Tell them directly.`]);
    // The asker holds it only when on duty; otherwise the person on duty (or next on duty) does (newHolder), as `item add` says.
    const onDuty = e.holderFrom !== undefined ? `${fromText(e.holderFrom, e.rotation.timezone, actor.now)},` : ', on duty now,';
    const held = e.item.holder.email === e.from.email ? [`You hold it${e.holderFrom !== undefined ? onDuty : ''}`] : ['Held by ', mention(e.item.holder), onDuty];
    return rich([`Escalated as **#${e.item.n}** to `, to, `: posted in ${e.rotation.name}'s channel. `, ...held, ` until it is closed ("item done ${e.item.n}").`]);
  });
};
