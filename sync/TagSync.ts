import { z } from 'zod';
import type { Logger } from '../app/root/logger.js';
import type { SyncStateStore } from '../db/sync/SyncStateStore.js';
import { GraphRequestError, type GraphApi } from './GraphApi.js';
import type { RemoteTagMember, TagPlan } from './syncPlan.js';
import { messageOf } from '../rotation/messageOf.js';

const TagJson = z.object({ id: z.string(), displayName: z.string() });
const MemberJson = z.object({ id: z.string(), userId: z.string(), displayName: z.string().nullish() });
const UserJson = z.object({ id: z.string(), displayName: z.string().nullish() });

export interface TagTarget {
  rotationId: string;
  team: string;
  name: string;
  /** E-mail / UPN of who is on duty now. */
  onDuty: string[];
}

export { tagKey } from '../db/sync/SyncStateStore.js';

/** Who is who: e-mail → Entra object id, from the members table's cache or GET /users/{upn} (batched). */
export async function resolveIdentities(
  api: GraphApi,
  store: SyncStateStore,
  emails: string[],
): Promise<{ ids: Map<string, { objectId: string; displayName?: string }>; unknown: Map<string, string> }> {
  const ids = await store.identities(emails);
  const missing = [...new Set(emails.map((e) => e.toLowerCase()))].filter((e) => !ids.has(e));
  const unknown = new Map<string, string>();
  const results = await api.batch(missing.map((e) => ({ method: 'GET' as const, url: `/users/${encodeURIComponent(e)}?$select=id,displayName` })));
  for (const [i, r] of results.entries()) {
    const email = missing[i]!;
    if (r.error) {
      unknown.set(email, r.status === 404 ? `${email} is not a user in this tenant (GET /users: 404)` : r.error.message);
      continue;
    }
    const user = UserJson.parse(r.body);
    ids.set(email, { objectId: user.id, ...(user.displayName ? { displayName: user.displayName } : {}) });
    await store.cacheIdentity(email, user.id, user.displayName ?? undefined);
  }
  return { ids, unknown };
}

/** The tag's id: cached in sync_state, else found by name in GET /teams/{id}/tags. */
export async function findTag(api: GraphApi, team: string, name: string): Promise<string | undefined> {
  const tags = await api.all<unknown>(`/teams/${encodeURIComponent(team)}/tags`);
  return tags.map((t) => TagJson.parse(t)).find((t) => t.displayName === name)?.id;
}

export function membersUrl(team: string, tagId: string): string {
  return `/teams/${encodeURIComponent(team)}/tags/${encodeURIComponent(tagId)}/members`;
}

export function parseMembers(items: unknown[], labels: ReadonlyMap<string, string>): RemoteTagMember[] {
  return items.map((i) => {
    const m = MemberJson.parse(i);
    return { memberId: m.id, id: m.userId, label: labels.get(m.userId.toLowerCase()) ?? m.displayName ?? m.userId };
  });
}

export interface TagOutcome {
  written: number;
  errors: string[];
  /** Operations left undone. */
  pending: number;
}

/**
 * Applies a tag plan: creates the tag when missing (Graph needs at least one member for that), adds before it
 * removes, and treats "already there" / "already gone" as done — a retried add after a lost answer is harmless.
 */
export async function applyTagPlan(
  api: GraphApi,
  log: Logger,
  target: TagTarget,
  tagId: string | undefined,
  plan: TagPlan,
): Promise<TagOutcome & { tagId?: string; created?: boolean }> {
  const errors: string[] = [];
  let written = 0;
  let createdNow = false;
  if (!tagId) {
    if (plan.add.length === 0) return { written, errors: ['the tag does not exist and nobody is on duty to create it with'], pending: 1 };
    try {
      const created = TagJson.parse(
        await api.post(`/teams/${encodeURIComponent(target.team)}/tags`, { displayName: target.name, members: plan.add.slice(0, 25).map((a) => ({ userId: a.id })) }),
      );
      written++;
      tagId = created.id;
      createdNow = true;
      plan = { add: plan.add.slice(25), remove: [] };
    } catch (err) {
      if (err instanceof GraphRequestError && (err.uncertain || err.status === 409)) {
        tagId = await findTag(api, target.team, target.name); // it may have been created after all
        if (!tagId) return { written, errors: [err.message], pending: 1 };
        // Sent by Rota and found afterwards: Rota's own unless the answer was "already exists".
        return { written, errors: ['tag creation answered late; the next reconcile completes it'], pending: 1, tagId, created: err.status !== 409 };
      }
      return { written, errors: [describeTagError(err, target)], pending: 1 };
    }
  }
  const url = membersUrl(target.team, tagId);
  const adds = await api.batch(plan.add.map((a) => ({ method: 'POST' as const, url, body: { userId: a.id } })));
  let failedAdds = 0;
  for (const [i, r] of adds.entries()) {
    if (!r.error || r.status === 409) {
      if (!r.error) written++;
      continue;
    }
    failedAdds++;
    errors.push(r.error.uncertain ? r.error.message : describeTagError(r.error, target, plan.add[i]!.label));
  }
  // Never empty the tag: when an incoming person could not be added, the outgoing one stays for now.
  const removable = failedAdds > 0 && plan.add.length > 0 ? [] : plan.remove;
  const removes = await api.batch(removable.map((m) => ({ method: 'DELETE' as const, url: `${url}/${encodeURIComponent(m.memberId)}` })));
  for (const r of removes) {
    if (!r.error) written++;
    else if (r.status !== 404) errors.push(r.error.message);
  }
  const pending = failedAdds + (plan.remove.length - removable.length) + removes.filter((r) => r.error && r.status !== 404).length;
  if (errors.length) log.warn({ rotation: target.rotationId, tag: target.name, errors }, 'tag sync incomplete');
  return { written, errors, pending, tagId, created: createdNow };
}

function describeTagError(err: unknown, target: TagTarget, who?: string): string {
  if (err instanceof GraphRequestError && err.status === 400 && /not a member/i.test(err.message)) {
    return `${who ?? 'a member'} is not a member of team ${target.team}, so Teams refuses them in tag "${target.name}"; add them to the team`;
  }
  return messageOf(err);
}

