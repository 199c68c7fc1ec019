import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { onDutyAt } from '../../rotation/onDutyAt.js';
import { dutyStretches, personMoves, stretchMoves, wholePersonMoves, type MemberStretches, type PersonMove } from '../../rotation/personMoves.js';
import type { ScheduleInput } from '../../rotation/schedule.js';
import { MEMBERS, rotationDef, startInstant } from './arbitraries.js';
import { DAY, HOUR, rotation, schedule, utc } from './helpers.js';

const span = (from: string, to: string) => ({ start: utc(from), end: utc(to) });

describe('personMoves: hand-written cases', () => {
  it('shown whole: a moved week keeps its real ends; a stretch longer than the computation keeps the window\'s instant there', () => {
    // a, b, c, d weekly from Mon 5 Jan 12:00; c covers b's week of 12 Jan. Seen in a window from Wed 14 Jan: b's week
    // is shown whole (from Mon 12 Jan 12:00), not cut at the window's start.
    const ops = rotation({ id: 'ops' });
    const cover = { rotation: 'ops', from: utc('2026-01-12T12:00'), to: utc('2026-01-19T12:00'), member: 'c@x.com', replaces: 'b@x.com' };
    const moved = wholePersonMoves(schedule([ops]), schedule([ops], { overrides: [cover] }), utc('2026-01-14T00:00'), utc('2026-02-01T00:00'));
    expect(moved.find((m) => m.member === 'b@x.com')).toEqual({ member: 'b@x.com', rotation: 'ops', before: [span('2026-01-12T12:00', '2026-01-19T12:00')], after: [] });
    // One member, always on duty from Mon 5 Jan 12:00; x covers a day in March. Her stretch began within the 62 days
    // computed before the window, so it shows its real start; it runs past the 62 days computed after the window, so
    // it shows to the window's end (1 Apr), not to the computation's edge 62 days later.
    const solo = rotation({ id: 'solo', members: ['a@x.com'] });
    const day = { rotation: 'solo', from: utc('2026-03-10T00:00'), to: utc('2026-03-11T00:00'), member: 'x@x.com', replaces: 'a@x.com' };
    const alone = wholePersonMoves(schedule([solo]), schedule([solo], { overrides: [day] }), utc('2026-03-01T00:00'), utc('2026-04-01T00:00'));
    expect(alone.find((m) => m.member === 'a@x.com')).toEqual({
      member: 'a@x.com',
      rotation: 'solo',
      before: [span('2026-01-05T12:00', '2026-04-01T00:00')],
      after: [span('2026-01-05T12:00', '2026-03-10T00:00'), span('2026-03-11T00:00', '2026-04-01T00:00')],
    });
  });

  it('a swap of two weekly shifts moves exactly the two people, each to the other week', () => {
    // ops: a from Mon 5 Jan 12:00, then b (12 Jan), c (19 Jan), d (26 Jan), a (2 Feb). b and c swap their weeks.
    const ops = rotation({ id: 'ops' });
    const swapped = schedule([ops], {
      overrides: [
        { rotation: 'ops', from: utc('2026-01-12T12:00'), to: utc('2026-01-19T12:00'), member: 'c@x.com', replaces: 'b@x.com' },
        { rotation: 'ops', from: utc('2026-01-19T12:00'), to: utc('2026-01-26T12:00'), member: 'b@x.com', replaces: 'c@x.com' },
      ],
    });
    expect(personMoves(schedule([ops]), swapped, utc('2026-01-10T00:00'), utc('2026-02-07T00:00'))).toEqual([
      { member: 'b@x.com', rotation: 'ops', before: [span('2026-01-12T12:00', '2026-01-19T12:00')], after: [span('2026-01-19T12:00', '2026-01-26T12:00')] },
      { member: 'c@x.com', rotation: 'ops', before: [span('2026-01-19T12:00', '2026-01-26T12:00')], after: [span('2026-01-12T12:00', '2026-01-19T12:00')] },
    ]);
  });

  it("a day of time off in a daily rotation: the next one takes the day, and the one away keeps their place at the queue's front", () => {
    // mro, daily at 09:00: a (5 Jan), b, c, a, b, c, a (11 Jan). b is off on 6 Jan: c takes it, b has 7 Jan (first in
    // the queue on return), so the order from then on is a, c, b: b's 9 Jan becomes 10 Jan, c's 7 and 10 Jan 6 and 9 Jan.
    const mro = rotation({ id: 'mro', every: '1d', handoff: '09:00', members: ['a@x.com', 'b@x.com', 'c@x.com'] });
    const away = schedule([mro], { timeOff: [{ member: 'b@x.com', from: utc('2026-01-06T00:00'), to: utc('2026-01-07T00:00') }] });
    expect(personMoves(schedule([mro]), away, utc('2026-01-05T00:00'), utc('2026-01-12T00:00'))).toEqual([
      { member: 'b@x.com', rotation: 'mro', before: [span('2026-01-06T09:00', '2026-01-07T09:00'), span('2026-01-09T09:00', '2026-01-10T09:00')], after: [span('2026-01-07T09:00', '2026-01-08T09:00'), span('2026-01-10T09:00', '2026-01-11T09:00')] },
      { member: 'c@x.com', rotation: 'mro', before: [span('2026-01-07T09:00', '2026-01-08T09:00'), span('2026-01-10T09:00', '2026-01-11T09:00')], after: [span('2026-01-06T09:00', '2026-01-07T09:00'), span('2026-01-09T09:00', '2026-01-10T09:00')] },
    ]);
  });

  it('a member added at the end from the next handoff takes the fourth week, which was the first member\'s', () => {
    // a, b, c weekly from 5 Jan; from 26 Jan d joins at the end: 26 Jan a, 2 Feb b, 9 Feb c, 16 Feb d (was a's again).
    const three = rotation({ id: 'ops', members: ['a@x.com', 'b@x.com', 'c@x.com'] });
    const four = { ...three, members: [...three.members, 'd@x.com'] };
    const before = schedule([three]);
    const after: ScheduleInput = { ...before, rotations: [{ id: 'ops', versions: [{ from: -Infinity, rotation: three }, { from: utc('2026-01-26T12:00'), rotation: four }] }] };
    expect(personMoves(before, after, utc('2026-01-20T00:00'), utc('2026-02-23T12:00'))).toEqual([
      { member: 'a@x.com', rotation: 'ops', before: [span('2026-02-16T12:00', '2026-02-23T12:00')], after: [] },
      { member: 'd@x.com', rotation: 'ops', before: [], after: [span('2026-02-16T12:00', '2026-02-23T12:00')] },
    ]);
  });

  it('stretches recorded with a shorter window compare only where both windows overlap (a shift entering the horizon is no move)', () => {
    const known: MemberStretches[] = [{ member: 'a@x.com', rotation: 'ops', stretches: [span('2026-01-05T12:00', '2026-01-10T00:00')] }];
    const now: MemberStretches[] = [{ member: 'a@x.com', rotation: 'ops', stretches: [span('2026-01-05T12:00', '2026-01-12T12:00'), span('2026-02-02T12:00', '2026-02-09T12:00')] }];
    expect(stretchMoves(known, now, utc('2026-01-06T00:00'), utc('2026-01-10T00:00'))).toEqual([]);
    expect(stretchMoves(known, [], utc('2026-01-06T00:00'), utc('2026-01-10T00:00'))).toEqual([{ member: 'a@x.com', rotation: 'ops', before: [span('2026-01-06T00:00', '2026-01-10T00:00')], after: [] }]);
  });
});

/** A change someone makes in chat: a cover (with or without `replaces`) or time off. */
const change = (def: { members: string[] }, from: number) =>
  fc.oneof(
    fc.record({ kind: fc.constant('override' as const), member: fc.constantFrom(...MEMBERS), replaces: fc.option(fc.constantFrom(...def.members), { nil: undefined }), at: fc.integer({ min: 0, max: 20 * 24 }), hours: fc.integer({ min: 1, max: 10 * 24 }) }),
    fc.record({ kind: fc.constant('timeoff' as const), member: fc.constantFrom(...def.members), at: fc.integer({ min: 0, max: 20 * 24 }), hours: fc.integer({ min: 1, max: 10 * 24 }) }),
  ).map((c) => ({ ...c, from: from + c.at * HOUR, to: from + (c.at + c.hours) * HOUR }));

const world = rotationDef({ id: 'r' }).chain((def) => {
  const from = startInstant(def) + 3 * DAY;
  return fc.record({ def: fc.constant(def), from: fc.constant(from), change: change(def, from) });
});

function changed(base: ScheduleInput, c: { kind: 'override' | 'timeoff'; member: string; replaces?: string | undefined; from: number; to: number }): ScheduleInput {
  if (c.kind === 'timeoff') return { ...base, timeOff: [{ member: c.member, from: c.from, to: c.to }] };
  return { ...base, overrides: [{ rotation: 'r', from: c.from, to: c.to, member: c.member, ...(c.replaces ? { replaces: c.replaces } : {}) }] };
}

const key = (s: { start: number; end: number }) => `${s.start}-${s.end}`;
const inAny = (t: number, stretches: readonly { start: number; end: number }[]) => stretches.some((s) => s.start <= t && t < s.end);
const moveOf = (moves: PersonMove[], member: string) => moves.find((m) => m.member === member && m.rotation === 'r');

describe('personMoves: properties', () => {
  it("lists exactly each person's stretches that differ between the core's before and after dutyStretches", () => {
    fc.assert(
      fc.property(world, ({ def, from, change: c }) => {
        const before = schedule([def]);
        const after = changed(before, c);
        const to = from + 21 * DAY;
        const moves = personMoves(before, after, from, to);
        const was = dutyStretches(before, from, to);
        const is = dutyStretches(after, from, to);
        for (const member of new Set([...was, ...is].map((m) => m.member))) {
          const old = was.find((m) => m.member === member)?.stretches ?? [];
          const now = is.find((m) => m.member === member)?.stretches ?? [];
          const lost = old.filter((s) => !now.map(key).includes(key(s)));
          const gained = now.filter((s) => !old.map(key).includes(key(s)));
          const move = moveOf(moves, member);
          if (lost.length === 0 && gained.length === 0) expect(move).toBeUndefined();
          else expect(move).toEqual({ member, rotation: 'r', before: lost, after: gained });
        }
      }),
      { numRuns: 120 },
    );
  });

  it('applying the notices to the old schedule gives the new one: at every boundary, on duty after = (on duty before minus `before`) plus `after`', () => {
    fc.assert(
      fc.property(world, ({ def, from, change: c }) => {
        const before = schedule([def]);
        const after = changed(before, c);
        const to = from + 21 * DAY;
        const moves = personMoves(before, after, from, to);
        const edges = [...dutyStretches(before, from, to), ...dutyStretches(after, from, to)].flatMap((m) => m.stretches.flatMap((s) => [s.start, s.end]));
        const instants = [...new Set([from, ...edges.filter((t) => t >= from && t < to)])].sort((a, b) => a - b);
        const samples = instants.flatMap((t, i) => [t, Math.floor((t + (instants[i + 1] ?? to)) / 2)]).filter((t) => t < to);
        for (const t of samples) {
          const then = new Set(onDutyAt(before, t, 'r').flatMap((s) => s.members));
          const now = new Set(onDutyAt(after, t, 'r').flatMap((s) => s.members));
          for (const member of new Set([...then, ...now, ...MEMBERS])) {
            const move = moveOf(moves, member);
            const expected = (then.has(member) && !inAny(t, move?.before ?? [])) || inAny(t, move?.after ?? []);
            expect({ t, member, onDuty: now.has(member) }).toEqual({ t, member, onDuty: expected });
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('a schedule compared with itself moves nobody', () => {
    fc.assert(
      fc.property(world, ({ def, from, change: c }) => {
        const s = changed(schedule([def]), c);
        expect(personMoves(s, s, from, from + 21 * DAY)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
