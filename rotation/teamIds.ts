/**
 * A team has two ids. Microsoft Graph calls the Microsoft 365 group's GUID the team id (`GET /teams/{group-id}`,
 * Graph "Get team"); the Bot Connector and Teams' activities name the team by its thread id
 * (`channelData.team.id`, "19:…@thread.tacv2"; Teams "Conversation events in your bot"), which Graph returns as
 * the team's `internalId`. A rotation file may use either; Rota keeps the pair once learned. Pure.
 */

/** A group GUID as Graph writes it: 8-4-4-4-12 hex digits. */
const GROUP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A Teams thread id: "19:", then the id, then "@thread." and a suffix (tacv2 now; skype in older teams). */
const THREAD_ID = /^19:[^\s@]+@thread\.[a-z0-9]+$/i;

/** What the file's error says a team must look like. */
export const TEAM_ID_EXPECTED = 'expected the team\'s group id (a GUID such as "0f3a1b2c-…") or its Teams thread id ("19:…@thread.tacv2")';

export type TeamIdKind = 'group' | 'thread';

/** Whether a team id is a group GUID, a thread id, or neither (undefined). */
export function teamIdKind(id: string): TeamIdKind | undefined {
  if (GROUP_ID.test(id)) return 'group';
  if (THREAD_ID.test(id)) return 'thread';
  return undefined;
}

/** The two ids of one team: `groupId` for Graph, `threadId` for the Bot Connector. */
export interface TeamPair {
  groupId: string;
  threadId: string;
}

/** Looks a team up by either id. Group GUIDs compare without case (Graph's do); thread ids exactly. */
export class TeamIds {
  private readonly byGroup = new Map<string, TeamPair>();
  private readonly byThread = new Map<string, TeamPair>();

  constructor(pairs: Iterable<TeamPair>) {
    for (const p of pairs) {
      this.byGroup.set(p.groupId.toLowerCase(), p);
      this.byThread.set(p.threadId, p);
    }
  }

  private pairOf(id: string): TeamPair | undefined {
    return this.byGroup.get(id.toLowerCase()) ?? this.byThread.get(id);
  }

  /**
   * The group GUID Graph wants: the id itself when it is one (as written, so keys Rota stored stay the same), else
   * the learned pair's; undefined when unknown.
   */
  groupIdOf(id: string): string | undefined {
    if (teamIdKind(id) === 'group') return id;
    return this.byThread.get(id)?.groupId;
  }

  /** The thread id the Bot Connector knows the team by: the id itself when it is one, else the pair's. */
  threadIdOf(id: string): string | undefined {
    if (teamIdKind(id) === 'thread') return id;
    return this.pairOf(id)?.threadId;
  }
}

/** What the sync and `rota status` say of a team named by a thread id whose group id Rota has not learned. */
export function unresolvedTeamMessage(threadId: string): string {
  return `team ${threadId}: not resolved — add Rota to the team (its install tells Rota the group id) or name the team by its group id`;
}
