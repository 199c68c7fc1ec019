import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSchedule } from '../../rotation/computeSchedule.js';
import type { RotationHistory, ScheduleInput, Segment } from '../../rotation/schedule.js';
import { segmentsBetween } from '../../rotation/segmentsBetween.js';
import { nextHandoffAfter } from '../../rotation/shiftBoundaries.js';
import { rotationDef, startInstant, MEMBERS } from './arbitraries.js';
import { DAY, schedule } from './helpers.js';

const HORIZON = 120 * DAY;

function shiftsOf(s: ScheduleInput, id: string, until: number) {
  return computeSchedule(s, until).rotations.get(id)?.shifts ?? [];
}

describe('segments of one rotation', () => {
  it('never overlap, leave no hole after the first handoff, and have exactly onDuty distinct members', () => {
    fc.assert(
      fc.property(rotationDef(), (def) => {
        const from = startInstant(def);
        const segs = segmentsBetween(schedule([def]), from, from + HORIZON);
        expect(segs.length).toBeGreaterThan(0);
        segs.forEach((s, i) => {
          expect(s.end).toBeGreaterThan(s.start);
          expect(new Set(s.members).size).toBe(def.onDuty);
          expect(s.members.length).toBe(def.onDuty);
          const next = segs[i + 1];
          if (next) expect(next.start).toBe(s.end);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('with an hours window: never overlap and stay inside their shift', () => {
    fc.assert(
      fc.property(rotationDef({ hours: true }), (def) => {
        const from = startInstant(def);
        const s = schedule([def]);
        const segs = segmentsBetween(s, from, from + HORIZON);
        const shifts = shiftsOf(s, 'r', from + HORIZON);
        for (let i = 0; i + 1 < segs.length; i++) expect(segs[i + 1]!.start).toBeGreaterThanOrEqual(segs[i]!.end);
        for (const g of segs) {
          const shift = shifts.find((x) => x.start === g.shiftStart);
          expect(shift).toBeDefined();
          expect(g.start).toBeGreaterThanOrEqual(shift!.start);
          expect(g.end).toBeLessThanOrEqual(shift!.end);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('fair queue', () => {
  it('without time off, shift counts per member differ by at most one after any number of shifts', () => {
    fc.assert(
      fc.property(rotationDef(), (def) => {
        const from = startInstant(def);
        const counts = new Map(def.members.map((m) => [m, 0]));
        for (const shift of shiftsOf(schedule([def]), 'r', from + HORIZON)) {
          for (const m of shift.members) counts.set(m, (counts.get(m) ?? 0) + 1);
          const values = [...counts.values()];
          expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a skip never changes anyone’s long-run count by more than one turn', () => {
    fc.assert(
      fc.property(rotationDef({ minMembers: 2 }), fc.nat(30), fc.nat(MEMBERS.length - 1), (def, shiftIndex, who) => {
        fc.pre(def.onDuty < def.members.length);
        const from = startInstant(def);
        const plain = shiftsOf(schedule([def]), 'r', from + HORIZON);
        const shift = plain[shiftIndex % plain.length]!;
        const member = def.members[who % def.members.length]!;
        // Away for a moment inside one shift: that shift must skip them.
        const away = { member, from: shift.start, to: shift.start + 1 };
        const skipped = shiftsOf(schedule([def], { timeOff: [away] }), 'r', from + HORIZON);
        const count = (shifts: typeof plain) => {
          const c = new Map<string, number>();
          for (const s of shifts) for (const m of s.members) c.set(m, (c.get(m) ?? 0) + 1);
          return c;
        };
        const a = count(plain);
        const b = count(skipped);
        for (const m of def.members) expect(Math.abs((a.get(m) ?? 0) - (b.get(m) ?? 0))).toBeLessThanOrEqual(1);
        const at = skipped.findIndex((s) => s.start === shift.start);
        expect(skipped[at]?.members).not.toContain(member);
        // They kept their place at the front, so if the queue would have reached them they take the next shift.
        if (shift.members.includes(member) && skipped[at + 1]) expect(skipped[at + 1]?.members).toContain(member);
      }),
      { numRuns: 100 },
    );
  });
});

/** Two rotations (one resting after the other), time off and overrides: everything that carries state. */
const busySchedule = fc
  .tuple(
    rotationDef({ id: 'p', hours: true }),
    rotationDef({ id: 'q' }),
    fc.array(fc.record({ m: fc.constantFrom(...MEMBERS), at: fc.nat(100), len: fc.integer({ min: 1, max: 10 }) }), { maxLength: 4 }),
    fc.array(fc.record({ m: fc.constantFrom(...MEMBERS), r: fc.constantFrom(...MEMBERS), at: fc.nat(100), len: fc.integer({ min: 1, max: 5 }), replace: fc.boolean() }), { maxLength: 4 }),
  )
  .map(([p, q, away, covers]) => {
    q.avoid = [{ rotation: 'p', within: '12h' }];
    const base = Math.min(startInstant(p), startInstant(q));
    return {
      base,
      make: (): ScheduleInput =>
        schedule([structuredClone(p), structuredClone(q)], {
          timeOff: away.map((t) => ({ member: t.m, from: base + t.at * DAY, to: base + (t.at + t.len) * DAY })),
          overrides: covers.map((o, i) => ({
            rotation: i % 2 === 0 ? 'p' : 'q',
            member: o.m,
            from: base + o.at * DAY + 3_600_000,
            to: base + (o.at + o.len) * DAY,
            ...(o.replace ? { replaces: o.r } : {}),
          })),
        }),
    };
  });

describe('window independence', () => {
  it('a segment is the same whatever window asks for it', () => {
    fc.assert(
      fc.property(busySchedule, fc.nat(200), fc.integer({ min: 1, max: 60 }), ({ base, make }, offset, length) => {
        const wide = segmentsBetween(make(), base - DAY, base + 400 * DAY);
        const from = base + offset * DAY + 1234567;
        const to = from + length * DAY;
        const narrow = segmentsBetween(make(), from, to);
        expect(narrow).toEqual(wide.filter((s) => s.end > from && s.start < to));
      }),
      { numRuns: 60 },
    );
  });
});

describe('versions', () => {
  it('a later version never changes a segment that starts before it takes effect', () => {
    fc.assert(
      fc.property(rotationDef({ id: 'r', hours: true }), rotationDef({ id: 'r', hours: true }), fc.nat(150), (v1, v2, at) => {
        const start = startInstant(v1);
        const h1: RotationHistory = { id: 'r', versions: [{ from: -Infinity, rotation: v1 }] };
        const now = start + at * DAY + 777_000;
        const from = nextHandoffAfter(h1, now);
        fc.pre(Number.isFinite(from));
        const h2: RotationHistory = { id: 'r', versions: [...h1.versions, { from, rotation: v2 }] };
        const before = (h: RotationHistory) =>
          segmentsBetween({ timezone: 'UTC', rotations: [h], overrides: [], timeOff: [] }, start - DAY, from + 400 * DAY).filter((s: Segment) => s.start < from);
        expect(before(h2)).toEqual(before(h1));
        // And the new version is in force from `from` on.
        const after = segmentsBetween({ timezone: 'UTC', rotations: [h2], overrides: [], timeOff: [] }, from, from + 60 * DAY).filter((s) => s.start >= from);
        for (const s of after) for (const m of s.members) expect(v2.members).toContain(m);
      }),
      { numRuns: 100 },
    );
  });
});
