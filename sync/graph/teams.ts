import { z } from 'zod';
import type { GraphApi } from './GraphApi.js';
import { enc, listReads, reads, type ListRead, type Read } from './graphReads.js';

const Owner = z.object({ id: z.string(), userPrincipalName: z.string(), mail: z.string().nullish() });
const Channel = z.object({ membershipType: z.string() });
const Team = z.object({ id: z.string(), internalId: z.string() }).transform((t) => ({ groupId: t.id, threadId: t.internalId }));
export type GraphOwner = z.infer<typeof Owner>;
export type GraphTeam = z.output<typeof Team>;

/** Each team's thread id, its `internalId` ("Get team": `GET /teams/{group-id}`; Graph refuses a thread id there). */
export function teamsOf(api: GraphApi, groupIds: string[]): Promise<Array<Read<GraphTeam>>> {
  return reads(api, groupIds.map((id) => `/teams/${enc(id)}?$select=id,internalId`), (body) => Team.parse(body));
}

/** Owners are directoryObjects: users carry a UPN; anything else (a service principal) is skipped. */
export function ownersOf(api: GraphApi, teams: string[]): Promise<Array<ListRead<GraphOwner>>> {
  return listReads(api, teams.map((team) => `/groups/${enc(team)}/owners?$select=id,userPrincipalName,mail&$top=100`), (item) => {
    const owner = Owner.safeParse(item);
    return owner.success ? owner.data : undefined;
  });
}

/** Each channel's membershipType (standard, private, shared). */
export function channelsOf(api: GraphApi, channels: Array<{ team: string; id: string }>): Promise<Array<Read<string>>> {
  return reads(api, channels.map((c) => `/teams/${enc(c.team)}/channels/${enc(c.id)}?$select=id,membershipType`), (body) => Channel.parse(body).membershipType);
}
