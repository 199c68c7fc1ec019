import { describe, expect, it } from 'vitest';
import type { EveningFormView, MorningCheckView } from '../../app/usecases/checkPosts.js';
import type { DutyLine } from '../../app/usecases/dutyRecord.js';
import type { ItemView } from '../../app/usecases/itemViews.js';
import { channelCheckText, eveningCheckCard, morningCheckCard } from '../../bot/checkCards.js';
import { cardProblems } from '../helpers/cardCheck.js';
import { cardTexts } from './checkWorld.js';

// Tue 1 Dec 2026 in Amsterdam (CET, UTC+1): hand-written items and duty lines, as the items and duties work reports them.
const ROTATION = { id: 'ops', name: 'Op of the Week', timezone: 'Europe/Amsterdam' };
const AT = Date.parse('2026-12-01T08:00:00Z'); // 09:00
const alice = { email: 'alice@contoso.com', displayName: 'Alice Archer' };
const frank = { email: 'frank@contoso.com', displayName: 'Frank Fisher' };
const item = (n: number, text: string, extra: Partial<ItemView> = {}): ItemView => ({ n, rotationId: 'ops', kind: 'item', text, holder: alice, openedBy: alice, openedAt: AT - 3_600_000, ...extra });
const duty = (local: string, task: string, status: DutyLine['status'], extra: Partial<DutyLine> = {}): DutyLine => {
  const at = Date.parse(`${local}+01:00`);
  return { occurrence: { key: `duty:ops:x:${local}`, rotation: 'ops', dutyId: 'x', date: local.slice(0, 10), at, task, post: 'personal' }, status, late: false, assignees: [alice], ...extra };
};

describe('check cards', () => {
  it('the morning card lists items, today\'s duties with their state, the handover and what happened since', () => {
    const view: MorningCheckView = {
      rotation: ROTATION,
      date: '2026-12-01',
      at: AT,
      late: false,
      openItems: [item(12, 'Disk on db-2 fills up'), item(14, 'Payments API slow', { kind: 'escalation', escalatedTo: [frank] })],
      duties: [
        duty('2026-12-01T08:30', 'Check the nightly backup report', 'done', { actor: alice, actedAt: Date.parse('2026-12-01T07:40:00Z') }),
        duty('2026-12-01T09:15', 'Check overnight alerts', 'skipped', { actor: alice, reason: 'alerting is down' }),
        duty('2026-12-01T18:00', 'Push the release candidate', 'upcoming'),
      ],
      handover: { by: [frank], notes: 'Quiet night', openItems: ['Disk on db-2'] },
      since: AT - 86_400_000,
      opened: [item(13, 'Flaky login test')],
      escalations: [item(14, 'Payments API slow', { kind: 'escalation', escalatedTo: [frank] })],
      missed: [duty('2026-11-30T18:00', 'Rotate the logs', 'missed')],
    };
    const card = morningCheckCard(view);
    expect(cardProblems(card)).toEqual([]);
    expect(cardTexts(card)).toEqual([
      'Morning check — Op of the Week, Tue 1 Dec',
      '**Open items**',
      '#12 Disk on db-2 fills up (Alice Archer)\n\n#14 Payments API slow (Alice Archer)',
      "**Today's duties**",
      '08:30 Check the nightly backup report — done by Alice Archer at 08:40\n\n09:15 Check overnight alerts — skipped by Alice Archer: alerting is down\n\n18:00 Push the release candidate — upcoming',
      '**Handed over by Frank Fisher**',
      'Quiet night',
      '- Disk on db-2',
      '**Since the last check (Mon 30 Nov 09:00 GMT+1)**',
      'Opened: #13 Flaky login test (Alice Archer)\n\nEscalated: #14 Payments API slow (Alice Archer) → Frank Fisher\n\nMissed: Mon 30 Nov 18:00 Rotate the logs',
    ]);
  });

  it('the evening form is pre-filled with the open items and renders in Teams; the channel texts read as the issue says', () => {
    const form: EveningFormView = { key: 'check:evening:ops:2026-12-01', rotation: ROTATION, date: '2026-12-01', at: Date.parse('2026-12-01T16:30:00Z'), late: false, prefill: '#12 Disk on db-2 fills up (Alice Archer)', state: 'open' };
    const card = eveningCheckCard(form);
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('"type":"Input.Text","id":"status","label":"Status","isMultiline":true,"value":"#12 Disk on db-2 fills up (Alice Archer)","maxLength":4000');
    expect(channelCheckText({ kind: 'status', rotation: ROTATION, at: form.at, by: alice, status: 'All good', late: false })).toBe('Evening check — Op of the Week, Tue 1 Dec, by Alice Archer: All good');
    expect(channelCheckText({ kind: 'unanswered', rotation: ROTATION, at: form.at, askedOf: [alice], openItems: ['#12 Disk on db-2 fills up (Alice Archer)'], unreached: [] })).toBe(
      'Evening check — Op of the Week, Tue 1 Dec: not answered by Alice Archer within an hour. Open items as they stand:\n#12 Disk on db-2 fills up (Alice Archer)',
    );
  });

  it('an unanswered post names whom the check never reached and why, and leaves them out of "not answered by"', () => {
    const at = Date.parse('2026-12-01T16:30:00Z');
    const bob = { email: 'bob@contoso.com', displayName: 'Bob Baker' };
    const post = { kind: 'unanswered' as const, rotation: ROTATION, at, openItems: [] };
    expect(channelCheckText({ ...post, askedOf: [alice], unreached: [{ person: bob, reason: 'Teams refused: 403' }] })).toBe(
      'Evening check — Op of the Week, Tue 1 Dec: not answered by Alice Archer within an hour. The check could not reach Bob Baker (Teams refused: 403). No open items.',
    );
    expect(channelCheckText({ ...post, askedOf: [], unreached: [{ person: bob, reason: 'Rota has no personal chat with them yet' }] })).toBe(
      'Evening check — Op of the Week, Tue 1 Dec: the check could not reach Bob Baker (Rota has no personal chat with them yet), so nobody answered it. No open items.',
    );
    expect(channelCheckText({ ...post, askedOf: [], unreached: [], noOne: "nobody is on duty at the check's time or after it" })).toBe(
      "Evening check — Op of the Week, Tue 1 Dec: the check reached nobody (nobody is on duty at the check's time or after it). No open items.",
    );
  });

  it('answered but not posted: the form says Rota tries again and lets the answerer post it again', () => {
    const form: EveningFormView = {
      key: 'check:evening:ops:2026-12-01', rotation: ROTATION, date: '2026-12-01', at: Date.parse('2026-12-01T16:30:00Z'), late: false, prefill: '', state: 'answered',
      answeredBy: alice, answeredAt: Date.parse('2026-12-01T16:35:00Z'), status: 'All good', notPosted: 'posting failed: 403 Forbidden',
    };
    const card = eveningCheckCard(form) as { actions?: Array<{ title: string; verb: string; data: unknown }> };
    expect(cardProblems(card)).toEqual([]);
    expect(cardTexts(card)).toEqual([
      'Evening check — Op of the Week, Tue 1 Dec',
      '⚠ Answered by Alice Archer at Tue 1 Dec 17:35 GMT+1, but not posted to the channel: posting failed: 403 Forbidden. Rota tries again every 15 minutes today, or post it again now.',
    ]);
    expect(JSON.stringify(card)).toContain('"type":"Input.Text","id":"status","label":"Status","isMultiline":true,"value":"All good"');
    expect(card.actions?.map((a) => [a.title, a.verb, a.data])).toEqual([['Post to the channel again', 'check.evening.submit', { key: 'check:evening:ops:2026-12-01' }]]);
  });
});
