import { tagKey } from '../db/sync/SyncStateStore.js';
import { tagsOf } from '../rotation/rotationFileSchema.js';
import type { StoredRotation, StoredState } from '../db/types.js';
import { onDutyAt } from '../rotation/onDutyAt.js';
import type { RotationDef, ScheduleInput } from '../rotation/schedule.js';
import { unresolvedTeamMessage, type TeamIds } from '../rotation/teamIds.js';

/**
 * What each rotation asks the sync for, from its current definition: a tag, a shared calendar, blocks in the
 * members' own calendars. Pure.
 */

/** The definition a rotation has now: its latest version's. */
export function currentDefinition(r: StoredRotation): RotationDef | undefined {
  return r.versions.at(-1)?.definition;
}

/** sync_state keys: a tag by team and name (db's own), a shared calendar by mailbox (lower case) and name. */
export { tagKey };
export const calendarKey = (c: { mailbox: string; name: string }): string => `${c.mailbox.toLowerCase()}/${c.name}`;

export interface TagTarget {
  rotationId: string;
  /** The team's group id, which Graph wants; the file's thread id when that could not be resolved (`teamError`). */
  team: string;
  /** The file names the team by a thread id Rota cannot map to its group id yet: nothing is read or written. */
  teamError?: string;
  name: string;
  /** E-mail / UPN of who is on duty now. */
  onDuty: string[];
}

/** A rotation's shared calendar, with what its events need to be written. */
export interface CalendarTarget {
  rotationId: string;
  mailbox: string;
  name: string;
  rotationName: string;
  timezone: string;
}

/** One person's own calendar for one rotation (`blockPersonalCalendars`). */
export interface PersonalTarget {
  rotationId: string;
  /** The member's e-mail / UPN: the mailbox whose default calendar gets the blocks. */
  upn: string;
  rotationName: string;
  timezone: string;
}

export interface SyncTargets {
  tags: TagTarget[];
  calendars: CalendarTarget[];
  personal: PersonalTarget[];
}

/** The rotations' sync targets from their current definitions, with who is on duty now; teams by group id (`teams`). */
export function targetsOf(state: StoredState, schedule: ScheduleInput, now: number, teams: TeamIds): SyncTargets {
  const tags: TagTarget[] = [];
  const calendars: CalendarTarget[] = [];
  const personal: PersonalTarget[] = [];
  const inForce = onDutyAt(schedule, now); // once for every rotation, not once per tagged rotation
  for (const r of state.rotations) {
    const def = currentDefinition(r);
    if (!def) continue;
    for (const tag of tagsOf(def)) {
      const onDuty = inForce.filter((s) => s.rotation === r.id).flatMap((s) => s.members);
      const groupId = teams.groupIdOf(tag.team);
      const team = groupId ? { team: groupId } : { team: tag.team, teamError: unresolvedTeamMessage(tag.team) };
      tags.push({ rotationId: r.id, ...team, name: tag.name, onDuty: [...new Set(onDuty)] });
    }
    if (def.calendar) calendars.push({ rotationId: r.id, mailbox: def.calendar.mailbox, name: def.calendar.name, rotationName: r.name, timezone: r.timezone });
    if (def.blockPersonalCalendars) {
      // The roster and anyone an override puts on duty: each gets the blocks of their own segments (maybe none).
      const people = new Set([...r.members, ...state.overrides.filter((o) => o.rotationId === r.id).map((o) => o.member)].map((m) => m.toLowerCase()));
      for (const upn of people) personal.push({ rotationId: r.id, upn, rotationName: r.name, timezone: r.timezone });
    }
  }
  return { tags, calendars, personal };
}

/** The ids of the rotations that sync a tag (their handoffs move the tag, so a job runs at each). */
export function taggedRotations(state: StoredState): Set<string> {
  return new Set(state.rotations.filter((r) => tagsOf(currentDefinition(r) ?? {}).length > 0).map((r) => r.id));
}

/** Every team a rotation names (`tag.team`, `channel.team`: a group id or a thread id, as written), each once, sorted. */
export function teamsNamed(state: StoredState): string[] {
  const teams = state.rotations.flatMap((r) => {
    const def = currentDefinition(r);
    return [...tagsOf(def ?? {}).map((t) => t.team), def?.channel?.team].filter((t): t is string => Boolean(t));
  });
  return [...new Set(teams)].sort();
}
