import type { Knex } from 'knex';
import type { SyncIdentity } from './SyncStateStore.js';

interface IdentityRow {
  address: string;
  object_id: string;
  display_name: string | null;
  upn: string | null;
  mail: string | null;
}

/** The `identities` table (migration 0009): the sync's cache of who each address is, and its reverse look-up. */
export async function readIdentities(db: Knex, emails: string[]): Promise<Map<string, SyncIdentity>> {
  const lower = [...new Set(emails.map((e) => e.toLowerCase()))];
  const found = new Map<string, SyncIdentity>();
  for (let i = 0; i < lower.length; i += 500) {
    const rows = await db<IdentityRow>('identities').whereIn('address', lower.slice(i, i + 500));
    for (const r of rows) found.set(r.address, toIdentity(r));
  }
  return found;
}

/** The addresses written before `before` (updated_at is epoch ms; a bigint, so PostgreSQL compares it as a number). */
export async function cachedBefore(db: Knex, emails: string[], before: number): Promise<string[]> {
  const lower = [...new Set(emails.map((e) => e.toLowerCase()))];
  const found: string[] = [];
  for (let i = 0; i < lower.length; i += 500) {
    const rows = await db<IdentityRow>('identities').whereIn('address', lower.slice(i, i + 500)).where('updated_at', '<', before).select('address');
    found.push(...rows.map((r) => r.address));
  }
  return found.sort();
}

export async function addressesOf(db: Knex, objectId: string): Promise<string[]> {
  const rows = await db<IdentityRow>('identities').where({ object_id: objectId }).orderBy('address').select('address');
  return rows.map((r) => r.address);
}

/**
 * An upsert keyed by the address: running a sync twice writes the same row. A read that did not carry a name, UPN
 * or mail (an installation look-up selects the id alone) keeps the ones cached for the same object id.
 */
export async function writeIdentity(db: Knex, address: string, identity: SyncIdentity, now: number): Promise<void> {
  const key = address.toLowerCase();
  const before = await db<IdentityRow>('identities').where({ address: key }).first();
  const same = before?.object_id === identity.objectId;
  const cols = {
    object_id: identity.objectId,
    display_name: identity.displayName ?? (same ? before.display_name : null),
    upn: identity.upn?.toLowerCase() ?? (same ? before.upn : null),
    mail: identity.mail?.toLowerCase() ?? (same ? before.mail : null),
    updated_at: now,
  };
  await db('identities').insert({ address: key, ...cols }).onConflict('address').merge(cols);
}

function toIdentity(r: IdentityRow): SyncIdentity {
  return {
    objectId: r.object_id,
    ...(r.display_name ? { displayName: r.display_name } : {}),
    ...(r.upn ? { upn: r.upn } : {}),
    ...(r.mail ? { mail: r.mail } : {}),
  };
}
