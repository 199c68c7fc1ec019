import { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import { cover as coverChange, coverRange, dutyNowOf, type CoverResult, proposeSwap, subscribeChannel, subscriptionTarget } from '../app/usecases/changes.js';
import { personRefs, type PersonRef } from '../app/usecases/context.js';
import { resolveAccount } from './identity.js';
import { card, execute, handoverForm, noticeCard, swapCard, text, type Card } from './cards.js';
import { when } from '../app/usecases/format.js';
import { doubleBookedLines, MAX_LINES } from './timeOffCommands.js';
import { mention, mentionedPeople, people, rich, shownName, type Rich } from './mentions.js';
import { asker, conversationRecord, emailsIn, requireAsker, say, sendCard, withoutEmails, type BotDeps, type Handler } from './turn.js';
import { formatLeads } from '../app/usecases/reminderLeads.js';
import { remindCommand } from '../app/usecases/reminderSettings.js';
import { referenceFor } from './Messenger.js';

/** The person a change is about: the first @mention (not the bot), else an e-mail address in the text. */
async function otherPerson(context: TurnContext, args: string, deps: BotDeps): Promise<PersonRef | undefined> {
  const [m] = mentionedPeople(context.activity);
  if (m) return resolveAccount(context, deps.chat.stores.people, { id: m.id, name: m.name }, deps.clock(), deps.log);
  const [email] = emailsIn(args);
  return email ? (await personRefs(deps.chat.stores.people, [email])).get(email) : undefined;
}

/** The asker and the person the change is about; undefined once the asker has been told what is missing. */
async function askerAndOther(context: TurnContext, args: string, deps: BotDeps, whom: string): Promise<{ me: PersonRef; other: PersonRef } | undefined> {
  const me = await requireAsker(context, deps);
  if (!me) return undefined;
  const other = await otherPerson(context, args, deps);
  if (!other) {
    await say(context, whom);
    return undefined;
  }
  return { me, other };
}

export const cover: Handler = async (context, args, deps) => {
  const pair = await askerAndOther(context, args, deps, 'Who covers? Mention them: cover @person 2026-03-10 09:00 to 2026-03-10 17:00');
  if (!pair) return;
  const { me, other: who } = pair;
  const now = deps.clock();
  const done = await coverChange(deps.chat, { email: me.email, now }, who.email, withoutEmails(args));
  if (!done.ok) return say(context, done.error);
  if (!done.value.written) {
    await sendCard(context, coverConfirmCard(done.value, who, now));
    return;
  }
  await say(context, await coverReply(done.value, who, deps, now));
};

function coverConfirmCard(r: CoverResult, who: PersonRef, now: number): Card {
  const z = r.rotation.timezone;
  const o = r.override;
  return card(
    [
      text(`Record this cover in ${r.rotation.name}?`, { weight: 'Bolder' }),
      text(`${shownName(who)} covers ${when(o.start, z, now)} – ${when(o.end, z, now)}: ${r.days} days. Long ranges are confirmed first, in case of a typo in a date.`),
    ],
    { actions: [execute('Record it', 'cover.confirm', { member: o.member, rotationId: o.rotationId, from: o.start, to: o.end }, 'positive'), execute('Cancel', 'cover.drop', {})] },
  );
}

const coverData = z.object({ member: z.string().min(1), rotationId: z.string().min(1), from: z.number(), to: z.number() });

/** "Record it" on a long cover's confirmation card: the same checks again, on exactly the instants shown. */
export async function confirmCover(context: TurnContext, data: Record<string, unknown>, deps: BotDeps): Promise<{ card: Card } | { message: string }> {
  const ask = coverData.parse(data);
  const me = await asker(context, deps);
  if (!me) return { message: 'I could not tell who you are; please try again.' };
  const now = deps.clock();
  const done = await coverRange(deps.chat, { email: me.email, now }, { ...ask }, true);
  if (!done.ok) return { message: done.error };
  const who = (await personRefs(deps.chat.stores.people, [ask.member])).get(ask.member)!;
  await say(context, await coverReply(done.value, who, deps, now));
  return { card: noticeCard(`Cover recorded in ${done.value.rotation.name}.`) };
}

/** Exactly which stretches changed hands and from whom; what someone else keeps; the double bookings made. */
async function coverReply(r: CoverResult, who: PersonRef, deps: BotDeps, now: number): Promise<Rich> {
  const { rotation, changed, unchanged, doubleBooked } = r;
  const z = rotation.timezone;
  const refs = await personRefs(deps.chat.stores.people, [...new Set([...changed, ...unchanged].flatMap((c) => [...c.before, ...c.after]))]);
  const names = (emails: string[]) => people(emails.map((e) => refs.get(e)!));
  const lines = changed.slice(0, MAX_LINES).map((c) => rich([`\n- ${when(c.start, z, now)} – ${when(c.end, z, now)}`, ...(c.before.length ? [' instead of ', names(c.before)] : [])]));
  const more = changed.length > MAX_LINES ? [`\n- …and ${changed.length - MAX_LINES} more: say "schedule ${rotation.id} 4 weeks" to see them.`] : [];
  const kept = unchanged.length
    ? [`\n\nNot changed, someone else is on duty there:`, ...unchanged.slice(0, MAX_LINES).map((c) => rich([`\n- ${when(c.start, z, now)} – ${when(c.end, z, now)}: `, names(c.before)]))]
    : [];
  const keptMore = unchanged.length > MAX_LINES ? [`\n- …and ${unchanged.length - MAX_LINES} more.`] : [];
  return rich([`Done: `, mention(who), ` covers **${rotation.name}**:`, ...lines, ...more, ...kept, ...keptMore, ...doubleBookedLines(doubleBooked, new Map([[who.email, who]]), now)]);
}

export const swap: Handler = async (context, args, deps) => {
  const pair = await askerAndOther(context, args, deps, 'Swap with whom? Mention them: swap next with @person');
  if (!pair) return;
  const { me, other } = pair;
  const proposal = await proposeSwap(deps.chat, { email: me.email, now: deps.clock() }, other.email, withoutEmails(args));
  if (!proposal.ok) return say(context, proposal.error);
  const { swap: s, rotation, mine, theirs, doubleBooked } = proposal.value;
  const now = deps.clock();
  const named = new Map([me, other].map((p) => [p.email, shownName(p)]));
  const warnings = doubleBooked.map((b) => `${named.get(b.member) ?? b.member} would be on duty in both ${b.names[0]} and ${b.names[1]} ${when(b.start, b.zone, now)} – ${when(b.end, b.zone, now)}`);
  const input = { swapId: s.id, rotation, proposer: me, counterpart: other, mine, theirs, state: 'proposed' as const, expiresAt: s.expiresAt, warnings, now };
  const delivered = await deliverToCounterpart(context, deps, other, swapCard(input, true));
  if (!delivered) {
    await say(context, rich(['I cannot reach ', mention(other), ' in a personal chat yet; ask them to say hello to me once, then propose again.']));
    return;
  }
  await deps.chat.stores.swaps.setSwapCard(s.id, other.email, delivered);
  const mineId = await sendCard(context, swapCard(input, false));
  const here = conversationRecord(context.activity).conversationId;
  if (mineId) await deps.chat.stores.swaps.setSwapCard(s.id, me.email, { conversationId: here, activityId: mineId });
};

/** The counterpart's personal chat: a stored one, else a new 1:1 created through the connector. */
async function deliverToCounterpart(context: TurnContext, deps: BotDeps, other: PersonRef, card: ReturnType<typeof swapCard>) {
  const activity = { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
  const stored = await deps.chat.stores.conversations.personalConversation(other.email);
  if (stored) {
    const sent = await deps.messenger.send(stored.reference, activity);
    return sent.activityId ? { conversationId: sent.conversationId, activityId: sent.activityId } : undefined;
  }
  if (!other.teamsId) return undefined;
  const here = conversationRecord(context.activity);
  const sent = await deps.messenger.sendPersonal(referenceFor(here.reference, here.conversationId), { teamsId: other.teamsId }, here.tenantId, activity);
  await deps.chat.stores.conversations.saveConversation(
    { conversationId: sent.conversationId, kind: 'personal', ...(here.tenantId ? { tenantId: here.tenantId } : {}), userEmail: other.email, reference: sent.reference as Record<string, unknown> },
    deps.clock(),
  );
  return sent.activityId ? { conversationId: sent.conversationId, activityId: sent.activityId } : undefined;
}

export const handover: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  const duty = await dutyNowOf(deps.chat, me.email, deps.clock(), args || undefined);
  if (!duty.ok) return say(context, duty.error);
  for (const d of duty.value) {
    const existing = await deps.chat.stores.handovers.handover(d.rotation.id, d.shiftStart);
    await sendCard(context, handoverForm(d.rotation, existing));
  }
};

/** `remind`, `remind on|off`, `remind 2h`, `remind 1d 2h`: the decision and the write are app/'s. */
export const remind: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  const done = await remindCommand(deps.chat, { email: me.email, now: deps.clock() }, args);
  if (!done.ok) return say(context, done.error);
  const { setting, changed } = done.value;
  const ahead = `${formatLeads(setting.leads)} before each of your on-duty stretches`;
  if (!setting.on) return say(context, changed ? 'Reminders are off. Say "remind on" to get them again.' : 'Reminders are **off**. Say "remind on" (24 h ahead) or "remind 2h" to choose the lead time.');
  await say(context, changed ? `Reminders are on: I will message you ${ahead}.` : `Reminders are **on**: ${ahead}. Say "remind 2h", "remind 1d 2h" or "remind off".`);
};

/** `subscribe [rotation]` in a channel: this channel receives the rotation's handoff posts (admins only). */
export const subscribe: Handler = async (context, args, deps) => {
  const here = conversationRecord(context.activity);
  const channelId = (context.activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? here.conversationId;
  if (here.kind !== 'channel' || !here.teamId) return say(context, 'Say this in the team channel that should receive the handoff posts: @Rota subscribe ops');
  const me = await requireAsker(context, deps);
  if (!me) return;
  const target = await subscriptionTarget(deps.chat, me.email, args);
  if (!target.ok) return say(context, target.error);
  const rotation = target.value;
  await deps.chat.stores.conversations.saveConversation({ ...here, conversationId: channelId, kind: 'channel' }, deps.clock());
  await subscribeChannel(deps.chat, { email: me.email, now: deps.clock() }, rotation, { team: here.teamId, id: channelId });
  await say(context, `This channel now receives the handoff posts of **${rotation.name}**.`);
};
