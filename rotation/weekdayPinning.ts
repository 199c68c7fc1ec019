import { compileRotation, type CompiledRotation } from './compiledRotation.js';
import { cycleShifts, handoffPattern, type CycleInput, type PatternSlot } from './dutyCycle.js';
import { isoWeekday } from './localDate.js';
import type { RotationFile } from './rotationFileSchema.js';
import type { RotationDef, ScheduleInput } from './schedule.js';
import { weekdayName } from './weekday.js';

/** A warning about a valid file: it works, but probably not as its author meant. */
export type FileWarning = { path: string; message: string };

/** One member's fixed share of the weekday pattern under the plain queue. */
export type PinnedMember = { member: string; slots: Array<{ label: string; hours: number }>; hoursPerCycle: number };

/**
 * Whether the plain queue pins members to the same weekday(s) for good, holidays, time off and
 * `avoid` aside. Shift i of a cycle takes queue places i*onDuty … i*onDuty+onDuty-1 (mod n) and
 * falls on slot i mod h of the weekday pattern; both repeat after cycleShifts() shifts. When
 * gcd(h * onDuty, n) > onDuty (five members, five weekday handoffs: gcd 5 > 1) some member never
 * reaches some slot: each member keeps the same weekdays week after week.
 * Undefined when every member reaches every slot, or when a fix is already set.
 */
export function weekdayPinning(def: RotationDef): PinnedMember[] | undefined {
  if (def.order === 'rotate-weekly' || def.balance === 'hours') return undefined;
  const r = compileRotation(def);
  const n = r.members.length;
  const k = Math.min(r.onDuty, n);
  const { slots } = handoffPattern(cycleInput(r));
  const h = slots.length;
  if (h < 2 || n <= k) return undefined;
  const held = r.members.map(() => new Set<number>());
  const load = r.members.map(() => 0);
  const shifts = cycleShifts(cycleInput(r));
  for (let i = 0; i < shifts; i++) {
    for (let j = 0; j < k; j++) {
      const p = (i * k + j) % n;
      held[p]?.add(i % h);
      load[p] = (load[p] ?? 0) + slotOf(r, slots, i % h).hours;
    }
  }
  if (held.every((s) => s.size === h)) return undefined;
  return r.members.map((member, p) => ({
    member,
    slots: [...(held[p] ?? [])].sort((a, b) => a - b).map((s) => slotOf(r, slots, s)),
    hoursPerCycle: load[p] ?? 0,
  }));
}

function cycleInput(r: CompiledRotation): CycleInput {
  return { startDay: r.startDay, stepDays: r.stepDays, dayMask: r.dayMask, memberCount: r.members.length, onDuty: r.onDuty };
}

function slotOf(r: CompiledRotation, slots: PatternSlot[], index: number): { label: string; hours: number } {
  const slot = slots[index] ?? { offset: 0, days: 7 };
  const from = weekdayName(isoWeekday(r.startDay + slot.offset));
  const to = weekdayName(isoWeekday(r.startDay + slot.offset + slot.days));
  const windowMinutes = r.hours ? (r.hours.end - r.hours.start + 1440) % 1440 : 1440;
  return { label: `${from} → ${to}`, hours: (slot.days * windowMinutes) / 60 };
}

/** The warning text for a pinned rotation: the pattern at both ends of the load, and the two fixes. */
export function pinningMessage(def: RotationDef, pinned: PinnedMember[]): string {
  const r = compileRotation(def);
  const { periodDays, slots } = handoffPattern(cycleInput(r));
  const per = periodDays === 7 ? 'a week' : `every ${periodDays / 7} weeks`;
  const again = periodDays === 7 ? 'week after week' : 'each time round';
  const most = pinned.reduce((a, b) => (b.hoursPerCycle > a.hoursPerCycle ? b : a));
  const least = pinned.reduce((a, b) => (b.hoursPerCycle < a.hoursPerCycle ? b : a));
  const describe = (m: PinnedMember) =>
    `${shortName(m.member)} always has ${m.slots.map((s) => `${s.label} (${formatHours(s.hours)} h)`).join(' and ')}`;
  const examples = least.hoursPerCycle < most.hoursPerCycle ? `${describe(most)}, ${describe(least)}` : describe(most);
  const name = def.name ? `${def.id} (${def.name})` : def.id;
  return (
    `rotation ${name}: ${r.members.length} members take ${slots.length} handoffs ${per}, so each keeps the same weekdays ${again} ` +
    `(from the start date: ${examples}). To share them out set \`order: rotate-weekly\` (the queue moves on by one turn each cycle) ` +
    'or `balance: hours` (each shift goes to whoever has the fewest on-duty hours, ties by queue order).'
  );
}

/** Pinning warnings for a validated file, with paths like `rotations[1]`. */
export function pinningWarnings(file: RotationFile): FileWarning[] {
  return file.rotations.flatMap((rotation, i) => warningFor({ ...rotation, timezone: rotation.timezone ?? file.timezone }, `rotations[${i}]`));
}

/** Pinning warnings for the rotations of a schedule, judged by each rotation's latest version. */
export function schedulePinningWarnings(schedule: ScheduleInput): FileWarning[] {
  return schedule.rotations.flatMap((history, i) => {
    const latest = history.versions.at(-1)?.rotation;
    return latest ? warningFor(latest, `rotations[${i}]`) : [];
  });
}

function warningFor(def: RotationDef, path: string): FileWarning[] {
  const pinned = weekdayPinning(def);
  return pinned ? [{ path, message: pinningMessage(def, pinned) }] : [];
}

function shortName(member: string): string {
  return member.split('@')[0] ?? member;
}

function formatHours(hours: number): string {
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
}
