import type { Attachment } from 'botbuilder';
import { MAX_HANDOVER_ITEMS_TEXT, MAX_HANDOVER_NOTES } from '../app/usecases/handoverForms.js';
import type { SwapCardView } from '../app/usecases/swapCards.js';
import { when } from '../app/usecases/format.js';
import type { ScheduleView } from '../app/usecases/queries.js';
import { COMMANDS } from './commands.js';
import { mention, rich, shownName, type Rich } from './mentions.js';

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

export const jsonBytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x), 'utf8');

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
