import { isoWeekday } from './localDate.js';

/** What fixes a rotation's weekday pattern: its cadence, allowed handoff days, roster size and on-duty count. */
export type CycleInput = { startDay: number; stepDays: number; dayMask: number; memberCount: number; onDuty: number };

/** One handoff of the weekday pattern: days after the start date, and days until the next handoff. */
export type PatternSlot = { offset: number; days: number };

/**
 * The handoffs of one weekday period, holidays aside. Handoff weekdays repeat every
 * lcm(stepDays, 7) days (a week for daily rotations, 3 weeks for "3d"); `days` keeps some of
 * the candidate dates in that period, and each kept handoff runs until the next kept one.
 */
export function handoffPattern(r: CycleInput): { periodDays: number; slots: PatternSlot[] } {
  const periodDays = lcm(r.stepDays, 7);
  const offsets: number[] = [];
  for (let offset = 0; offset < periodDays; offset += r.stepDays) {
    if ((r.dayMask & (1 << isoWeekday(r.startDay + offset))) !== 0) offsets.push(offset);
  }
  const slots = offsets.map((offset, i) => ({ offset, days: (offsets[i + 1] ?? periodDays + (offsets[0] ?? 0)) - offset }));
  return { periodDays, slots };
}

/**
 * A rotation's cycle, in shifts: the fewest shifts after which both the weekday pattern and the
 * plain queue are back where they started, lcm(handoffs per period, n / gcd(n, onDuty)). Within
 * one cycle every member has the same number of turns, so moving the queue on by one turn
 * between cycles (`order: rotate-weekly`) never costs or gives anyone a turn. For five members
 * on five weekday handoffs it is one week; for ten members it is two.
 */
export function cycleShifts(r: CycleInput): number {
  const handoffs = handoffPattern(r).slots.length;
  if (handoffs === 0 || r.memberCount === 0) return Infinity;
  return lcm(handoffs, r.memberCount / gcd(r.memberCount, Math.min(r.onDuty, r.memberCount)));
}

/**
 * The cycle in local calendar days: cycleShifts(r) handoffs span that many weekday periods.
 * Cycle c of a version is [start + c * cycleDays, start + (c + 1) * cycleDays) in local days,
 * counted from the version's start date, so holidays (which drop a handoff) never shift it.
 */
export function cycleDays(r: CycleInput): number {
  const { periodDays, slots } = handoffPattern(r);
  const shifts = cycleShifts(r);
  return Number.isFinite(shifts) ? (periodDays * shifts) / slots.length : Infinity;
}

export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return Math.abs(a);
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}
