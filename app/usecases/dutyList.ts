import { DateTime } from 'luxon';
import { parseLocalDate } from '../../rotation/localDate.js';
import { fail, ok, type Outcome } from '../../rotation/result.js';
import { findRotation, snapshot, splitRotation, type ChatDeps, type RotationInfo, type Snapshot } from './context.js';
import { parseChatTime } from './dates.js';
import { dayWindow, dutyRecord, type DutyLine } from './dutyRecord.js';
import { echo } from './format.js';

/** One rotation's duties on one local day. */
export interface DutyDay {
  rotation: { id: string; name: string; timezone: string };
  date: string;
  lines: DutyLine[];
}

const localDate = (at: number, zone: string) => DateTime.fromMillis(at, { zone }).toISODate()!;
const withDuties = (snap: Snapshot) => snap.rotations.filter((r) => r.def.duties?.length);

async function daysOf(deps: ChatDeps, rotations: RotationInfo[], dateIn: (zone: string) => string, now: number): Promise<DutyDay[]> {
  return Promise.all(
    rotations.map(async (r) => {
      const date = dateIn(r.timezone);
      const { from, to } = dayWindow(r.timezone, date);
      return { rotation: { id: r.id, name: r.name, timezone: r.timezone }, date, lines: await dutyRecord(deps, r, from, to, now) };
    }),
  );
}

/**
 * `duties`, `duties ops`, `duties tomorrow`, `duties ops 2026-12-03` in chat: a day's duties and their state, today
 * in each rotation's zone unless a date is given; every rotation with duties unless one is named.
 */
export async function dutiesInChat(deps: ChatDeps, now: number, args: string): Promise<Outcome<DutyDay[]>> {
  const snap = await snapshot(deps);
  const { rest, rotation } = splitRotation(snap, args);
  const rotations = rotation ? [rotation] : withDuties(snap);
  if (!rest) return ok(await daysOf(deps, rotations, (zone) => localDate(now, zone), now));
  const zone = (rotation ?? rotations[0] ?? snap.rotations[0])?.timezone ?? snap.state.settings.timezone;
  const asDate = parseChatTime(rest, zone, now);
  if (!asDate.ok || !asDate.value.dateOnly) {
    if (!rotation && !asDate.ok && rest.split(/\s+/).length === 1) {
      const named = findRotation(snap, rest);
      if (!named.ok) return fail(`${named.error} Or give a day: "duties tomorrow", "duties ops 2026-12-03".`);
    }
    return fail(`I could not read '${echo(rest)}' as a day: write a date such as 2026-12-03, or "today", "tomorrow", "friday".`);
  }
  // "tomorrow" or "friday" is read in each rotation's own zone: Sydney's tomorrow may be New York's today.
  const dayIn = (z: string) => {
    const t = parseChatTime(rest, z, now);
    return localDate(t.ok ? t.value.instant : asDate.value.instant, z);
  };
  return ok(await daysOf(deps, rotations, dayIn, now));
}

/** `rota duties [--rotation R] [--date YYYY-MM-DD]`: the same, with the arguments named in every error. */
export async function dutiesForCli(deps: ChatDeps, now: number, opts: { rotation?: string; date?: string }): Promise<Outcome<DutyDay[]>> {
  const snap = await snapshot(deps);
  let rotations = withDuties(snap);
  if (opts.rotation !== undefined) {
    const found = snap.rotations.find((r) => r.id === opts.rotation!.trim().toLowerCase());
    if (!found) return fail(`--rotation: no rotation "${opts.rotation}"; rotations here: ${snap.rotations.map((r) => r.id).join(', ') || '(none)'}`);
    rotations = [found];
  }
  if (opts.date !== undefined && parseLocalDate(opts.date) === undefined) return fail(`--date: expected a date such as 2026-12-03 (YYYY-MM-DD), not "${opts.date}"`);
  return ok(await daysOf(deps, rotations, (zone) => opts.date ?? localDate(now, zone), now));
}
