import { describe, expect, it } from 'vitest';
import { handoverForm, helpCard, noticeCard, scheduleCard, swapCard } from '../../bot/cards.js';
import { handoffCard } from '../../bot/handoffCard.js';
import { setupFormCard, setupSavedCard } from '../../bot/setupCards.js';
import { cardProblems } from '../helpers/cardCheck.js';

const alice = { email: 'alice@contoso.com', displayName: 'Alice Archer', teamsId: '29:alice' };
const bob = { email: 'bob@contoso.com' };
const rotation = { id: 'ops', name: 'Op of the Week', timezone: 'Europe/Berlin' };
const T = Date.parse('2026-03-09T11:00:00Z');
const setupValues = { id: 'pay', name: 'Payments', members: ['alice@contoso.com', 'bob@contoso.com'], every: '1w', weekday: 'Tue', time: '10:00', timezone: 'Europe/Berlin', start: '2026-03-10', onDuty: '1' };

describe('every card Rota builds is Adaptive Card ≤ 1.5 that the adaptivecards parser accepts', () => {
  const swap = { swapId: 's1', rotation, proposer: alice, counterpart: bob, mine: { start: T, end: T + 1 }, theirs: { start: T + 2, end: T + 3 }, expiresAt: T };
  it.each([
    ['help', helpCard()],
    ['notice', noticeCard('Saved.')],
    ['handover form', handoverForm(rotation, { notes: 'n', openItems: ['a', 'b'] })],
    ['schedule', scheduleCard([{ rotation, segments: [{ start: T, end: T + 1, members: [alice, bob], source: 'override', conflict: true }] }, { rotation, segments: [] }], 'Schedule')],
    ['swap proposed, with actions', swapCard({ ...swap, state: 'proposed' }, true)],
    ['swap declined', swapCard({ ...swap, state: 'declined', decidedAt: T }, false)],
    ['handoff', handoffCard({ key: 'k', rotation, at: T, outgoing: [alice], incoming: [bob], openItems: ['x'], escalation: { name: 'Dev', members: [] } })],
    ['handoff with the synced tag', handoffCard({ key: 'k', rotation, at: T, outgoing: [alice], incoming: [bob], tag: { id: 'tag-1', name: 'ops-oncall' }, openItems: [] })],
    ['setup form in a channel', setupFormCard(setupValues, { dataset: 'graph.microsoft.com/users?scope=currentContext', current: [{ title: 'Alice Archer', value: 'aad-alice' }] })],
    ['setup form in the 1:1 chat, editing', setupFormCard({ ...setupValues, editing: 'pay' }, { dataset: 'graph.microsoft.com/users', current: [] })],
    ['setup saved', setupSavedCard({ rotation: { id: 'pay', name: 'Payments', timezone: 'Europe/Berlin', def: { id: 'pay', start: '2026-03-10', every: '1w', handoff: 'Tue 10:00', onDuty: 1, members: ['alice@contoso.com'] } }, action: 'updated', effectiveFrom: T, fields: ['members'] })],
    ['handoff acknowledged', handoffCard({ key: 'k', rotation, at: T, outgoing: [alice], incoming: [bob], openItems: [], ackedBy: bob, ackedAt: T })],
  ])('%s', (_name, card) => {
    expect(card.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
  });

  it('marks overrides and conflicts in the schedule table and declares mentions in the card', () => {
    const json = JSON.stringify(scheduleCard([{ rotation, segments: [{ start: T, end: T + 1, members: [alice], source: 'override', conflict: true }] }], 'S'));
    expect(json).toContain('✎ override ⚠ conflict');
    expect(json).toContain('"msteams":{"entities":[{"type":"mention","text":"<at>Alice Archer</at>","mentioned":{"id":"29:alice","name":"Alice Archer"}}]');
  });

  it('offers Action.Execute with an Action.Submit fallback, and no buttons once decided', () => {
    const proposed = swapCard({ ...swap, state: 'proposed' }, true) as { actions?: Array<{ type: string; fallback: { type: string } }> };
    expect(proposed.actions!.map((a) => [a.type, a.fallback.type])).toEqual([['Action.Execute', 'Action.Submit'], ['Action.Execute', 'Action.Submit']]);
    expect((swapCard({ ...swap, state: 'accepted' }, true) as { actions?: unknown }).actions).toBeUndefined();
  });

  it('mentions the synced tag as a tag mention', () => {
    const json = JSON.stringify(handoffCard({ key: 'k', rotation, at: T, outgoing: [alice], incoming: [bob], tag: { id: 'tag-1', name: 'ops-oncall' }, openItems: [] }));
    expect(json).toContain('bob@contoso.com (<at>ops-oncall</at>)');
    expect(json).toContain('{"type":"mention","text":"<at>ops-oncall</at>","mentioned":{"id":"tag-1","name":"ops-oncall","type":"tag"}}');
  });

  it('rejects what Teams would not render (the checker itself works)', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.6', body: [{ type: 'Nope' }] })).toEqual([
      'Unknown element type "Nope". Fallback will be used if present.',
      'version 1.6: Teams renders at most 1.5',
    ]);
  });
});

describe('when (cached Intl formatting)', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'])('matches luxon in %s, across a year', async (zone) => {
    const { when, whenWithLuxon } = await import('../../app/usecases/format.js');
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 37 * 3_600_000 + 17 * 60_000) expect(when(t, zone)).toBe(whenWithLuxon(t, zone));
  });
});
