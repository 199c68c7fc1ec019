import type { Cancelled, ChangeItem, MovedBack, Span } from './changeItems.js';
import { when } from './format.js';

const span = (s: Span, zone: string) => `${when(s.start, zone)} – ${when(s.end, zone)}`;

/** One line for `my changes` and `rota changes`: what the change is and when, in its rotation's zone. */
export function describeItem(item: ChangeItem): string {
  switch (item.kind) {
    case 'time off':
      return `time off of ${item.timeOff.member}, ${span(item, item.zone)}`;
    case 'cover': {
      const o = item.override;
      return `cover in ${item.rotation.name}: ${o.member}${o.replaces ? ` instead of ${o.replaces}` : ''}, ${span(item, item.zone)}`;
    }
    case 'swap': {
      const s = item.swap;
      const trade = `${s.counterpart} takes ${span(item.mine, item.zone)}, ${s.proposer} takes ${span(item.theirs, item.zone)}`;
      return s.state === 'proposed'
        ? `swap proposed by ${s.proposer} in ${item.rotation.name}: ${trade} (waiting for ${s.counterpart} until ${when(s.expiresAt, item.zone)})`
        : `swap in ${item.rotation.name}: ${trade}`;
    }
  }
}

/** Said when later shifts changed hands too and were not listed. */
export const MORE = '…and later shifts go back to their earlier order too (see schedule).';

const names = (emails: string[]) => (emails.length ? emails.join(' and ') : 'nobody');

/** "Op of the Week Mon 7 Dec 12:00 GMT+1 – Mon 14 Dec 12:00 GMT+1 is alice@contoso.com's again (was bob@contoso.com)". */
export function describeMoved(m: MovedBack): string {
  return `${m.rotation.name} ${span(m, m.rotation.timezone)} is ${names(m.after)}'s again (was ${names(m.before)})`;
}

/** What a cancel did, in plain text (the CLI's answer; the chat renders the same with mentions). */
export function describeCancelled(c: Cancelled): string {
  const how = c.effect === 'removed' ? 'removed; it had not started' : 'ended now; the part before now stays';
  const head = `Cancelled ${describeItem(c.item)} (${how}).`;
  if (c.moved.length === 0) return `${head}\nNo shift changed hands.`;
  return [head, ...c.moved.map((m) => `- ${describeMoved(m)}`), ...(c.more ? [MORE] : [])].join('\n');
}
