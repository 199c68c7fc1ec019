import { TEAM_1, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { cardsIn } from '../helpers/cardCheck.js';

/** Op of the Week in Amsterdam, a day each (Alice, Bob, …) from Mon 23 Mar 2026, with both checks. */
export const CHECKS_FILE = `timezone: Europe/Amsterdam
admins: [erin@contoso.com]
rotations:
  - id: ops
    name: Op of the Week
    start: 2026-03-23
    every: 1d
    handoff: "08:00"
    members: [alice@contoso.com, bob@contoso.com]
    channel: { team: ${TEAM_1.groupId}, id: "19:ops@thread.tacv2" }
    morningCheck: "09:00"
    eveningCheck: "17:30"
`;

/** Sat 28 Mar 2026, 08:30 in Amsterdam (CET, UTC+1): Bob has the day. */
export const SAT_0830 = Date.parse('2026-03-28T07:30:00Z');

type CardJson = { body?: Array<{ type?: string; text?: string }> };

/** The TextBlocks of a card, in order. */
export const cardTexts = (card: unknown): string[] =>
  ((card as CardJson).body ?? []).filter((b) => b.type === 'TextBlock').map((b) => b.text ?? '');

const titled = (card: unknown, title: string) => cardTexts(card)[0]?.startsWith(title) === true;

/** Cards titled `title` sent (not updated) into a conversation, with the conversation they went to. */
export function checkCards(sent: RecordedRequest[], title: string): Array<{ to: string; card: unknown }> {
  return sent.flatMap((r) => {
    const m = /^\/v3\/conversations\/([^/]+)\/activities$/.exec(r.path);
    if (r.method !== 'POST' || !m) return [];
    return cardsIn(r.body).filter((c) => titled(c, title)).map((card) => ({ to: decodeURIComponent(m[1]!), card }));
  });
}

/** Evening check posts that started a channel thread (the status, or the open items not answered). */
export function channelTexts(sent: RecordedRequest[]): string[] {
  return sent.flatMap((r) => {
    const activity = r.method === 'POST' && r.path === '/v3/conversations' ? (r.body.activity as { text?: unknown } | undefined) : undefined;
    return typeof activity?.text === 'string' && activity.text.startsWith('Evening check') ? [activity.text] : [];
  });
}

/** Evening forms updated in place (PUT of the activity). */
export function formUpdates(sent: RecordedRequest[]): unknown[] {
  return sent.filter((r) => r.method === 'PUT').flatMap((r) => cardsIn(r.body).filter((c) => titled(c, 'Evening check')));
}
