import type { GraphClient, GraphUser, Read } from './graph/GraphClient.js';
import type { SyncIdentity, SyncStateStore } from './SyncStores.js';

/** An Entra user as the sync knows them: the object id, with the display name, UPN and mail Graph gave. */
export type Identity = SyncIdentity;

/** Who is who: address (lower case) → Entra identity; and why someone could not be resolved. */
export interface Identities {
  ids: ReadonlyMap<string, Identity>;
  unknown: ReadonlyMap<string, string>;
  /** Looked up in Graph this time: cached when the run is recorded. */
  fetched: ReadonlyMap<string, Identity>;
}

/**
 * How long a cached identity is trusted before it is read again by its object id: a day, so a display name changed
 * in Entra shows within one (also for someone who never writes to the bot, whose Teams name Rota never sees), at
 * the cost of one $batch request per 20 people a day.
 */
export const IDENTITY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * From the cache, else Graph, each step in $batch requests for everyone still unresolved: `GET /users/{address}`
 * (an object id or UPN; "Get user" answers 404 for anything else, a mail address included), then the user whose
 * `mail` is the address, then the user who has it among their `proxyAddresses`. Once resolved, the object id is
 * the identity, so a UPN renamed later in the tenant still matches. A cached identity older than IDENTITY_TTL_MS
 * is read again by its object id (`GET /users/{objectId}`) for a fresh name, UPN and mail; when that user is gone
 * (404: deleted), the address is resolved again as if new, since it may have been given to someone else. A
 * re-read that fails otherwise keeps the cached identity (and is tried again next run).
 */
export async function resolveIdentities(graph: GraphClient, store: SyncStateStore, emails: string[], now: number): Promise<Identities> {
  const ids = await store.identities(emails);
  const unknown = new Map<string, string>();
  const fetched = new Map<string, Identity>();
  const found = (address: string, u: GraphUser) => {
    const identity = identityOf(u);
    ids.set(address, identity);
    fetched.set(address, identity);
  };
  const addresses = [...new Set(emails.map((e) => e.toLowerCase()))];
  const gone = await refresh(graph, store, ids, now, found);
  let left = addresses.filter((e) => !ids.has(e));
  const byUpn = await graph.users(left);
  left = left.filter((address, i) => {
    const r = byUpn[i]!;
    if (r.ok) found(address, r.value);
    else if (r.error.status !== 404) unknown.set(address, r.error.message);
    return !r.ok && r.error.status === 404;
  });
  left = matchAll(left, await graph.usersByMail(left), 'mail', found, unknown);
  left = matchAll(left, await graph.usersByProxyAddress(left), 'proxy address', found, unknown);
  for (const address of left) {
    unknown.set(address, `${address} is not a user in this tenant (no user has it as UPN, mail or proxy address)${gone.has(address) ? `; the user it was resolved to (${gone.get(address)}) no longer exists` : ''}`);
  }
  return { ids, unknown, fetched };
}

/**
 * Re-reads the stale cached identities by object id (each object id once, however many addresses share it). Those
 * whose user is gone leave `ids` (to be resolved again) and are returned with the object id they had.
 */
async function refresh(graph: GraphClient, store: SyncStateStore, ids: Map<string, Identity>, now: number, found: (address: string, u: GraphUser) => void): Promise<Map<string, string>> {
  const stale = ids.size ? await store.identitiesCachedBefore([...ids.keys()], now - IDENTITY_TTL_MS) : [];
  const objectIds = [...new Set(stale.map((a) => ids.get(a)!.objectId))];
  const reads = new Map((await graph.users(objectIds)).map((r, i) => [objectIds[i]!, r]));
  const gone = new Map<string, string>();
  for (const address of stale) {
    const objectId = ids.get(address)!.objectId;
    const r = reads.get(objectId)!;
    if (r.ok) found(address, r.value);
    else if (r.error.status === 404) {
      ids.delete(address);
      gone.set(address, objectId);
    }
  }
  return gone;
}

/** One step of $filter look-ups: one match resolves, two are an error naming the address; the rest go on. */
function matchAll(
  addresses: string[],
  results: Array<Read<GraphUser[]>>,
  what: 'mail' | 'proxy address',
  found: (address: string, u: GraphUser) => void,
  unknown: Map<string, string>,
): string[] {
  return addresses.filter((address, i) => {
    const r = results[i]!;
    if (!r.ok) unknown.set(address, r.error.message);
    else if (r.value.length > 1) unknown.set(address, `${address} is ambiguous: ${r.value.length} users have ${what} ${address} (${r.value.map((u) => u.userPrincipalName ?? u.id).join(', ')})`);
    else if (r.value.length === 1) found(address, r.value[0]!);
    return r.ok && r.value.length === 0;
  });
}

function identityOf(u: GraphUser): Identity {
  return {
    objectId: u.id,
    ...(u.displayName ? { displayName: u.displayName } : {}),
    ...(u.userPrincipalName ? { upn: u.userPrincipalName.toLowerCase() } : {}),
    ...(u.mail ? { mail: u.mail.toLowerCase() } : {}),
  };
}

/**
 * A dry-run's identities, without Graph: the cache, and for anyone not cached yet their e-mail stands in for the
 * id (so the plan still names them; a live run resolves them).
 */
export async function cachedIdentities(store: SyncStateStore, emails: string[]): Promise<Identities> {
  const ids = await store.identities(emails);
  for (const email of emails.map((e) => e.toLowerCase())) if (!ids.has(email)) ids.set(email, { objectId: email });
  return { ids, unknown: new Map(), fetched: new Map() };
}
