import type { Attachment } from 'botbuilder';
import type { HandoffCardView } from '../app/usecases/handoffPosts.js';
import { MAX_HANDOVER_ITEMS_TEXT, MAX_HANDOVER_NOTES } from '../app/usecases/handoverForms.js';
import type { SwapCardView } from '../app/usecases/swapCards.js';
import { when } from '../app/usecases/format.js';
import type { ScheduleView } from '../app/usecases/queries.js';
import { COMMANDS } from './commands.js';
import { mention, rich, shownName, tagMention, type Rich } from './mentions.js';
import { dutyRecordLines, dutyRecordTexts } from './handoffDutiesCard.js';

/** Teams renders Adaptive Cards up to 1.5; every card Rota sends says so. */
export const CARD_VERSION = '1.5';
export type Card = Record<string, unknown> & { type: 'AdaptiveCard'; version: string; body: unknown[] };

export function attachment(card: Card): Attachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}

export function card(body: unknown[], options: { actions?: unknown[]; mentions?: Rich['entities'] } = {}): Card {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(options.actions?.length ? { actions: options.actions } : {}),
    // Mentions inside a card are declared in the card itself, not on the activity.
    ...(options.mentions?.length ? { msteams: { entities: options.mentions, width: 'Full' } } : { msteams: { width: 'Full' } }),
  };
}

export const text = (t: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: t, wrap: true, ...extra });

/**
 * A Universal Action (Teams sends it as an `adaptiveCard/action` invoke). Clients without Universal Actions fall
 * back to Action.Submit with the same verb and data, which arrives as a message with a `value`.
 */
export function execute(title: string, verb: string, data: Record<string, unknown>, style?: 'positive' | 'destructive'): Record<string, unknown> {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title, data: { ...data, verb } },
  };
}

export function helpCard(intro = 'Rota keeps your on-call rotations. Ask me:'): Card {
  const rows = COMMANDS.filter((c) => c.ready).map((c) => ({ title: c.usage, value: c.description }));
  return card([
    text('Rota', { size: 'Large', weight: 'Bolder' }),
    text(intro),
    { type: 'FactSet', facts: rows },
    text('In a channel, @mention me first. Reminders before your shifts are on; say **remind off** to stop them. Admins: **subscribe [rotation]** in a channel sends that rotation\'s handoffs there.', { isSubtle: true, size: 'Small' }),
  ]);
}

/** Rows one rotation's table shows before it says how many more there are (Teams cards are at most 28 KB). */
export const MAX_TABLE_ROWS = 40;

/**
 * What a card may weigh as JSON (UTF-8). Teams refuses messages over about 28 KB (40 KB counted as UTF-16 in "Format
 * your bot messages"); a table of long names gets there long before MAX_TABLE_ROWS, so it is cut to fit.
 */
export const CARD_BUDGET_BYTES = 16 * 1024;

/** The schedule as a table: one row per stretch, overrides and conflicts marked; as many rows as fit the budget. */
export function scheduleCard(views: ScheduleView[], title: string, now?: number): Card {
  let rows = MAX_TABLE_ROWS;
  let built = scheduleCardOf(views, title, rows, now);
  for (let size = jsonBytes(built); size > CARD_BUDGET_BYTES && rows > 1; size = jsonBytes(built)) {
    rows = Math.max(1, Math.min(rows - 1, Math.floor((rows * CARD_BUDGET_BYTES) / size)));
    built = scheduleCardOf(views, title, rows, now);
  }
  return built;
}

const jsonBytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x), 'utf8');

function scheduleCardOf(views: ScheduleView[], title: string, maxRows: number, now?: number): Card {
  const body: unknown[] = [text(title, { size: 'Large', weight: 'Bolder' })];
  const mentions: Rich[] = [];
  for (const v of views) {
    body.push(text(`${v.rotation.name} (${v.rotation.id}, ${v.rotation.timezone})`, { weight: 'Bolder', spacing: 'Medium' }));
    if (v.segments.length === 0) {
      body.push(text('No one is on duty in this stretch.', { isSubtle: true }));
      continue;
    }
    const header = ['From', 'Until', 'On duty', 'Note'];
    const rows = v.segments.slice(0, maxRows).map((s) => {
      const who = rich(s.members.map(mention), ', ');
      mentions.push(who);
      const shown = new Map(s.members.map((m) => [m.email, shownName(m)]));
      const notes = [
        s.source === 'override' ? '✎ override' : '',
        s.conflict ? '⚠ conflict' : '',
        ...(s.alsoOn ?? []).map((a) => `⚠ ${shown.get(a.member) ?? a.member} also on ${a.rotation}`),
      ].filter(Boolean).join(' ');
      return [when(s.start, v.rotation.timezone, now), when(s.end, v.rotation.timezone, now), who.text, notes];
    });
    body.push({
      type: 'Table',
      firstRowAsHeader: true,
      showGridLines: true,
      columns: [{ width: 3 }, { width: 3 }, { width: 3 }, { width: 2 }],
      rows: [header, ...rows].map((cells, i) => ({
        type: 'TableRow',
        ...(i === 0 ? { style: 'accent' } : {}),
        cells: cells.map((c) => ({ type: 'TableCell', items: [text(c || ' ', i === 0 ? { weight: 'Bolder' } : {})] })),
      })),
    });
    const more = v.segments.length - maxRows;
    if (more > 0) body.push(text(`…and ${more} more stretches of ${v.rotation.name}: ask for fewer weeks ("schedule ${v.rotation.id} 2 weeks").`, { isSubtle: true }));
  }
  body.push(text('✎ override: someone covers or swapped. ⚠ conflict: on duty although away or nobody else was free. ⚠ also on: on duty in two rotations at once.', { isSubtle: true, size: 'Small' }));
  return card(body, { mentions: rich(mentions).entities });
}

/** The swap proposal; with `actions` for the person who decides, and the outcome once decided. */
export function swapCard(s: SwapCardView, withActions: boolean): Card {
  const p = mention(s.proposer);
  const c = mention(s.counterpart);
  const z = s.rotation.timezone;
  const at = (t: number) => when(t, z, s.now);
  const body: unknown[] = [
    text(`Swap in ${s.rotation.name}`, { size: 'Large', weight: 'Bolder' }),
    text(`${p.text} proposes to swap with ${c.text}:`),
    {
      type: 'FactSet',
      facts: [
        { title: `${shownName(s.counterpart)} takes`, value: `${at(s.mine.start)} – ${at(s.mine.end)}` },
        { title: `${shownName(s.proposer)} takes`, value: `${at(s.theirs.start)} – ${at(s.theirs.end)}` },
      ],
    },
    ...(s.warnings ?? []).map((w) => text(`⚠ ${w}`, { color: 'Attention' })),
  ];
  const outcome: Record<typeof s.state, string> = {
    proposed: `Waiting for ${shownName(s.counterpart)} until ${at(s.expiresAt)}.`,
    accepted: `✅ Accepted${s.decidedAt ? ` at ${at(s.decidedAt)}` : ''}: both shifts are changed.`,
    declined: `❌ Declined${s.decidedAt ? ` at ${at(s.decidedAt)}` : ''}: nothing changed.`,
    expired: '⌛ Expired: nothing changed.',
    cancelled: 'Cancelled: the shifts are as they were before the swap.',
  };
  body.push(text(outcome[s.state], { weight: 'Bolder' }));
  const actions =
    withActions && s.state === 'proposed'
      ? [execute('Accept', 'swap.accept', { swapId: s.swapId }, 'positive'), execute('Decline', 'swap.decline', { swapId: s.swapId }, 'destructive')]
      : [];
  return card(body, { actions, mentions: rich([p, c]).entities });
}

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

/** The handover form for the person on duty: notes and open items (one per line). */
export function handoverForm(rotation: { id: string; name: string }, existing?: { notes: string; openItems: string[] }): Card {
  return card(
    [
      text(`Handover: ${rotation.name}`, { size: 'Large', weight: 'Bolder' }),
      text('What should the next person know? This goes on the handoff card in the channel.'),
      { type: 'Input.Text', id: 'notes', label: 'Notes', isMultiline: true, value: existing?.notes ?? '', maxLength: MAX_HANDOVER_NOTES },
      { type: 'Input.Text', id: 'openItems', label: 'Open items (one per line)', isMultiline: true, value: existing?.openItems.join('\n') ?? '', maxLength: MAX_HANDOVER_ITEMS_TEXT },
    ],
    { actions: [execute('Save handover', 'handover.save', { rotationId: rotation.id }, 'positive')] },
  );
}

/** A card that just says something (the answer to a card action). */
export function noticeCard(message: string): Card {
  return card([text(message)]);
}
