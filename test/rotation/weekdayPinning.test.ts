import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRotationFile, pinningWarnings, weekdayPinning } from '../../rotation/index.js';
import { rotation } from './helpers.js';

const five = ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', 'e@x.com'];
const members = (n: number) => Array.from({ length: n }, (_, i) => `m${i}@x.com`);
const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const;

describe('weekdayPinning', () => {
  // Expected by hand: member i of n takes shift i mod n; slot i mod h; pinned iff some member misses a slot.
  it.each([
    ['5 members, Mon–Fri daily (gcd 5)', { every: '1d', handoff: '09:00', days: [...weekdays], members: five }, true],
    ['4 members, Mon–Fri daily (gcd 1)', { every: '1d', handoff: '09:00', days: [...weekdays], members: members(4) }, false],
    ['10 members, Mon–Fri daily (two weeks, still the same weekday)', { every: '1d', handoff: '09:00', days: [...weekdays], members: members(10) }, true],
    ['7 members, every day', { every: '1d', handoff: '09:00', members: members(7) }, true],
    ['6 members, every day', { every: '1d', handoff: '09:00', members: members(6) }, false],
    ['weekly: one handoff a week', { members: five }, false],
    ['2w: one handoff a fortnight', { every: '2w', members: five }, false],
    ['3d with 7 members: weekdays repeat every 3 weeks', { every: '3d', handoff: '09:00', members: members(7) }, true],
    ['3d with 5 members', { every: '3d', handoff: '09:00', members: five }, false],
    ['2d on Mon–Fri with 5 members (5 handoffs a fortnight)', { every: '2d', handoff: '09:00', days: [...weekdays], members: five }, true],
    ['onDuty 2 of 4 on Mon, Tue', { every: '1d', handoff: '09:00', days: ['Mon', 'Tue'], onDuty: 2, members: members(4) }, true],
    ['onDuty 2 of 6 on Mon–Fri (pairs reach every day)', { every: '1d', handoff: '09:00', days: [...weekdays], onDuty: 2, members: members(6) }, false],
    ['only Saturdays: one handoff a week', { every: '1d', handoff: '09:00', days: ['Sat'], members: five }, false],
    ['everyone always on duty', { every: '1d', handoff: '09:00', days: [...weekdays], onDuty: 2, members: members(2) }, false],
    ['order: rotate-weekly set', { every: '1d', handoff: '09:00', days: [...weekdays], members: five, order: 'rotate-weekly' }, false],
    ['balance: hours set', { every: '1d', handoff: '09:00', days: [...weekdays], members: five, balance: 'hours' }, false],
  ] as const)('%s: pinned %s', (_name, fields, pinned) => {
    const def = rotation({ id: 'r', ...fields, days: 'days' in fields ? [...fields.days] : undefined, members: [...fields.members] });
    expect(weekdayPinning(def) !== undefined).toBe(pinned);
  });

  it('names each member’s fixed slots with their on-duty hours, window included', () => {
    const def = rotation({ id: 'n', every: '1d', handoff: '08:00', hours: '20:00-08:00', days: ['Mon', 'Tue'], members: ['a@x.com', 'b@x.com'] });
    expect(weekdayPinning(def)?.map((m) => [m.member, m.slots])).toEqual([
      ['a@x.com', [{ label: 'Mon → Tue', hours: 12 }]],
      ['b@x.com', [{ label: 'Tue → Mon', hours: 72 }]],
    ]);
  });

  it('warns about the example’s mro, by path, with the pattern and both fixes — and not once the example’s fix is on', () => {
    const file = parseRotationFile(fs.readFileSync('rota.example.yaml', 'utf8'));
    if (!file.ok) throw new Error(JSON.stringify(file.error));
    expect(pinningWarnings(file.value)).toEqual([]);
    const plain = { ...file.value, rotations: file.value.rotations.map(({ order: _o, ...r }) => r) };
    expect(pinningWarnings(plain)).toEqual([
      {
        path: 'rotations[1]',
        message:
          'rotation mro (MRO / Interrupt): 5 members take 5 handoffs a week, so each keeps the same weekdays week after week ' +
          '(from the start date: heidi always has Fri → Mon (72 h), alice always has Mon → Tue (24 h)). ' +
          'To share them out set `order: rotate-weekly` (the queue moves on by one turn each cycle) ' +
          'or `balance: hours` (each shift goes to whoever has the fewest on-duty hours, ties by queue order).',
      },
    ]);
  });

  it('says "every 2 weeks" when the weekday pattern is a fortnight long', () => {
    const file = parseRotationFile(`rotations:
  - { id: r, start: 2026-01-05, every: 2d, handoff: "09:00", days: [Mon, Tue, Wed, Thu, Fri], members: [a@x.com, b@x.com, c@x.com, d@x.com, e@x.com] }
`);
    if (!file.ok) throw new Error(JSON.stringify(file.error));
    expect(pinningWarnings(file.value)[0]?.message).toContain('5 members take 5 handoffs every 2 weeks, so each keeps the same weekdays each time round');
  });
});
