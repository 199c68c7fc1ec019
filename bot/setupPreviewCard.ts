import { when } from '../app/usecases/format.js';
import { limitedLines } from '../app/usecases/movePreview.js';
import type { SetupPreview } from '../app/usecases/setup.js';
import { card, execute, text, type Card } from './cards.js';

/** Shift lines on the card at most: a roster change can move every shift of the horizon, and the card must stay small. */
export const PREVIEW_LINES = 30;

const MODE_WORDS = {
  now: 'now (who is on duty and stays keeps the shift in progress; anyone removed stops now)',
  'next-handoff': 'at the next handoff',
  'next-cycle': 'once everyone in the current order has had their turn',
} as const;

/**
 * Before an edit that moves shifts is saved: when it takes effect, and per person the shifts that would move
 * (before → after) within the preview's horizon. "Save rotation" sends the form's values back, confirmed.
 */
export function setupPreviewCard(p: SetupPreview): Card {
  const zone = p.rotation.timezone;
  const body: unknown[] = [
    text(`Save these changes to ${p.rotation.name} (${p.rotation.id})?`, { size: 'Large', weight: 'Bolder' }),
    ...(p.changedSinceShown ? [text('Nothing was saved: the shifts this edit moves changed since the last preview (a handoff passed, or someone else edited the rotation). Here is what it would do now.', { color: 'Attention' })] : []),
    text(`**Takes effect** ${MODE_WORDS[p.mode]}: ${when(p.effectiveFrom, zone, p.moves.from)}.`),
    text(`These shifts would move (until ${when(p.moves.to, zone, p.moves.from)}):`),
  ];
  const { people, more } = limitedLines(p.moves, PREVIEW_LINES);
  for (const person of people) body.push(text(`**${person.member}**`, { spacing: 'Small' }), text(person.lines.map((l) => `- ${l}`).join('\n'), { spacing: 'None' }));
  if (more > 0) body.push(text(`…and ${more} more.`, { isSubtle: true }));
  body.push(text(`To change something first, say **setup ${p.rotation.id}** again; nothing is saved until you press Save rotation.`, { isSubtle: true, size: 'Small' }));
  const { duties, morningCheck, eveningCheck, ...rest } = p.values;
  const checklist = duties === undefined ? {} : { checklist: true, duties, morningCheck: morningCheck ?? '', eveningCheck: eveningCheck ?? '' };
  const members = rest.members === undefined ? { keepMembers: true } : { members: rest.members.join(',') };
  return card(body, { actions: [execute('Save rotation', 'setup.save', { ...rest, ...members, ...checklist, confirmed: p.values.confirmed }, 'positive')] });
}
