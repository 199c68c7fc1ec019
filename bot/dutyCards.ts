import type { PersonRef } from '../app/usecases/context.js';
import { channelConversation } from '../app/usecases/conversations.js';
import type { DutyCardView, DutyPoster } from '../app/usecases/dutyCards.js';
import { clockAt, dutyStateText, lateText } from '../app/usecases/dutyText.js';
import { when } from '../app/usecases/format.js';
import { attachment, card, execute, text, type Card } from './cards.js';
import { mention, rich, shownName } from './mentions.js';
import { sendPersonally } from './posts.js';
import type { BotDeps } from './turn.js';
import { sendShadowCard, shadowCopyOf } from './shadowCards.js';

/** Teams' Action.Execute with no inputs sent along: Done and Snooze must not be held up by Skip's required reason. */
const withoutInputs = (action: Record<string, unknown>) => ({ ...action, associatedInputs: 'none', fallback: { ...(action.fallback as object), associatedInputs: 'none' } });

/** The state line of an answered or snoozed card: who did what and when. */
function stateLine(v: DutyCardView): string | undefined {
  const zone = v.data.rotation.timezone;
  const said = dutyStateText(v, zone);
  if (v.status === 'done') return `✅ ${capital(said)}`;
  if (v.status === 'skipped') return `⏭ ${capital(said)}`;
  if (v.status === 'snoozed') return `💤 ${capital(said)} by ${v.snoozedBy ? shownName(v.snoozedBy) : 'someone'}`;
  if (v.status === 'missed') return '❌ Missed: nobody marked it done or skipped in time';
  return undefined;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A duty card: the task, its link, when it was due, who it is for, and Done / Skip (with a reason) / Snooze. */
export function dutyCard(v: DutyCardView): Card {
  const { occurrence: o, rotation } = v.data;
  const zone = rotation.timezone;
  const who = rich(v.assignees.map(mention), ', ');
  const body: unknown[] = [
    text(`Duty · ${rotation.name}`, { isSubtle: true, size: 'Small' }),
    text(o.task, { size: 'Large', weight: 'Bolder' }),
    text(`Due ${when(o.at, zone)}${who.text ? ` · for ${who.text}` : ''}`),
  ];
  if (v.late) body.push(text(`⚠ ${lateText(o.at, zone)}`, { color: 'Warning' }));
  if (v.back) body.push(text(`Back from a snooze by ${shownName(v.back.by)} at ${clockAt(v.back.at, zone)}.`, { isSubtle: true }));
  const line = stateLine(v);
  if (line) body.push(text(line, { weight: 'Bolder' }));
  const open = v.status === 'open' || v.status === 'snoozed' || v.status === 'upcoming';
  const actions: unknown[] = o.link ? [{ type: 'Action.OpenUrl', title: 'Open link', url: o.link }] : [];
  if (open) {
    body.push({ type: 'Input.Text', id: 'reason', label: 'Reason to skip', placeholder: 'Why it is skipped (needed for Skip)', maxLength: 500, isRequired: true, errorMessage: 'Write why the duty is skipped.' });
    actions.push(
      withoutInputs(execute('Done', 'duty.done', { key: o.key }, 'positive')),
      execute('Skip', 'duty.skip', { key: o.key }, 'destructive'),
      withoutInputs(execute('Snooze 15 min', 'duty.snooze', { key: o.key, minutes: 15 })),
      withoutInputs(execute('Snooze 1 h', 'duty.snooze', { key: o.key, minutes: 60 })),
    );
  }
  return card(body, { actions, mentions: who.entities });
}

/** Sends the duties job's cards: personally (opening a 1:1 chat when Rota can), or as a thread in the channel. */
export class BotDutyPoster implements DutyPoster {
  constructor(private readonly deps: BotDeps) {}

  async sendToPerson(view: DutyCardView, to: PersonRef) {
    return sendPersonally(this.deps, to.email, { attachments: [attachment(dutyCard(view))] }, 'any');
  }

  sendShadowCopy(view: DutyCardView, to: PersonRef) {
    return sendShadowCard(this.deps, to, shadowCopyOf(dutyCard(view), view.data.rotation.name));
  }

  async postToChannel(view: DutyCardView, channel: { team: string; id: string }) {
    const via = await channelConversation(this.deps.chat, channel);
    if (!via) return undefined;
    const intro = rich([`Duty for ${view.data.rotation.name}: `, rich(view.assignees.map(mention), ', ')]);
    return this.deps.messenger.startThread(via.reference, channel.id, via.tenantId, { text: intro.text, entities: intro.entities, attachments: [attachment(dutyCard(view))] });
  }
}
