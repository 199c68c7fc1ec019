import { z } from 'zod';
import type { Logger } from '../app/root/logger.js';
import type { SubscriptionStore } from '../db/subscriptions/SubscriptionStore.js';
import type { SyncStateStore } from '../db/sync/SyncStateStore.js';
import type { TeamOwnerStore } from '../db/teamOwners/TeamOwnerStore.js';
import type { StoredState } from '../db/types.js';
import type { GraphApi } from './GraphApi.js';
import { messageOf } from '../rotation/messageOf.js';
import { currentDefinition, teamsNamed } from './syncTargets.js';

const ChannelJson = z.object({ membershipType: z.string() });
const OwnerJson = z.object({ id: z.string(), userPrincipalName: z.string(), mail: z.string().nullish() });

export type TeamOwnersRead = Array<{ team: string; owners: number; error?: string }>;

/**
 * The owners of every team a rotation names (`tag.team`, `channel.team`: a group id), stored for the bot, which
 * treats them as the rotation's admins. A team whose owners cannot be read keeps what was stored before.
 */
export async function readTeamOwners(api: GraphApi, owners: TeamOwnerStore, log: Logger, state: StoredState, now: number): Promise<TeamOwnersRead> {
  const teams = teamsNamed(state);
  await owners.keepOnly(teams);
  const url = (team: string) => `/groups/${encodeURIComponent(team)}/owners?$select=id,userPrincipalName,mail&$top=100`;
  const reads = await api.batch(teams.map((team) => ({ method: 'GET' as const, url: url(team) })));
  const out: TeamOwnersRead = [];
  for (const [i, team] of teams.entries()) {
    const r = reads[i]!;
    try {
      if (r.error) throw r.error;
      // Owners are directoryObjects: users carry a UPN; anything else (a service principal) is no chat admin.
      const read = (await api.all(url(team), r.body)).map((o) => OwnerJson.safeParse(o)).flatMap((p) => (p.success ? [p.data] : []));
      await owners.replace(team, read.map((o) => ({ userId: o.id, upn: o.userPrincipalName, ...(o.mail ? { mail: o.mail } : {}) })), now);
      out.push({ team, owners: read.length });
    } catch (err) {
      const error = messageOf(err);
      log.warn({ team, err: error }, 'team owners not read; the ones stored before stay admins');
      out.push({ team, owners: (await owners.owners(team)).length, error });
    }
  }
  return out;
}

/**
 * Tags do not work in private or shared channels, so the handoff card may mention the synced tag only where the
 * rotation posts to a standard channel: the sync reads each channel's membershipType ("Get channel") and keeps it
 * in sync_state for the bot. A channel that cannot be read is forgotten, so no tag is mentioned there.
 */
export async function readChannelKinds(api: GraphApi, stores: { sync: SyncStateStore; chat: SubscriptionStore }, log: Logger, state: StoredState, now: number): Promise<void> {
  const subscribed = await stores.chat.subscriptions();
  const channels = new Map<string, { team: string; id: string }>();
  for (const r of state.rotations) {
    const def = currentDefinition(r);
    const channel = subscribed.get(r.id) ?? def?.channel;
    if (channel && def?.tag) channels.set(r.id, channel); // only a rotation with a tag needs to know
  }
  await stores.sync.keepChannels(channels);
  const entries = [...channels];
  const reads = await api.batch(entries.map(([, c]) => ({ method: 'GET' as const, url: `/teams/${encodeURIComponent(c.team)}/channels/${encodeURIComponent(c.id)}?$select=id,membershipType` })));
  for (const [i, [rotationId, channel]] of entries.entries()) {
    const r = reads[i]!;
    const parsed = ChannelJson.safeParse(r.body);
    if (r.error || !parsed.success) log.warn({ rotation: rotationId, channel, err: r.error?.message }, 'channel not read: the handoff card will not mention the tag there');
    await stores.sync.saveChannelKind(rotationId, channel, !r.error && parsed.success ? parsed.data.membershipType : undefined, now);
  }
}
