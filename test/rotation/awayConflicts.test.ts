import { describe, expect, it } from 'vitest';
import { segmentsBetween } from '../../rotation/segmentsBetween.js';
import { rotation, schedule, utc } from './helpers.js';

// Time off cannot move an override or a swap (they always win), so a member on duty in one while away is a conflict.
describe('time off over an override or a swap', () => {
  const ops = rotation({ id: 'ops' }); // weekly, Mon 12:00 UTC from 2026-01-05: a, b, c, d
  const mro = rotation({ id: 'mro', every: '1d', handoff: '09:00', members: ['b@x.com', 'e@x.com'] });
  // b takes a's week (as a swap writes it), then records time off inside that week.
  const swap = { rotation: 'ops', from: utc('2026-01-05T12:00'), to: utc('2026-01-12T12:00'), member: 'b@x.com', replaces: 'a@x.com' };
  const off = { member: 'b@x.com', from: utc('2026-01-07T00:00'), to: utc('2026-01-09T00:00'), recordedAt: utc('2026-01-01T00:00') };
  const at = (list: ReturnType<typeof segmentsBetween>, rot: string, start: string) => list.find((s) => s.rotation === rot && s.start === utc(start))!;

  it('flags the override segment the time off overlaps, and keeps the override', () => {
    const s = segmentsBetween(schedule([ops, mro], { overrides: [swap], timeOff: [off] }), utc('2026-01-05T00:00'), utc('2026-01-20T00:00'));
    const week = at(s, 'ops', '2026-01-05T12:00');
    expect(week).toMatchObject({ members: ['b@x.com'], source: 'override', conflict: true, end: utc('2026-01-12T12:00') });
    // The queue still moves b's own daily shifts in mro to e (no conflict there).
    expect(at(s, 'mro', '2026-01-07T09:00')).toMatchObject({ members: ['e@x.com'], conflict: false });
    expect(at(s, 'mro', '2026-01-08T09:00')).toMatchObject({ members: ['e@x.com'], conflict: false });
  });

  it('does not flag the override when the time off is elsewhere or for another rotation', () => {
    const later = { ...off, from: utc('2026-01-13T00:00'), to: utc('2026-01-14T00:00') };
    const otherRotation = { ...off, rotation: 'mro' };
    for (const t of [later, otherRotation]) {
      const s = segmentsBetween(schedule([ops, mro], { overrides: [swap], timeOff: [t] }), utc('2026-01-05T00:00'), utc('2026-01-12T00:00'));
      expect(at(s, 'ops', '2026-01-05T12:00')).toMatchObject({ members: ['b@x.com'], conflict: false });
    }
  });

  it('flags a plain cover (no replaces) by someone away', () => {
    const cover = { rotation: 'ops', from: utc('2026-01-06T12:00'), to: utc('2026-01-08T12:00'), member: 'e@x.com' };
    const eOff = { member: 'e@x.com', from: utc('2026-01-08T00:00'), to: utc('2026-01-10T00:00') };
    const s = segmentsBetween(schedule([ops], { overrides: [cover], timeOff: [eOff] }), utc('2026-01-05T00:00'), utc('2026-01-12T00:00'));
    expect(s.filter((x) => x.rotation === 'ops').map((x) => [x.members[0], x.conflict])).toEqual([
      ['a@x.com', false],
      ['e@x.com', true],
      ['a@x.com', false],
    ]);
  });
});
