import type { StandInUser } from './users.js';
import { graphError, type Reply } from './replies.js';

/**
 * "List group owners": GET /groups/{id}/owners → 200 directoryObject collection (users here, each with its
 * @odata.type; $select narrows the properties; paged); 404 Request_ResourceNotFound for an unknown group. A team's
 * id is its group's id, and a team's owners are its members too.
 */

export interface OwnersContext {
  teams: ReadonlyMap<string, { ownerUserIds: Set<string> }>;
  userById: (id: string) => StandInUser;
  page: (items: unknown[], path: string, query: URLSearchParams) => Reply;
}

/** /groups/{id}/owners; undefined for any other path. */
export function ownersRoute(ctx: OwnersContext, method: string, seg: string[], query: URLSearchParams): Reply | undefined {
  if (!(seg[0] === 'groups' && seg[2] === 'owners' && seg.length === 3 && method === 'GET')) return undefined;
  const team = ctx.teams.get(seg[1]!);
  if (!team) return graphError(404, 'Request_ResourceNotFound', `Resource '${seg[1]}' does not exist or one of its queried reference-property objects are not present.`);
  const select = query.get('$select')?.split(',').map((p) => p.trim());
  const owners = [...team.ownerUserIds].map((id) => {
    const u = ctx.userById(id);
    const full: Record<string, unknown> = { id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName, mail: u.mail };
    const picked = select ? Object.fromEntries(Object.entries(full).filter(([k]) => select.includes(k))) : full;
    return { '@odata.type': '#microsoft.graph.user', ...picked };
  });
  return ctx.page(owners, `/${seg.map(encodeURIComponent).join('/')}`, query);
}
