import { tagKey } from '../db/sync/SyncStateStore.js';
import { tagsOf } from '../rotation/rotationFileSchema.js';
import type { StoredRotation, StoredState } from '../db/types.js';
import { onDutyAt } from '../rotation/onDutyAt.js';
import type { RotationDef, ScheduleInput } from '../rotation/schedule.js';
import { unresolvedTeamMessage, type TeamIds } from '../rotation/teamIds.js';
import { nextShiftOf, tagHolders, withShadows, type TagWho } from './tags/tagHolders.js';

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

/**
 * The owner of a top-level tag (`tags:`, across rotations) in sync_state and in the reports: no rotation can have
 * this id (ROTATION_ID allows no parentheses), and sync_state.rotation_id has no foreign key to rotations, so the
 * rows need no migration. The key (team/name) tells the tags apart: a team and tag name is used once in a file.
 */
export const COMBINED_TAGS = '(tags)';

export interface TagTarget {
  /** The rotation whose `tag` it is, or COMBINED_TAGS for a top-level tag. */
  rotationId: string;
  /** The rotations whose people it holds: the owner, or a top-level tag's `rotations`. */
  rotations: string[];
  who: TagWho;
  /** The team's group id, which Graph wants; the file's thread id when that could not be resolved (`teamError`). */
  team: string;
  /** The file names the team by a thread id Rota cannot map to its group id yet: nothing is read or written. */
  teamError?: string;
  name: string;
  /** E-mail / UPN of who the tag holds: on duty now, or at the next handoff (`who: next`), shadows too when asked. */
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

/** The rotations' sync targets from their current definitions, with who each tag holds now; teams by group id (`teams`). */
export function targetsOf(state: StoredState, schedule: ScheduleInput, now: number, teams: TeamIds): SyncTargets {
  const tags: TagTarget[] = [];
  const calendars: CalendarTarget[] = [];
  const personal: PersonalTarget[] = [];
  const inForce = onDutyAt(schedule, now); // once for every rotation, not once per tagged rotation
  const defs = new Map(state.rotations.flatMap((r) => (currentDefinition(r) ? [[r.id, currentDefinition(r)!] as const] : [])));
  const tagOf = (owner: string, rotations: string[], tag: { team: string; name: string; who?: TagWho | undefined; shadows?: boolean | undefined }): TagTarget => {
    const who = tag.who ?? 'current';
    const onDuty = rotations.flatMap((id) => withShadows(tagHolders(schedule, inForce, id, who, now), defs.get(id) ?? {}, tag.shadows));
    const groupId = teams.groupIdOf(tag.team);
    const team = groupId ? { team: groupId } : { team: tag.team, teamError: unresolvedTeamMessage(tag.team) };
    return { rotationId: owner, rotations, who, ...team, name: tag.name, onDuty: [...new Set(onDuty)] };
  };
  for (const r of state.rotations) {
    const def = defs.get(r.id);
    if (!def) continue;
    for (const tag of tagsOf(def)) tags.push(tagOf(r.id, [r.id], tag));
    if (def.calendar) calendars.push({ rotationId: r.id, mailbox: def.calendar.mailbox, name: def.calendar.name, rotationName: r.name, timezone: r.timezone });
    if (def.blockPersonalCalendars) {
      // The roster and anyone an override puts on duty: each gets the blocks of their own segments (maybe none).
      const people = new Set([...r.members, ...state.overrides.filter((o) => o.rotationId === r.id).map((o) => o.member)].map((m) => m.toLowerCase()));
      for (const upn of people) personal.push({ rotationId: r.id, upn, rotationName: r.name, timezone: r.timezone });
    }
  }
  // A rotation archived since the file was checked is left out; the tag keeps the others'.
  for (const tag of state.settings.tags ?? []) tags.push(tagOf(COMBINED_TAGS, tag.rotations.filter((id) => defs.has(id)), tag));
  return { tags, calendars, personal };
}

/** The ids of the rotations that sync a tag, their own or a top-level one (their handoffs move the tag, so a job runs at each). */
export function taggedRotations(state: StoredState): Set<string> {
  const own = state.rotations.filter((r) => tagsOf(currentDefinition(r) ?? {}).length > 0).map((r) => r.id);
  return new Set([...own, ...(state.settings.tags ?? []).flatMap((t) => t.rotations)]);
}

/** For each rotation a `who: next` tag draws from, its next handoff after `now`: such a tag changes there. */
export function nextTagHandoffs(state: StoredState, schedule: ScheduleInput, now: number): Map<string, number> {
  const own = state.rotations.filter((r) => tagsOf(currentDefinition(r) ?? {}).some((t) => t.who === 'next')).map((r) => r.id);
  const ids = new Set([...own, ...(state.settings.tags ?? []).filter((t) => t.who === 'next').flatMap((t) => t.rotations)]);
  return new Map([...ids].flatMap((id) => {
    const next = nextShiftOf(schedule, id, now);
    return next ? [[id, next.start] as const] : [];
  }));
}

/** Every team a rotation or a top-level tag names (`tag.team`, `channel.team`, `tags[].team`: a group id or a thread id, as written), each once, sorted. */
export function teamsNamed(state: StoredState): string[] {
  const teams = state.rotations.flatMap((r) => {
    const def = currentDefinition(r);
    return [...tagsOf(def ?? {}).map((t) => t.team), def?.channel?.team].filter((t): t is string => Boolean(t));
  });
  return [...new Set([...teams, ...(state.settings.tags ?? []).map((t) => t.team)])].sort();
}
