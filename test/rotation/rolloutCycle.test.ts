import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSchedule } from '../../rotation/computeSchedule.js';
import { rolloutFrom } from '../../rotation/rollout.js';
import type { RotationDef, ScheduleInput, TimeOff } from '../../rotation/schedule.js';
import { segmentsBetween } from '../../rotation/segmentsBetween.js';
import { DAY, rotation, utc } from './helpers.js';

const FIRST = utc('2026-01-05T12:00'); // the first handoff of every rotation below (UTC: no DST, so shifts are fixed lengths)
const PEOPLE = ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', 'e@x.com', 'f@x.com'];
const STEP: Record<string, number> = { '1d': DAY, '1w': 7 * DAY, '2w': 14 * DAY };

type Case = { n: number; every: keyof typeof STEP; away: Array<{ who: number; from: number; len: number }>; nowShift: number; nowIn: number };

const caseArb = fc.record({
  n: fc.integer({ min: 1, max: 6 }),
  every: fc.constantFrom('1d', '1w', '2w'),
  away: fc.array(fc.record({ who: fc.integer({ min: 0, max: 5 }), from: fc.integer({ min: 0, max: 30 }), len: fc.integer({ min: 1, max: 8 }) }), { maxLength: 4 }),
  nowShift: fc.integer({ min: 0, max: 24 }),
  nowIn: fc.double({ min: 0, max: 0.999, noNaN: true }),
}) as fc.Arbitrary<Case>;

function build(c: Case): { def: RotationDef; input: ScheduleInput; step: number; now: number; timeOff: TimeOff[] } {
  const step = STEP[c.every]!;
  const members = PEOPLE.slice(0, c.n);
  const def = rotation({ id: 'ops', every: c.every, handoff: c.every === '1d' ? '12:00' : 'Mon 12:00', members });
  // Time off in whole shifts, so a shift either overlaps it or not.
  const timeOff = c.away.filter((a) => a.who < c.n).map((a) => ({ member: members[a.who]!, from: FIRST + a.from * step, to: FIRST + (a.from + a.len) * step }));
  const input: ScheduleInput = { timezone: 'UTC', rotations: [{ id: 'ops', versions: [{ from: -Infinity, rotation: def }] }], overrides: [], timeOff };
  return { def, input, step, now: FIRST + (c.nowShift + c.nowIn) * step, timeOff };
}

/**
 * An independent model of the queue (not the engine): each shift goes to the first member in line who is not away,
 * or the first in line when all are; whoever takes it goes to the back. Shift k is [FIRST + k·step, FIRST + (k+1)·step).
 */
function modelTurns(members: string[], step: number, timeOff: TimeOff[], shifts: number): string[] {
  const line = [...members];
  const away = (m: string, k: number) => timeOff.some((t) => t.member === m && t.from < FIRST + (k + 1) * step && t.to > FIRST + k * step);
  const turns: string[] = [];
  for (let k = 0; k < shifts; k++) {
    const who = line.find((m) => !away(m, k)) ?? line[0]!;
    line.splice(line.indexOf(who), 1);
    line.push(who);
    turns.push(who);
  }
  return turns;
}

/** The model's rounds as shift index ranges [first, last]: a round ends with the shift by which everyone had a turn. */
function modelRounds(members: string[], turns: string[]): Array<[number, number]> {
  const rounds: Array<[number, number]> = [];
  let begin = 0;
  let had = new Set<string>();
  turns.forEach((m, k) => {
    had.add(m);
    if (had.size === members.length) {
      rounds.push([begin, k]);
      begin = k + 1;
      had = new Set();
    }
  });
  return rounds;
}

describe('next-cycle (property, onDuty 1): the round that contains the change', () => {
  it('ends where the independent model says, and in it nobody is skipped; a second turn only while everyone still waiting is away', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { def, input, step, now, timeOff } = build(c);
        const turns = modelTurns(def.members, step, timeOff, 200);
        // The engine agrees with the model on who had each shift (else the model would test nothing).
        const engine = computeSchedule(input, FIRST + 200 * step).rotations.get('ops')!.shifts.slice(0, 200).map((s) => s.members[0]);
        expect(engine).toEqual(turns);
        const k = Math.floor((now - FIRST) / step);
        const round = modelRounds(def.members, turns).find(([, last]) => last >= k)!;
        const at = rolloutFrom(input, 'ops', 'next-cycle', now);
        expect(at).toBe(FIRST + (round[1] + 1) * step);
        const inRound = turns.slice(round[0], round[1] + 1);
        for (const m of def.members) expect(inRound.filter((t) => t === m).length).toBeGreaterThanOrEqual(1);
        const seen = new Set<string>();
        inRound.forEach((m, i) => {
          if (seen.has(m)) {
            const shift = round[0] + i;
            const waiting = def.members.filter((w) => !seen.has(w));
            for (const w of waiting) expect(timeOff.some((t) => t.member === w && t.from < FIRST + (shift + 1) * step && t.to > FIRST + shift * step)).toBe(true);
          }
          seen.add(m);
        });
        const awayInRound = timeOff.some((t) => t.from < at && t.to > FIRST + round[0] * step);
        if (!awayInRound) expect([...inRound].sort()).toEqual([...def.members].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('changes nothing before it takes effect, and the new roster starts there', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { def, input, now } = build(c);
        const at = rolloutFrom(input, 'ops', 'next-cycle', now);
        const next = { ...def, members: [...def.members, 'z@x.com'] };
        const after: ScheduleInput = { ...input, rotations: [{ id: 'ops', versions: [{ from: -Infinity, rotation: def }, { from: at, rotation: next }] }] };
        expect(segmentsBetween(after, FIRST - DAY, at)).toEqual(segmentsBetween(input, FIRST - DAY, at));
        const first = computeSchedule(after, at + 400 * DAY).rotations.get('ops')!.shifts.find((s) => s.start >= at)!;
        expect(first.start).toBe(at);
        expect(first.version).toBe(1);
      }),
      { numRuns: 150 },
    );
  });
});

describe('next-cycle with onDuty > 1 and nobody away (property)', () => {
  it('gives everyone a turn in the round, at most two, and two only when the roster is not a multiple of onDuty', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 20 }), (n, k, nowShift) => {
        fc.pre(k <= n);
        const members = PEOPLE.slice(0, n);
        const def = rotation({ id: 'ops', onDuty: k, members });
        const input: ScheduleInput = { timezone: 'UTC', rotations: [{ id: 'ops', versions: [{ from: -Infinity, rotation: def }] }], overrides: [], timeOff: [] };
        const now = FIRST + (nowShift + 0.5) * 7 * DAY;
        const at = rolloutFrom(input, 'ops', 'next-cycle', now);
        const shifts = computeSchedule(input, at).rotations.get('ops')!.shifts.filter((s) => s.end <= at);
        // The round: walk back from `at` to where the previous round ended (or the first shift).
        const ends = new Set([FIRST, ...roundEnds(members, shifts.map((s) => s.members))]);
        const begin = Math.max(...[...ends].filter((e) => e <= now));
        const counts = new Map(members.map((m) => [m, 0]));
        for (const s of shifts.filter((s) => s.start >= begin)) for (const m of s.members) counts.set(m, counts.get(m)! + 1);
        for (const m of members) expect(counts.get(m)).toBeGreaterThanOrEqual(1);
        for (const m of members) expect(counts.get(m)).toBeLessThanOrEqual(n % k === 0 ? 1 : 2);
        function roundEnds(ms: string[], picks: string[][]): number[] {
          const out: number[] = [];
          let had = new Set<string>();
          picks.forEach((p, i) => {
            for (const m of p) had.add(m);
            if (had.size === ms.length) (out.push(shifts[i]!.end), (had = new Set()));
          });
          return out;
        }
      }),
      { numRuns: 200 },
    );
  });
});
