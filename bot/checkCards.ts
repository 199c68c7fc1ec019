import { itemLine, type ChannelCheckPost, type EveningFormView, type MorningCheckView } from '../app/usecases/checkPosts.js';
import { MAX_EVENING_STATUS } from '../app/usecases/checkEvening.js';
import { clockAt, dutyLineState } from '../app/usecases/dutyText.js';
import { day, when } from '../app/usecases/format.js';
import { card, execute, text, type Card } from './cards.js';
import { shownName } from './mentions.js';

const heading = (t: string) => text(`**${t}**`, { spacing: 'Medium' });
const lines = (xs: string[], none: string) => text(xs.length ? xs.join('\n\n') : none);

/** The personal morning summary: open items, today's duties, the previous shift's handover, what happened since the last check. */
export function morningCheckCard(v: MorningCheckView): Card {
  const z = v.rotation.timezone;
  const body: unknown[] = [text(`Morning check — ${v.rotation.name}, ${day(v.at, z)}`, { size: 'Large', weight: 'Bolder' })];
  if (v.late) body.push(text(`_Sent late: Rota was not running at ${clockAt(v.at, z)}._`, { isSubtle: true }));
  body.push(heading('Open items'), lines(v.openItems.map(itemLine), 'No open items.'));
  body.push(heading("Today's duties"), lines(v.duties.map((d) => `${clockAt(d.occurrence.at, z)} ${d.occurrence.task} — ${dutyLineState(d, z)}`), 'No duties today.'));
  if (!v.handover) body.push(heading('Handover'), text('No shift before this one.'));
  else {
    body.push(heading(`Handed over by ${v.handover.by.map(shownName).join(', ') || 'nobody'}`), text(v.handover.notes ?? '_No handover notes were written._'));
    if (v.handover.openItems.length) body.push(text(v.handover.openItems.map((i) => `- ${i}`).join('\n')));
  }
  body.push(heading(`Since the last check (${when(v.since, z)})`));
  const since = [
    ...v.opened.map((i) => `Opened: ${itemLine(i)}`),
    ...v.escalations.map((i) => `Escalated: ${itemLine(i)}${i.escalatedTo?.length ? ` → ${i.escalatedTo.map(shownName).join(', ')}` : ''}`),
    ...v.missed.map((d) => `Missed: ${day(d.occurrence.at, z)} ${clockAt(d.occurrence.at, z)} ${d.occurrence.task}`),
  ];
  body.push(lines(since, 'Nothing new: no items opened, no escalations, no duties missed.'));
  return card(body);
}

/** A Teams link to a channel post (the thread Rota started). */
const postLink = (p: NonNullable<EveningFormView['posted']>) =>
  p.activityId ? ` [Open the post](https://teams.microsoft.com/l/message/${encodeURIComponent(p.channelId)}/${encodeURIComponent(p.activityId)})` : '';

/** The evening check: a status form pre-filled with the open items; once answered (or not in time), what went to the channel. */
export function eveningCheckCard(v: EveningFormView): Card {
  const z = v.rotation.timezone;
  const body: unknown[] = [text(`Evening check — ${v.rotation.name}, ${day(v.at, z)}`, { size: 'Large', weight: 'Bolder' })];
  if (v.late) body.push(text(`_Sent late: Rota was not running at ${clockAt(v.at, z)}._`, { isSubtle: true }));
  if (v.state === 'answered') {
    const who = v.answeredBy ? shownName(v.answeredBy) : 'someone';
    const at = v.answeredAt ? ` at ${when(v.answeredAt, z)}` : '';
    if (v.notPosted) {
      // Rota tries again every 15 minutes today; the answerer may also post it again now (or change it first).
      body.push(text(`⚠ Answered by ${who}${at}, but not posted to the channel: ${v.notPosted}. Rota tries again every 15 minutes today, or post it again now.`, { color: 'Attention' }));
      body.push({ type: 'Input.Text', id: 'status', label: 'Status', isMultiline: true, value: v.status ?? '', maxLength: MAX_EVENING_STATUS });
      return card(body, { actions: [execute('Post to the channel again', 'check.evening.submit', { key: v.key }, 'positive')] });
    }
    body.push(
      text(`✅ Posted to the channel by ${who}${at}${v.answeredLate ? ' (late: after the open items were posted as not answered)' : ''}.${v.posted ? postLink(v.posted) : ''}`, { weight: 'Bolder' }),
      text(v.status ?? ''),
    );
    return card(body);
  }
  if (v.state === 'unanswered') {
    const at = v.unansweredAt ? ` at ${when(v.unansweredAt, z)}` : '';
    body.push(text(`⌛ Not answered within an hour: Rota posted the open items to the channel${at}.${v.posted ? postLink(v.posted) : ''} You can still post your status; it is marked late.`, { color: 'Attention' }));
  } else body.push(text("How did the day go, and what is still open? This goes to the rotation's channel."));
  body.push({ type: 'Input.Text', id: 'status', label: 'Status', isMultiline: true, value: v.prefill, maxLength: MAX_EVENING_STATUS });
  return card(body, { actions: [execute('Post to the channel', 'check.evening.submit', { key: v.key }, 'positive')] });
}

/** The channel post: a person's status, or the open items of a check nobody answered. Plain text: the status is theirs, as written. */
export function channelCheckText(p: ChannelCheckPost): string {
  const title = `Evening check — ${p.rotation.name}, ${day(p.at, p.rotation.timezone)}`;
  if (p.kind === 'status') return `${title}, by ${shownName(p.by)}${p.late ? ' (late, after the open items were posted as not answered)' : ''}: ${p.status}`;
  const items = p.openItems.length ? `Open items as they stand:\n${p.openItems.join('\n')}` : 'No open items.';
  const missed = p.unreached.map((u) => `${shownName(u.person)} (${u.reason})`).join(', ');
  if (p.askedOf.length) return `${title}: not answered by ${p.askedOf.map(shownName).join(', ')} within an hour.${missed ? ` The check could not reach ${missed}.` : ''} ${items}`;
  if (missed) return `${title}: the check could not reach ${missed}, so nobody answered it. ${items}`;
  return `${title}: the check reached nobody (${p.noOne ?? 'nobody is on duty'}). ${items}`;
}
