import type { GraphClient } from './graph/GraphClient.js';
import type { SyncStateStore } from './SyncStores.js';

/** An Entra user as the sync knows them. */
export interface Identity {
  objectId: string;
  displayName?: string;
}

/** Who is who: e-mail (lower case) → Entra object id and display name; and why someone could not be resolved. */
export interface Identities {
  ids: ReadonlyMap<string, Identity>;
  unknown: ReadonlyMap<string, string>;
  /** Looked up in Graph this time: cached on the member rows when the run is recorded. */
  fetched: ReadonlyMap<string, Identity>;
}

/** From the members table's cache, else GET /users/{upn} (batched). */
export async function resolveIdentities(graph: GraphClient, store: SyncStateStore, emails: string[]): Promise<Identities> {
  const ids = await store.identities(emails);
  const missing = [...new Set(emails.map((e) => e.toLowerCase()))].filter((e) => !ids.has(e));
  const unknown = new Map<string, string>();
  const fetched = new Map<string, Identity>();
  for (const [i, r] of (await graph.users(missing)).entries()) {
    const email = missing[i]!;
    if (!r.ok) {
      unknown.set(email, r.error.status === 404 ? `${email} is not a user in this tenant (GET /users: 404)` : r.error.message);
      continue;
    }
    const identity = { objectId: r.value.id, ...(r.value.displayName ? { displayName: r.value.displayName } : {}) };
    ids.set(email, identity);
    fetched.set(email, identity);
  }
  return { ids, unknown, fetched };
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
