import { randomUUID } from 'node:crypto';

/**
 * The Graph stand-in's tag routes, kept apart from GraphStandIn.ts, as Microsoft's docs describe them:
 * - "Create teamworkTag" (https://learn.microsoft.com/graph/api/teamworktag-post): POST /teams/{team-id}/tags
 *   {displayName (≤ 40 chars), members: [{userId}] (1–25)} → 201; a name the team already has → 409.
 * - "List teamworkTags" / "Get teamworkTag": GET /teams/{team-id}/tags[/{id}] (paged).
 * - "Delete teamworkTag": DELETE /teams/{team-id}/tags/{teamworkTag-id} → 204 (permanent).
 * - "List members in a teamworkTag" / "Create teamworkTagMember" (POST {userId} → 201; at most 200 members) /
 *   "Delete teamworkTagMember" (DELETE …/members/{teamworkTagMember-id} → 204). Member ids are not user ids.
 * Not in the docs, so a guess: adding a user who is not in the team to a tag is a 400 BadRequest.
 */

export const TENANT = 'bbbbbbbb-0000-4000-8000-000000000001';

export interface TagMember {
  id: string;
  userId: string;
  displayName: string;
  tenantId: string;
}
export interface Tag {
  id: string;
  teamId: string;
  displayName: string;
  description: string | null;
  tagType: 'standard';
  members: Map<string, TagMember>;
}

/** What the tag routes need of the stand-in: its teams, paging, ids, and users' names. */
export interface TagsContext {
  teams: ReadonlyMap<string, { id: string; memberUserIds: Set<string>; tags: Map<string, Tag> }>;
  page: (items: unknown[], path: string, query: URLSearchParams) => Reply;
  newId: (kind: string) => string;
  displayNameOf: (userId: string) => string;
}

interface Reply {
  status: number;
  body?: unknown;
}

function graphError(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } } };
}

/** /teams/{team-id}/tags… (the stand-in routes every such path here). */
export function tagsRoute(ctx: TagsContext, method: string, seg: string[], query: URLSearchParams, body: unknown): Reply {
  const team = ctx.teams.get(seg[1]!);
  if (!team) return graphError(404, 'NotFound', `No team found with Group Id ${seg[1]}`);
  const path = `/${seg.map(encodeURIComponent).join('/')}`;
  if (seg.length === 3) {
    if (method === 'GET') return ctx.page([...team.tags.values()].map(tagJson), path, query);
    if (method === 'POST') {
      const b = body as { displayName?: unknown; description?: unknown; members?: Array<{ userId?: unknown }> };
      if (typeof b?.displayName !== 'string' || !b.displayName) return graphError(400, 'BadRequest', 'displayName is required.');
      if (b.displayName.length > 40) return graphError(400, 'BadRequest', 'Tag displayName cannot be longer than 40 characters.');
      if (!Array.isArray(b.members) || b.members.length === 0) return graphError(400, 'BadRequest', 'A tag must have at least one member.');
      if (b.members.length > 25) return graphError(400, 'BadRequest', 'A tag can be created with at most 25 members.');
      if ([...team.tags.values()].some((t) => t.displayName.toLowerCase() === b.displayName!.toString().toLowerCase())) {
        return graphError(409, 'Conflict', 'A tag with the same name already exists.');
      }
      const bad = b.members.find((m) => typeof m.userId !== 'string' || !team.memberUserIds.has(m.userId));
      if (bad) return notInTeam(String(bad.userId));
      const tag: Tag = { id: ctx.newId('tag'), teamId: team.id, displayName: b.displayName, description: typeof b.description === 'string' ? b.description : null, tagType: 'standard', members: new Map() };
      for (const m of b.members) addTagMember(ctx, tag, String(m.userId));
      team.tags.set(tag.id, tag);
      return { status: 201, body: tagJson(tag) };
    }
  }
  const tag = team.tags.get(seg[3]!);
  if (!tag) return graphError(404, 'NotFound', 'Tag not found.');
  if (seg.length === 4 && method === 'GET') return { status: 200, body: tagJson(tag) };
  if (seg.length === 4 && method === 'DELETE') {
    team.tags.delete(tag.id); // "Delete teamworkTag": permanent, 204 No Content
    return { status: 204 };
  }
  if (seg[4] !== 'members') return graphError(405, 'MethodNotAllowed', 'Method not allowed.');
  if (seg.length === 5 && method === 'GET') return ctx.page([...tag.members.values()], path, query);
  if (seg.length === 5 && method === 'POST') {
    const userId = (body as { userId?: unknown })?.userId;
    if (typeof userId !== 'string') return graphError(400, 'BadRequest', 'userId is required.');
    if (!team.memberUserIds.has(userId)) return notInTeam(userId);
    if ([...tag.members.values()].some((m) => m.userId === userId)) return graphError(409, 'Conflict', 'The user is already a member of the tag.');
    if (tag.members.size >= 200) return graphError(400, 'BadRequest', 'A tag cannot have more than 200 members.');
    return { status: 201, body: addTagMember(ctx, tag, userId) };
  }
  if (seg.length === 6 && method === 'DELETE') {
    if (!tag.members.delete(seg[5]!)) return graphError(404, 'NotFound', 'Tag member not found.');
    return { status: 204 };
  }
  return graphError(405, 'MethodNotAllowed', 'Method not allowed.');
}

/** A membership has its own id (not the user's), the user's display name and the tenant. */
export function addTagMember(ctx: Pick<TagsContext, 'newId' | 'displayNameOf'>, tag: Tag, userId: string): TagMember {
  const member = { id: ctx.newId('tagmember'), userId, displayName: ctx.displayNameOf(userId), tenantId: TENANT };
  tag.members.set(member.id, member);
  return member;
}

function notInTeam(userId: string): Reply {
  return graphError(400, 'BadRequest', `User ${userId} is not a member of the team, so they cannot be added to a tag.`);
}

function tagJson(tag: Tag) {
  return { id: tag.id, teamId: tag.teamId, displayName: tag.displayName, description: tag.description, memberCount: tag.members.size, tagType: tag.tagType };
}
