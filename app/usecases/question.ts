import { DateTime } from 'luxon';
import { parseChatTime, type ChatTime } from './dates.js';
import { matchRotation } from './nameMatch.js';
import { findRotation, type RotationInfo, type Snapshot } from './context.js';
import { ok, fail, type Outcome } from '../../rotation/result.js';

/** What a question about duty names: a rotation, a time, both or neither ("mro next monday", "night at 23:00"). */
export interface Question {
  rotation?: RotationInfo;
  at?: ChatTime;
}

/** Words that join the parts of a question and belong to neither ("for mro on 24 dec"). */
const JOINERS = /^(?:for|on|in|at|of)$/;

const trimJoiners = (words: string[]): string[] => {
  let a = 0;
  let b = words.length;
  while (a < b && JOINERS.test(words[a]!)) a++;
  while (b > a && JOINERS.test(words[b - 1]!)) b--;
  return words.slice(a, b);
};

/** The zone a time without a rotation is read in: the file-wide one. */
export const zoneOf = (snap: Snapshot, rotation?: RotationInfo): string => rotation?.timezone ?? snap.state.settings.timezone;

/** The zone a person's answers are in: their first rotation's, else the file's. */
export function homeZone(snap: Snapshot, email: string): string {
  return zoneOf(snap, snap.rotations.find((r) => r.def.members.includes(email)));
}

/**
 * Reads "[rotation] [time]" or "[time] [rotation]". Every split is tried, the longest rotation first: "night" is a
 * rotation here, though chrono would read it as a date. A part that fits neither is named in the answer.
 */
export function readQuestion(snap: Snapshot, text: string, now: number): Outcome<Question> {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let timeError: string | undefined;
  let rotationError: string | undefined;
  for (let n = words.length; n >= 0; n--) {
    const splits: Array<[string[], string[]]> = [
      [words.slice(0, n), words.slice(n)],
      [words.slice(words.length - n), words.slice(0, words.length - n)],
    ];
    for (const [named, timed] of splits) {
      const r = rotationPart(snap, trimJoiners(named));
      const t = timePart(trimJoiners(timed), zoneOf(snap, r.ok ? r.value : undefined), now);
      if (r.ok && t.ok) return ok({ ...(r.value ? { rotation: r.value } : {}), ...(t.value ? { at: t.value } : {}) });
      // The most telling complaint: a time that did not read after a rotation that did, else the other way round.
      if (r.ok && r.value && !t.ok) timeError ??= t.error;
      if (!r.ok && t.ok && t.value) rotationError ??= r.error;
    }
  }
  return fail(timeError ?? rotationError ?? rotationOrTime(snap, text));
}

/** Neither part read: an unclear name is the complaint; an unknown one also says that a time may follow. */
function rotationOrTime(snap: Snapshot, text: string): string {
  const r = findRotation(snap, text);
  if (r.ok) return `I could not read "${text.trim()}".`;
  const unknown = matchRotation(snap.rotations, text).kind === 'none';
  return unknown ? `${r.error} A time can follow: "who ops tomorrow", "who is on call on 24 Dec 09:00".` : r.error;
}

function rotationPart(snap: Snapshot, words: string[]): Outcome<RotationInfo | undefined> {
  if (words.length === 0) return ok(undefined);
  return findRotation(snap, words.join(' '));
}

function timePart(words: string[], zone: string, now: number): Outcome<ChatTime | undefined> {
  const text = words.join(' ');
  if (text === '' || text === 'now' || text === 'right now') return ok(undefined);
  const t = parseChatTime(text, zone, now);
  return t.ok ? ok(t.value) : fail(t.error);
}

/** The hour a date alone stands for in `who`: "who ops tomorrow" means tomorrow's working day, not its midnight. */
export const WORKDAY_HOUR = 9;

/** A date alone → 09:00 local that day (luxon keeps it right across DST), or now for today; a time stays as it is. */
export function workingTime(t: ChatTime, zone: string, now: number): number {
  if (!t.dateOnly) return t.instant;
  const day = DateTime.fromMillis(t.instant, { zone });
  return day.hasSame(DateTime.fromMillis(now, { zone }), 'day') ? now : day.set({ hour: WORKDAY_HOUR }).toMillis();
}
