import { z } from 'zod';
import type { BatchResult, GraphApi } from './GraphApi.js';
import { enc, listReads, userPath, type ListRead } from './graphReads.js';

const Installation = z.object({ id: z.string(), teamsApp: z.object({ id: z.string(), externalId: z.string().nullish() }).nullish() });
export type GraphInstallation = z.infer<typeof Installation>;

const installedApps = (userId: string) => `${userPath(userId)}/teamwork/installedApps`;

/**
 * Each user's installations of the app whose manifest id is `externalId`: an empty list when it is not installed
 * ("List apps installed for user", $filter on teamsApp/externalId with $expand=teamsApp, which also gives the
 * catalog id).
 */
export function installationsOf(api: GraphApi, userIds: string[], externalId: string): Promise<Array<ListRead<GraphInstallation>>> {
  const query = `$expand=teamsApp&$filter=${enc(`teamsApp/externalId eq '${externalId.replace(/'/g, "''")}'`)}`;
  return listReads(api, userIds.map((id) => `${installedApps(id)}?${query}`), (item) => Installation.parse(item));
}

/**
 * Installs the catalog app for each user ("Install app for user": 201 Created; 409 when it already is). The bind
 * names the catalog id on Graph's own root, as the documentation's example does.
 */
export function installApp(api: GraphApi, userIds: string[], catalogAppId: string): Promise<BatchResult[]> {
  const body = { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${enc(catalogAppId)}` };
  return api.batch(userIds.map((id) => ({ method: 'POST', url: installedApps(id), body })));
}
