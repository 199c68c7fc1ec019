import { describe, expect, it } from 'vitest';
import { nextBoundaries } from '../../rotation/nextBoundaries.js';
import { rotation, schedule, utc } from './helpers.js';

const weekly = rotation({ id: 'ops', timezone: 'Europe/Berlin', handoff: 'Mon 12:00', members: ['a@x.com', 'b@x.com'] });
const daily = rotation({ id: 'dev', timezone: 'Europe/Berlin', every: '1d', handoff: '09:00', members: ['c@x.com', 'd@x.com'] });
const iso = (m: Map<string, number>) => Object.fromEntries([...m].map(([k, v]) => [k, new Date(v).toISOString()]));

describe('nextBoundaries: where who is on duty changes next, per rotation', () => {
  it.each([
    ['winter: Mon 12:00 in Berlin is 11:00Z', '2026-03-04T10:00:00Z', '2026-03-09T11:00:00.000Z'],
    ['the week summer time starts (Sun 29 Mar): Mon 12:00 is 10:00Z', '2026-03-25T10:00:00Z', '2026-03-30T10:00:00.000Z'],
    ['the week summer time ends (Sun 25 Oct): Mon 12:00 is 11:00Z again', '2026-10-21T00:00:00Z', '2026-10-26T11:00:00.000Z'],
    ['at a handoff exactly: the next one, a week later', '2026-03-09T11:00:00Z', '2026-03-16T11:00:00.000Z'],
  ])('weekly, %s', (_name, now, next) => {
    expect(iso(nextBoundaries(schedule([weekly]), new Set(['ops']), utc(now)))).toEqual({ ops: next });
  });

  it('daily 09:00 across the night the clocks go forward: 08:00Z on Saturday, 07:00Z from Sunday', () => {
    const s = schedule([daily]);
    expect(iso(nextBoundaries(s, new Set(['dev']), utc('2026-03-27T12:00:00Z')))).toEqual({ dev: '2026-03-28T08:00:00.000Z' });
    expect(iso(nextBoundaries(s, new Set(['dev']), utc('2026-03-28T12:00:00Z')))).toEqual({ dev: '2026-03-29T07:00:00.000Z' });
    expect(iso(nextBoundaries(s, new Set(['dev']), utc('2026-03-29T07:00:00Z')))).toEqual({ dev: '2026-03-30T07:00:00.000Z' });
  });

  it('an override begins before the next handoff: its start is the next boundary, then its end', () => {
    const s = schedule([weekly], { overrides: [{ rotation: 'ops', from: utc('2026-03-05T12:00:00Z'), to: utc('2026-03-06T12:00:00Z'), member: 'z@x.com' }] });
    expect(iso(nextBoundaries(s, new Set(['ops']), utc('2026-03-04T10:00:00Z')))).toEqual({ ops: '2026-03-05T12:00:00.000Z' });
    expect(iso(nextBoundaries(s, new Set(['ops']), utc('2026-03-05T12:00:00Z')))).toEqual({ ops: '2026-03-06T12:00:00.000Z' });
  });

  it('only the rotations asked for; a shift running through the window gives its end even beyond it', () => {
    const monthly = rotation({ id: 'rare', every: '4w', handoff: 'Mon 12:00' }); // UTC, from Mon 5 Jan
    const s = schedule([weekly, daily, monthly]);
    expect(iso(nextBoundaries(s, new Set(['ops', 'rare']), utc('2026-01-06T00:00:00Z')))).toEqual({ ops: '2026-01-12T11:00:00.000Z', rare: '2026-02-02T12:00:00.000Z' });
  });
});
