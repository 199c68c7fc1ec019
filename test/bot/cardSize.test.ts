import { describe, expect, it } from 'vitest';
import { attachment, handoverForm, helpCard, scheduleCard, swapCard } from '../../bot/cards.js';
import { handoffCard } from '../../bot/handoffCard.js';
import { coverConfirmCard, timeOffConfirmCard } from '../../bot/confirmCards.js';
import { setupFormCard, setupSavedCard } from '../../bot/setupCards.js';
import { MAX_ACTIVITY_UTF16_BYTES, MAX_ACTIVITY_UTF8_BYTES, sizeRefusal } from '../helpers/connectorRules.js';

// A large rotation: 5,000 members with long names and addresses, three on duty at once. Teams refuses messages over
// about 28 KB (connectorRules.ts cites the pages); every card Rota builds must stay well under that: < 20 KB as sent.
const LONG = 'Maximiliana Alexandra Konstantinopoulou-Vandenberghe';
const person = (i: number) => ({
  email: `maximiliana.konstantinopoulou-vandenberghe.${i}@subsidiary.contoso.example.com`,
  displayName: `${LONG} ${i}`,
  teamsId: `29:1${String(i).padStart(6, '0')}-abcdefghijklmnopqrstuvwxyz-0123456789`,
  aadObjectId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
});
const everyone = Array.from({ length: 5000 }, (_, i) => person(i));
const emails = everyone.map((p) => p.email);
const rotation = { id: 'platform-on-call', name: 'Platform on call for the whole company', timezone: 'America/Argentina/ComodRivadavia' };
const T = Date.parse('2026-03-09T11:00:00Z');
const WEEK = 7 * 86_400_000;
const onDuty = (w: number) => [everyone[3 * w]!, everyone[3 * w + 1]!, everyone[3 * w + 2]!];
const notes = 'Долгая заметка о передаче смены. '.repeat(60); // 2,000 characters of Cyrillic, as handover notes allow up to 4,000
const values = { id: rotation.id, name: rotation.name, members: emails, every: '1w', weekday: 'Mon', time: '12:00', timezone: rotation.timezone, start: '2026-01-05', onDuty: '3' };
const def = { id: rotation.id, start: '2026-01-05', every: '1w', handoff: 'Mon 12:00', onDuty: 3, members: emails };

/** The size Teams counts: the whole message activity that carries the card. */
const activityOf = (card: Record<string, unknown>) => ({ type: 'message', attachments: [attachment(card as never)] });

describe('every card Rota builds for a large rotation stays well under Teams\' message size limit', () => {
  it.each([
    ['help', helpCard()],
    ['schedule of 12 weeks (the table is cut at 40 rows)', scheduleCard([{ rotation, segments: Array.from({ length: 60 }, (_, w) => ({ start: T + w * WEEK, end: T + (w + 1) * WEEK, members: onDuty(w), source: 'rotation' as const, conflict: false })) }], 'Schedule', T)],
    ['handoff, with escalation and long notes', handoffCard({ key: `handoff:${rotation.id}:${T}`, rotation, at: T, outgoing: onDuty(0), incoming: onDuty(1), escalation: { name: 'Directors', members: onDuty(2) }, tag: { id: 'NTI4/ZGJl+M2YtMTVlMC00ZTM3==', name: 'platform-oncall' }, notes, openItems: Array.from({ length: 20 }, (_, i) => `INC-${i} ${LONG}`) })],
    ['handover form with long notes', handoverForm(rotation, { notes, openItems: Array.from({ length: 20 }, (_, i) => `INC-${i} ${LONG}`) })],
    ['swap', swapCard({ swapId: 'swap-0123456789', rotation, proposer: everyone[1]!, counterpart: everyone[4999]!, mine: { start: T, end: T + WEEK }, theirs: { start: T + WEEK, end: T + 2 * WEEK }, expiresAt: T, state: 'proposed', now: T }, true)],
    ['setup form, editing 5,000 members', setupFormCard({ ...values, editing: rotation.id }, { dataset: 'graph.microsoft.com/users?scope=currentContext', current: everyone.map((p) => ({ title: p.displayName, value: p.aadObjectId })) })],
    ['setup form, 60 members picked', setupFormCard(values, { dataset: 'graph.microsoft.com/users', current: everyone.slice(0, 60).map((p) => ({ title: p.displayName, value: p.aadObjectId })) })],
    ['setup saved, 5,000 members', setupSavedCard({ rotation: { id: rotation.id, name: rotation.name, timezone: rotation.timezone, def }, action: 'updated', effectiveFrom: T, fields: ['members'] })],
    ['time off to confirm', timeOffConfirmCard({ recorded: false, zone: rotation.timezone, range: { from: T, to: T + 90 * 86_400_000, fromDateOnly: true, toDateOnly: true }, days: 90 }, T)],
    ['cover to confirm', coverConfirmCard({ rotation, override: { rotationId: rotation.id, member: everyone[7]!.email, start: T, end: T + 90 * 86_400_000 }, days: 90 }, everyone[7]!, T)],
  ])('%s', (_name, card) => {
    const activity = activityOf(card as Record<string, unknown>);
    const json = JSON.stringify(activity);
    expect(Buffer.byteLength(json, 'utf8')).toBeLessThan(20 * 1024);
    expect(json.length * 2).toBeLessThan(MAX_ACTIVITY_UTF16_BYTES);
    expect(sizeRefusal(activity)).toBeUndefined();
  });

  it('a schedule of long names is cut to fit and says how many stretches are left out', () => {
    const segments = Array.from({ length: 60 }, (_, w) => ({ start: T + w * WEEK, end: T + (w + 1) * WEEK, members: onDuty(w), source: 'rotation' as const, conflict: false }));
    const json = JSON.stringify(scheduleCard([{ rotation, segments }], 'Schedule', T));
    const rows = json.match(/"type":"TableRow"/g)!.length - 1; // the header row
    expect(rows).toBeLessThan(40);
    expect(json).toContain(`…and ${60 - rows} more stretches of ${rotation.name}`);
  });

  it('the limits the stand-in enforces are the documented ones', () => {
    expect([MAX_ACTIVITY_UTF8_BYTES, MAX_ACTIVITY_UTF16_BYTES]).toEqual([28_672, 40_960]);
  });
});
