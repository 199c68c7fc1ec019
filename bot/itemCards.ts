import type { TakeOverView } from '../app/usecases/itemTakeOver.js';
import { when } from '../app/usecases/format.js';
import { card, execute, text } from './cards.js';
import { mention, rich, shownName } from './mentions.js';

/** The card the holder gets when someone asks to take an item over; with the buttons until it is answered. */
export function takeOverCard(v: TakeOverView, now: number): ReturnType<typeof card> {
  const zone = v.zone;
  const requester = mention(v.requester);
  const body: unknown[] = [
    text(`Take over #${v.item.n}?`, { size: 'Large', weight: 'Bolder' }),
    text(`${requester.text} wants to take over **#${v.item.n}** (${v.rotationName}): ${v.item.text}`),
    text(`Open since ${when(v.item.openedAt, zone, now)}.`, { isSubtle: true }),
  ];
  const decided = v.decidedAt !== undefined ? ` at ${when(v.decidedAt, zone, now)}` : '';
  const outcome: Record<TakeOverView['state'], string | undefined> = {
    asked: undefined,
    accepted: `✅ You let ${shownName(v.requester)} take it over${decided}: it is theirs now.`,
    declined: `You kept it${decided}; ${shownName(v.requester)} was told.`,
    stale: `#${v.item.n} ${v.item.closedAt !== undefined ? 'was closed' : `moved to ${shownName(v.item.holder)}`} since ${shownName(v.requester)} asked: nothing changed.`,
  };
  const said = outcome[v.state];
  if (said) body.push(text(said, { weight: 'Bolder' }));
  const actions = v.state === 'asked'
    ? [execute('Let them', 'item.take.accept', { requestId: v.requestId }, 'positive'), execute('Keep it', 'item.take.decline', { requestId: v.requestId })]
    : [];
  return card(body, { actions, mentions: rich([requester]).entities });
}
