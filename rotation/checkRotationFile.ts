import { parseHandoff } from './clockTime.js';
import { checkDuties, warnDuties } from './checkDuties.js';
import { checkTags, warnTags } from './checkTags.js';
import { checkHolidays } from './checkHolidays.js';
import { checkShadows } from './checkShadows.js';
import { parseEvery } from './duration.js';
import type { FieldError } from './fieldError.js';
import { fieldPath } from './fieldError.js';
import { isoWeekday, parseLocalDate } from './localDate.js';
import { parseFileTime, resolveFileTime } from './localDateTime.js';
import type { FileCombinedTag, FileOverride, FileRotation, FileTimeOff } from './rotationFileSchema.js';
import { weekdayName } from './weekday.js';
import { ZoneClock } from './zoneClock.js';

/** The pieces of a file that passed the per-field schema, with their positions. */
export type CheckInput = {
  timezone: string;
  rotationIds: Array<{ index: number; id: string }>; // every rotation with a string id, valid or not
  /** Everyone in some rotation's roster (admins alone are not). */
  knownMembers: ReadonlySet<string>;
  rotations: Array<{ index: number; rotation: FileRotation }>;
  overrides: Array<{ index: number; override: FileOverride }>;
  timeOff: Array<{ index: number; timeOff: FileTimeOff }>;
  /** The top-level tags (across rotations) that passed the schema. */
  tags?: Array<{ index: number; tag: FileCombinedTag }>;
  /** Rosters of rotations that failed the schema elsewhere, so their duplicates are still reported. */
  looseRosters?: Array<{ index: number; members: string[]; onDuty?: number }>;
};

/** Rules that relate one field to another. Each error names the field to fix. */
export function checkRotationFile(input: CheckInput): FieldError[] {
  const errors: FieldError[] = [];
  const err = (path: PropertyKey[], message: string) => errors.push({ path: fieldPath(path), message });
  const ids = new Set(input.rotationIds.map((r) => r.id));
  const byId = new Map(input.rotations.map((r) => [r.rotation.id, r] as const));

  const firstIndex = new Map<string, number>();
  for (const { index, id } of input.rotationIds) {
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else err(['rotations', index, 'id'], `duplicate id "${id}" (also rotations[${first}])`);
  }

  for (const { index, rotation } of input.rotations) checkRotation(rotation, ['rotations', index], ids, err);
  for (const { index, members, onDuty } of input.looseRosters ?? []) checkRoster(members, onDuty ?? 1, ['rotations', index], err);
  checkAvoidCycles(input.rotations, err);
  checkEscalationCycles(input.rotations, err);
  errors.push(...checkTags(input));

  for (const { index, override } of input.overrides) {
    const at = ['overrides', index];
    if (!ids.has(override.rotation)) err([...at, 'rotation'], `unknown rotation "${override.rotation}"`);
    const zone = byId.get(override.rotation)?.rotation.timezone ?? input.timezone;
    checkRange(override.from, override.to, zone, [...at, 'to'], err);
  }

  for (const { index, timeOff } of input.timeOff) {
    const at = ['timeOff', index];
    if (timeOff.rotation !== undefined && !ids.has(timeOff.rotation)) err([...at, 'rotation'], `unknown rotation "${timeOff.rotation}"`);
    const zone = (timeOff.rotation === undefined ? undefined : byId.get(timeOff.rotation))?.rotation.timezone ?? input.timezone;
    checkRange(timeOff.from, timeOff.to, zone, [...at, 'to'], err);
  }
  return errors;
}

type Report = (path: PropertyKey[], message: string) => void;

function checkRotation(r: FileRotation, at: PropertyKey[], ids: ReadonlySet<string>, err: Report): void {
  const every = parseEvery(r.every);
  const handoff = parseHandoff(r.handoff);
  if (every && handoff) {
    const weekly = every.unit === 'w';
    if (weekly && handoff.weekday === undefined) {
      err([...at, 'handoff'], `expected a weekday and time such as "Mon 12:00" for a weekly rotation (every: ${r.every})`);
    }
    if (!weekly && handoff.weekday !== undefined) {
      err([...at, 'handoff'], `expected a time only, such as "09:00", for a day-based rotation (every: ${r.every})`);
    }
    const start = parseLocalDate(r.start);
    if (weekly && handoff.weekday !== undefined && start !== undefined && isoWeekday(start) !== handoff.weekday) {
      err(
        [...at, 'start'],
        `${r.start} is a ${weekdayName(isoWeekday(start))}; a rotation handing off "${r.handoff}" must start on a ${weekdayName(handoff.weekday)}`,
      );
    }
    if (!weekly && r.days && every.count % 7 === 0 && start !== undefined && !r.days.includes(weekdayName(isoWeekday(start)))) {
      err([...at, 'days'], `every ${r.every} from a ${weekdayName(isoWeekday(start))} never lands on ${r.days.join(', ')}`);
    }
    if (weekly && r.days) err([...at, 'days'], `only for day-based rotations (every in days), not every: ${r.every}`);
  }

  checkRoster(r.members, r.onDuty, at, err);

  r.avoid?.forEach((a, j) => {
    if (!ids.has(a.rotation)) err([...at, 'avoid', j, 'rotation'], `unknown rotation "${a.rotation}"`);
  });
  if (r.escalation !== undefined && !ids.has(r.escalation)) err([...at, 'escalation'], `unknown rotation "${r.escalation}"`);
  checkDuties(r, at, err);
  checkHolidays(r, at, err);
  checkShadows(r, at, err);
}

/**
 * Things that are allowed but probably not meant, named by field like errors. A cover (override) by someone in no
 * rotation is wanted (a colleague from another team stands in), and so is one kept after a roster change: `export`
 * writes them, so `apply` must take them back; the warning is there in case the address is a typo.
 */
export function warnRotationFile(input: CheckInput): FieldError[] {
  const warnings: FieldError[] = [];
  const warn = (path: PropertyKey[], message: string) => warnings.push({ path: fieldPath(path), message });
  const byId = new Map(input.rotations.map((r) => [r.rotation.id, r.rotation] as const));
  for (const { index, override } of input.overrides) {
    const at = ['overrides', index];
    const target = byId.get(override.rotation);
    if (!input.knownMembers.has(override.member)) warn([...at, 'member'], `"${override.member}" is in no rotation; the cover stands (check the address)`);
    if (override.replaces !== undefined && target && !target.members.includes(override.replaces)) {
      warn([...at, 'replaces'], `"${override.replaces}" is not a member of rotation "${override.rotation}"; the cover stands`);
    }
  }
  for (const { index, rotation } of input.rotations) warnDuties(rotation, ['rotations', index], warn);
  warnings.push(...warnTags(input));
  for (const { index, timeOff } of input.timeOff) {
    const at = ['timeOff', index, 'member'];
    const target = timeOff.rotation === undefined ? undefined : byId.get(timeOff.rotation);
    if (target && !target.members.includes(timeOff.member)) warn(at, `"${timeOff.member}" is not a member of rotation "${target.id}"; this time off changes nothing`);
    else if (!target && !input.knownMembers.has(timeOff.member)) warn(at, `"${timeOff.member}" is in no rotation; this time off changes nothing`);
  }
  return warnings;
}

function checkRange(fromText: string, toText: string, zone: string, at: PropertyKey[], err: Report): void {
  const from = parseFileTime(fromText);
  const to = parseFileTime(toText);
  if (!from || !to) return;
  const clock = ZoneClock.of(zone);
  if (resolveFileTime(to, clock, true) <= resolveFileTime(from, clock)) err(at, `must be after from (${fromText})`);
}

/**
 * Rest rules are evaluated in dependency order (a rotation after the ones it avoids),
 * so a cycle of `avoid` rules has no order and is refused.
 */
function checkAvoidCycles(rotations: CheckInput['rotations'], err: Report): void {
  const byId = new Map(rotations.map((r) => [r.rotation.id, r] as const));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'visiting');
    stack.push(id);
    const entry = byId.get(id);
    entry?.rotation.avoid?.forEach((a, j) => {
      const next = a.rotation;
      if (!byId.has(next)) return;
      if (state.get(next) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(next)), next].join(' → ');
        err(['rotations', entry.index, 'avoid', j, 'rotation'], `avoid cycle: ${cycle}`);
      } else if (state.get(next) === undefined) visit(next);
    });
    stack.pop();
    state.set(id, 'done');
  };
  for (const { rotation } of rotations) if (!state.has(rotation.id)) visit(rotation.id);
}

/**
 * Escalation is followed from rotation to rotation, so a loop (a → b → a, or a → a) would page in circles. Each
 * rotation escalates to at most one other, so every loop is found by walking forward from each rotation; it is
 * reported once, at the escalation of its rotation that comes first in the file.
 */
function checkEscalationCycles(rotations: CheckInput['rotations'], err: Report): void {
  const byId = new Map(rotations.map((r) => [r.rotation.id, r] as const));
  const reported = new Set<string>();
  for (const { rotation } of rotations) {
    const path: string[] = [];
    let id: string | undefined = rotation.id;
    while (id !== undefined && byId.has(id) && !path.includes(id)) {
      path.push(id);
      id = byId.get(id)!.rotation.escalation;
    }
    if (id === undefined || !path.includes(id)) continue;
    const loop = path.slice(path.indexOf(id));
    if (loop.some((r) => reported.has(r))) continue;
    loop.forEach((r) => reported.add(r));
    const first = loop.map((r) => byId.get(r)!).sort((a, b) => a.index - b.index)[0]!;
    const from = loop.indexOf(first.rotation.id);
    const cycle = [...loop.slice(from), ...loop.slice(0, from), first.rotation.id].join(' → ');
    err(['rotations', first.index, 'escalation'], `escalation cycle: ${cycle}${loop.length === 1 ? ' (a rotation cannot escalate to itself)' : ''}`);
  }
}

/** Nobody twice in a roster, and no more people on duty than the roster holds. */
function checkRoster(members: readonly string[], onDuty: number, at: PropertyKey[], err: (path: PropertyKey[], message: string) => void): void {
  const seen = new Map<string, number>();
  members.forEach((m, i) => {
    const first = seen.get(m);
    if (first === undefined) seen.set(m, i);
    else err([...at, 'members', i], `"${m}" is listed twice (also members[${first}])`);
  });
  if (onDuty > seen.size) err([...at, 'onDuty'], `${onDuty} on duty but only ${seen.size} member(s) in the roster`);
}
