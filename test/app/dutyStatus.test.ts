import { describe, expect, it } from 'vitest';
import type { DutyRun } from '../../db/duties/DutyStore.js';
import type { DutyOccurrence } from '../../rotation/index.js';
import { dutyStatus, missedAt } from '../../app/usecases/dutyRecord.js';

const BERLIN = 'Europe/Berlin';
const occ = (date: string, at: string): DutyOccurrence => ({ key: `duty:ops:x:${date}`, rotation: 'ops', dutyId: 'x', date, at: Date.parse(at), task: 't', post: 'personal' });

describe('missedAt: the later of the end of the local day and the time + 6 h', () => {
  it.each([
    // date, due (UTC), missed at (UTC), why
    ['2026-03-27', '2026-03-27T08:15:00Z', '2026-03-27T23:00:00Z', 'a morning duty: the end of its day (midnight CET = 23:00Z)'],
    ['2026-03-27', '2026-03-27T20:30:00Z', '2026-03-28T02:30:00Z', 'a late duty (21:30 CET): its six hours'],
    ['2026-03-29', '2026-03-29T01:30:00Z', '2026-03-29T22:00:00Z', 'the 23-hour day of the spring change: midnight CEST = 22:00Z'],
    ['2026-10-25', '2026-10-25T07:15:00Z', '2026-10-25T23:00:00Z', 'the 25-hour day of the autumn change: midnight CET = 23:00Z'],
  ])('%s due %s → %s (%s)', (date, due, missed) => {
    expect(new Date(missedAt(occ(date, due), BERLIN)).toISOString()).toBe(new Date(missed).toISOString());
  });
});

describe('dutyStatus', () => {
  const o = occ('2026-03-27', '2026-03-27T08:15:00Z');
  const run = (extra: Partial<DutyRun>): DutyRun => ({ key: o.key, rotationId: 'ops', dueAt: o.at, state: 'posted', late: false, assignees: [], copies: [], detail: {}, updatedAt: 0, ...extra });
  it.each([
    ['not yet due, nothing recorded', undefined, '2026-03-27T08:00:00Z', 'upcoming'],
    ['due, not yet sent', undefined, '2026-03-27T08:15:30Z', 'open'],
    ['due 6 h ago, never sent (Rota down)', undefined, '2026-03-27T14:16:00Z', 'missed'],
    ['sent, unanswered before the end of the day', run({}), '2026-03-27T22:59:00Z', 'open'],
    ['sent, unanswered at the end of the day', run({}), '2026-03-27T23:00:00Z', 'missed'],
    ['snoozed', run({ snoozedUntil: Date.parse('2026-03-27T08:30:00Z') }), '2026-03-27T08:20:00Z', 'snoozed'],
    ['done, later on', run({ answer: 'done' }), '2026-03-28T10:00:00Z', 'done'],
    ['skipped', run({ answer: 'skipped', reason: 'r' }), '2026-03-27T09:00:00Z', 'skipped'],
    ['recorded as missed', run({ state: 'missed' }), '2026-03-27T15:00:00Z', 'missed'],
  ] as const)('%s → %s', (_what, r, now, expected) => {
    expect(dutyStatus(o, r, BERLIN, Date.parse(now))).toBe(expected);
  });
});
