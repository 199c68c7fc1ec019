import type { Logger } from 'pino';
import { collect, GraphRequestError } from '../graph/GraphApi.js';
import type { GraphClient } from '../graph/GraphClient.js';
import { refId, storedTag, type DesiredTag, type RemoteTag, type TagTargetPlan } from '../model.js';
import { messageOf } from '../../rotation/messageOf.js';
import type { TargetState } from '../SyncStores.js';
import { writtenTag } from '../written.js';

/**
 * A Teams tag: read what it holds (by the id Rota keeps, else found by name), then apply a plan (tagPlan.ts).
 * Graph creates a tag with at most 25 members and needs at least one.
 */

/** The tags as they are: one member list per tag, read in $batch requests and paged on. */
export async function readTags(
  graph: GraphClient,
  tags: DesiredTag[],
  stored: ReadonlyMap<string, TargetState>,
  labels: ReadonlyMap<string, string>,
): Promise<Map<string, RemoteTag>> {
  const out = new Map<string, RemoteTag>();
  const found = new Map<DesiredTag, string>();
  for (const t of tags) {
    const saved = storedTag(stored, t);
    const { members: lastWritten, createdTagId } = saved ? writtenTag(saved.written) : {};
    out.set(refId(t), { target: 'tag', members: [], ...(lastWritten ? { lastWritten } : {}), ...(createdTagId ? { createdTagId } : {}) });
    if (t.teamError !== undefined) {
      out.get(refId(t))!.error = t.teamError; // Graph would refuse the thread id: nothing is asked
      continue;
    }
    try {
      const id = saved?.remoteId ?? (await graph.findTag(t.team, t.name));
      if (id) found.set(t, id);
    } catch (err) {
      // A failed lookup is a failure, not "the tag is missing": creating it now could make a second one.
      out.get(refId(t))!.error = messageOf(err);
    }
  }
  const withId = [...found];
  const reads = await graph.tagMembersOf(withId.map(([t, tagId]) => ({ team: t.team, tagId })));
  for (const [i, [t, tagId]] of withId.entries()) {
    const remote = out.get(refId(t))!;
    const r = reads[i]!;
    if (!r.ok && r.error.status === 404) continue; // deleted by hand: created again
    try {
      if (!r.ok) throw r.error;
      const members = await collect(r.value);
      remote.tagId = tagId;
      remote.members = members.map((m) => ({ memberId: m.id, id: m.userId, label: labels.get(m.userId.toLowerCase()) ?? m.displayName ?? m.userId }));
    } catch (err) {
      remote.error = messageOf(err);
    }
  }
  return out;
}

export interface TagOutcome {
  written: number;
  errors: string[];
  /** Operations left undone. */
  pending: number;
  tagId?: string;
  /** The tag was made by Rota (this time, or found after a create whose answer was lost). */
  created?: boolean;
}

/**
 * Applies a tag plan: creates the tag when missing, adds before it removes (the tag is never empty during a
 * handoff), and treats "already there" / "already gone" as done — a retried add after a lost answer is harmless.
 */
export async function applyTag(graph: GraphClient, log: Logger, plan: TagTargetPlan): Promise<TagOutcome> {
  if (plan.drift.length) log.warn({ rotation: plan.rotationId, tag: plan.name, drift: plan.drift }, 'tag changed by hand: repairing');
  let { tagId, add, remove } = plan;
  const errors: string[] = [];
  let written = 0;
  let created = false;
  if (!tagId) {
    if (add.length === 0) return { written, errors: ['the tag does not exist and nobody is on duty to create it with'], pending: 1 };
    try {
      tagId = (await graph.createTag(plan.team, plan.name, add.slice(0, 25).map((a) => a.id))).id;
      written++;
      created = true;
      add = add.slice(25);
      remove = [];
    } catch (err) {
      if (err instanceof GraphRequestError && (err.uncertain || err.status === 409)) {
        tagId = await graph.findTag(plan.team, plan.name); // it may have been created after all
        if (!tagId) return { written, errors: [err.message], pending: 1 };
        // Sent by Rota and found afterwards: Rota's own unless the answer was "already exists".
        return { written, errors: ['tag creation answered late; the next reconcile completes it'], pending: 1, tagId, created: err.status !== 409 };
      }
      return { written, errors: [describeTagError(err, plan)], pending: 1 };
    }
  }
  const adds = await graph.addTagMembers(plan.team, tagId, add.map((a) => a.id));
  let failedAdds = 0;
  for (const [i, r] of adds.entries()) {
    if (!r.error || r.status === 409) {
      if (!r.error) written++;
      continue;
    }
    failedAdds++;
    errors.push(r.error.uncertain ? r.error.message : describeTagError(r.error, plan, add[i]!.label));
  }
  // Never empty the tag: when an incoming person could not be added, the outgoing one stays for now.
  const removable = failedAdds > 0 && add.length > 0 ? [] : remove;
  const removes = await graph.removeTagMembers(plan.team, tagId, removable.map((m) => m.memberId));
  for (const r of removes) {
    if (!r.error) written++;
    else if (r.status !== 404) errors.push(r.error.message);
  }
  const pending = failedAdds + (remove.length - removable.length) + removes.filter((r) => r.error && r.status !== 404).length;
  if (errors.length) log.warn({ rotation: plan.rotationId, tag: plan.name, errors }, 'tag sync incomplete');
  return { written, errors, pending, tagId, created };
}

function describeTagError(err: unknown, plan: TagTargetPlan, who?: string): string {
  if (err instanceof GraphRequestError && err.status === 400 && /not a member/i.test(err.message)) {
    return `${who ?? 'a member'} is not a member of team ${plan.team}, so Teams refuses them in tag "${plan.name}"; add them to the team`;
  }
  return messageOf(err);
}

/** Who a tag's members are to the reader: object id (lower case) → e-mail. */
export function labelsOf(ids: ReadonlyMap<string, { objectId: string }>): Map<string, string> {
  return new Map([...ids].map(([email, v]) => [v.objectId.toLowerCase(), email]));
}
