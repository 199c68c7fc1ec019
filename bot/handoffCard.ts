import type { HandoffCardView } from '../app/usecases/handoffPosts.js';
import { when } from '../app/usecases/format.js';
import { card, CARD_BUDGET_BYTES, execute, jsonBytes, text, type Card } from './cards.js';
import { dutyRecordLines, dutyRecordTexts } from './handoffDutiesCard.js';
import { mention, rich, shownName, tagMention } from './mentions.js';

/**
 * Posted to the rotation's channel at each handoff: outgoing → incoming, the handover, the shift's duty record,
 * escalation, "I've got it". Notes, open items and the duty record are cut to the card's byte budget (4,000 CJK characters alone are 12 KB), saying so.
 */
export function handoffCard(h: HandoffCardView): Card {
  const all: Texts = {
    notes: [...(h.notes?.trim() ?? '')],
    items: [...h.openItems.map((i) => `- ${i}`).join('\n')],
    passing: [...(h.passingItems?.items ?? []).map((i) => `- #${i.n} ${i.text}`).join('\n')],
  };
  let keep: Kept = { notes: all.notes.length, items: all.items.length, passing: all.passing.length, duties: dutyRecordLines(h).length };
  let built = handoffCardOf(h, all, keep);
  for (let size = jsonBytes(built); size > CARD_BUDGET_BYTES && keep.notes + keep.items + keep.passing + keep.duties > 0; size = jsonBytes(built)) {
    const shrink = (k: number) => Math.max(0, Math.min(k - 1, Math.floor((k * CARD_BUDGET_BYTES) / size)));
    keep = { notes: shrink(keep.notes), items: shrink(keep.items), passing: shrink(keep.passing), duties: shrink(keep.duties) };
    built = handoffCardOf(h, all, keep);
  }
  return built;
}

type Texts = { notes: string[]; items: string[]; passing: string[] };
/** Characters of notes, open items and items passing kept; lines of the duty record kept. */
type Kept = { notes: number; items: number; passing: number; duties: number };

function handoffCardOf(h: HandoffCardView, all: Texts, keep: Kept): Card {
  const out = rich(h.outgoing.map(mention), ', ');
  const inc = rich(h.incoming.map(mention), ', ');
  const esc = h.escalation ? rich(h.escalation.members.map(mention), ', ') : undefined;
  const tag = h.tag ? tagMention(h.tag) : undefined;
  const passTo = h.passingItems && all.passing.length ? mention(h.passingItems.to) : undefined;
  const askFor = h.outgoing.map(shownName).join(', ') || 'the outgoing person';
  const cut = (chars: string[], kept: number, what: string) =>
    kept >= chars.length ? chars.join('') : `${chars.slice(0, kept).join('')}…\n\n_(${(chars.length - kept).toLocaleString('en-US')} more characters of the ${what} do not fit in a Teams card: ask ${askFor} for the rest.)_`;
  const body: unknown[] = [
    text(`Handoff: ${h.rotation.name}`, { size: 'Large', weight: 'Bolder' }),
    text(`${out.text || 'nobody'} → ${inc.text || 'nobody'}${tag ? ` (${tag.text})` : ''} at ${when(h.at, h.rotation.timezone)}`),
  ];
  if (h.notesLeftOut) body.push(text(`_The handover notes and open items were left out: ${h.notesLeftOut.reason}. Ask ${askFor} for them._`, { spacing: 'Medium' }));
  else {
    body.push(text('**Notes**', { spacing: 'Medium' }), text(all.notes.length ? cut(all.notes, keep.notes, 'notes') : '_No handover notes were written._'));
    if (all.items.length) body.push(text('**Open items**'), text(cut(all.items, keep.items, 'open items')));
    // The items Rota tracks (item add, escalate): they change hands with the shift; "I've got it" accepts them.
    if (passTo) body.push(text(`**Open items passing to ${passTo.text}**`), text(cut(all.passing, keep.passing, 'items passing')));
    // Several come on duty: the items go to the first on the roster (app/usecases/itemHandoffs.ts passRecipient).
    const others = passTo ? h.incoming.filter((p) => p.email !== h.passingItems!.to.email) : [];
    if (others.length) body.push(text(`_They go to the first incoming person on the roster; ${others.map(shownName).join(', ')} can ask for one with "item take <n>"._`, { isSubtle: true }));
    body.push(...dutyRecordTexts(h, keep.duties).map((t) => text(t)));
  }
  if (h.escalation && esc) body.push(text(`Escalation: ${h.escalation.name}: ${esc.text || 'nobody'}`, { isSubtle: true }));
  const ack = h.ackedBy ? mention(h.ackedBy) : undefined;
  if (ack) body.push(text(`✅ Acknowledged by ${ack.text} at ${when(h.ackedAt!, h.rotation.timezone)}`, { weight: 'Bolder' }));
  const actions = ack ? [] : [execute("I've got it", 'handoff.ack', { key: h.key }, 'positive')];
  return card(body, { actions, mentions: rich([out, inc, ...(esc ? [esc] : []), ...(tag ? [tag] : []), ...(passTo ? [passTo] : []), ...(ack ? [ack] : [])]).entities });
}
