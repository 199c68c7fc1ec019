import { describe, expect, it } from 'vitest';
import { dutyCard } from '../../bot/dutyCards.js';
import type { DutyCardView } from '../../app/usecases/dutyCards.js';
import { cardProblems } from '../helpers/cardCheck.js';

const DUE = Date.parse('2026-03-30T07:15:00Z'); // Mon 30 Mar 09:15 in Berlin (CEST)
const alice = { email: 'alice@contoso.com', displayName: 'Alice Archer', teamsId: '29:alice' };
const erin = { email: 'erin@contoso.com', displayName: 'Erin Ende' };
const open: DutyCardView = {
  data: {
    occurrence: { key: 'duty:ops:fe251ab9:2026-03-30', rotation: 'ops', dutyId: 'fe251ab9', date: '2026-03-30', at: DUE, task: 'Check overnight alerts', link: 'https://runbooks.contoso.com/alerts', post: 'personal' },
    rotation: { id: 'ops', name: 'Op of the Week', timezone: 'Europe/Berlin' },
  },
  status: 'open',
  late: false,
  assignees: [alice],
};
const texts = (v: DutyCardView) => (dutyCard(v).body as Array<{ text?: string }>).flatMap((b) => (b.text ? [b.text] : []));
const buttons = (v: DutyCardView) => ((dutyCard(v).actions ?? []) as Array<{ title: string; verb?: string; url?: string }>).map((a) => a.verb ?? a.url ?? a.title);

describe('the duty card', () => {
  it('open: task, due time in the zone, for whom, the link and four buttons; Teams can render it', () => {
    expect(texts(open)).toEqual(['Duty · Op of the Week', 'Check overnight alerts', 'Due Mon 30 Mar 09:15 GMT+2 · for <at>Alice Archer</at>']);
    expect(buttons(open)).toEqual(['https://runbooks.contoso.com/alerts', 'duty.done', 'duty.skip', 'duty.snooze', 'duty.snooze']);
    expect(cardProblems(dutyCard(open))).toEqual([]);
  });

  it.each([
    [{ status: 'done', actor: erin, actedAt: Date.parse('2026-03-30T07:32:00Z') }, '✅ Done by Erin Ende at 09:32'],
    [{ status: 'skipped', actor: alice, actedAt: Date.parse('2026-03-30T07:40:00Z'), reason: 'alerting is down' }, '⏭ Skipped by Alice Archer at 09:40: alerting is down'],
    [{ status: 'missed' }, '❌ Missed: nobody marked it done or skipped in time'],
  ] as const)('answered or missed: says so, without buttons but the link (%#)', (state, line) => {
    const v = { ...open, ...state } as DutyCardView;
    expect(texts(v).at(-1)).toBe(line);
    expect(buttons(v)).toEqual(['https://runbooks.contoso.com/alerts']);
    expect(cardProblems(dutyCard(v))).toEqual([]);
  });

  it('snoozed and late: until when and by whom; the late mark names the due time', () => {
    const v: DutyCardView = { ...open, status: 'snoozed', snoozedUntil: Date.parse('2026-03-30T07:47:00Z'), snoozedBy: alice, late: true };
    expect(texts(v)).toContain('💤 Snoozed until 09:47 by Alice Archer');
    expect(texts(v)).toContain('⚠ late: due 09:15, Rota was not running');
    expect(buttons(v)).toContain('duty.done');
  });
});
