import { postingChannel } from '../rotation/postingChannel.js';
import type { Logger } from 'pino';
import type { StoredState } from '../db/types.js';
import { collect } from './graph/GraphApi.js';
import type { GraphClient, GraphOwner } from './graph/GraphClient.js';
import { messageOf } from '../rotation/messageOf.js';
import type { SyncStores } from './SyncStores.js';
import { currentDefinition, teamsNamed } from './syncTargets.js';
import { unresolvedTeamMessage, type TeamIds } from '../rotation/teamIds.js';

/**
 * What the bot needs to know of Teams, read by the sync (the only part of Rota that talks to Graph): the owners
 * of every team a rotation names, who are the rotations' admins in chat; and the kind of each channel a rotation
 * with a tag posts to, because tags work in standard channels only.
 */

export type TeamOwnersRead = Array<{ team: string; owners: number; error?: string }>;

export interface Directory {
  owners: Array<{ team: string; owners?: GraphOwner[]; error?: string }>;
  /** By rotation id: the channel it posts to, and its membershipType when it could be read. */
  channels: Map<string, { channel: { team: string; id: string }; membershipType?: string; error?: string }>;
}

/**
 * Reads the owners of every team named (`tag.team`, `channel.team`) and the kinds of the channels posted to, each
 * team by its group id (`teams`); both are stored by group id. A team whose group id is unknown is not read.
 */
export async function readDirectory(graph: GraphClient, state: StoredState, subscribed: ReadonlyMap<string, { team: string; id: string }>, ids: TeamIds): Promise<Directory> {
  const named = teamsNamed(state);
  const owners: Directory['owners'] = named.filter((t) => !ids.groupIdOf(t)).map((team) => ({ team, error: unresolvedTeamMessage(team) }));
  const teams = [...new Set(named.flatMap((t) => ids.groupIdOf(t) ?? []))].sort();
  for (const [i, r] of (await graph.ownersOf(teams)).entries()) {
    try {
      if (!r.ok) throw r.error;
      owners.push({ team: teams[i]!, owners: await collect(r.value) });
    } catch (err) {
      owners.push({ team: teams[i]!, error: messageOf(err) });
    }
  }
  const posting: Array<[string, { team: string; id: string }]> = [];
  for (const r of state.rotations) {
    const def = currentDefinition(r);
    const named = postingChannel(subscribed, r.id, def);
    const team = named ? ids.groupIdOf(named.team) : undefined;
    if (named && team && def?.tag) posting.push([r.id, { team, id: named.id }]); // only a rotation with a tag needs to know
  }
  const kinds = await graph.channelsOf(posting.map(([, c]) => c));
  const channels: Directory['channels'] = new Map();
  for (const [i, [rotationId, channel]] of posting.entries()) {
    const r = kinds[i]!;
    channels.set(rotationId, r.ok ? { channel, membershipType: r.value } : { channel, error: r.error.message });
  }
  return { owners, channels };
}

/**
 * Stores what was read. A team whose owners could not be read keeps the ones stored before; a channel that could
 * not be read is forgotten, so no tag is mentioned there.
 */
export async function recordDirectory(stores: Pick<SyncStores, 'teamOwners' | 'syncState'>, log: Logger, read: Directory, now: number): Promise<TeamOwnersRead> {
  await stores.teamOwners.keepOnly(read.owners.map((o) => o.team));
  const out: TeamOwnersRead = [];
  for (const { team, owners, error } of read.owners) {
    if (owners) {
      await stores.teamOwners.replace(team, owners.map((o) => ({ userId: o.id, upn: o.userPrincipalName, ...(o.mail ? { mail: o.mail } : {}) })), now);
      out.push({ team, owners: owners.length });
    } else {
      log.warn({ team, err: error }, 'team owners not read; the ones stored before stay admins');
      out.push({ team, owners: (await stores.teamOwners.owners(team)).length, error: error ?? 'not read' });
    }
  }
  await stores.syncState.keepChannels(new Map([...read.channels].map(([rotationId, c]) => [rotationId, c.channel])));
  for (const [rotationId, { channel, membershipType, error }] of read.channels) {
    if (membershipType === undefined) log.warn({ rotation: rotationId, channel, err: error }, 'channel not read: the handoff card will not mention the tag there');
    await stores.syncState.saveChannelKind(rotationId, channel, membershipType, now);
  }
  return out;
}
