import { z } from 'zod';
import type { GraphApi } from './GraphApi.js';
import { enc, reads, userPath, type Read } from './graphReads.js';
import { odataString } from './odata.js';

const User = z.object({ id: z.string(), displayName: z.string().nullish(), userPrincipalName: z.string().nullish(), mail: z.string().nullish() });
const UserPage = z.object({ value: z.array(User) });
export type GraphUser = z.infer<typeof User>;

const USER_FIELDS = 'id,displayName,userPrincipalName,mail';

/** "Get user": `GET /users/{id | userPrincipalName}` finds a user by object id or UPN only, never by mail (404). */
export function users(api: GraphApi, idsOrUpns: string[]): Promise<Array<Read<GraphUser>>> {
  return reads(api, idsOrUpns.map((key) => `${userPath(key)}?$select=${USER_FIELDS}`), (body) => User.parse(body));
}

/** The users whose `mail` is each address ("List users", `$filter=mail eq '…'`): none, one, or (a tenant's mistake) more. */
export function usersByMail(api: GraphApi, addresses: string[]): Promise<Array<Read<GraphUser[]>>> {
  return matches(api, addresses.map((a) => `mail eq ${odataString(a)}`));
}

/**
 * The users who have each address as an alias. The primary (`SMTP:`) address is the user's mail, tried first; aliases
 * are stored with a lower-case `smtp:` (user resource, proxyAddresses: `['SMTP: bob@contoso.com', 'smtp:
 * bob@sales.contoso.com']`), so that is the prefix sent, whether or not the directory compares case-blind.
 */
export function usersByProxyAddress(api: GraphApi, addresses: string[]): Promise<Array<Read<GraphUser[]>>> {
  return matches(api, addresses.map((a) => `proxyAddresses/any(x:x eq ${odataString(`smtp:${a}`)})`));
}

/**
 * One `GET /users?$filter=…&$top=2` per filter, in $batch requests (two are enough to know a match is ambiguous).
 * `eq` on mail and inside `any` on proxyAddresses work by default (the property table of "Advanced query
 * capabilities on Microsoft Entra ID objects"), so no `ConsistencyLevel: eventual` / `$count=true`: they would
 * make the answer eventually consistent, missing a user created a moment ago.
 */
function matches(api: GraphApi, filters: string[]): Promise<Array<Read<GraphUser[]>>> {
  return reads(api, filters.map((f) => `/users?$filter=${enc(f)}&$select=${USER_FIELDS}&$top=2`), (body) => UserPage.parse(body).value);
}
