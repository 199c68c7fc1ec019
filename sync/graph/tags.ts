import { z } from 'zod';
import type { BatchResult, GraphApi } from './GraphApi.js';
import { enc, listReads, type ListRead } from './graphReads.js';

const Tag = z.object({ id: z.string(), displayName: z.string() });
const TagMember = z.object({ id: z.string(), userId: z.string(), displayName: z.string().nullish() });
export type GraphTag = z.infer<typeof Tag>;
export type GraphTagMember = z.infer<typeof TagMember>;

const tagsPath = (team: string) => `/teams/${enc(team)}/tags`;
const tagMembersPath = (team: string, tagId: string) => `${tagsPath(team)}/${enc(tagId)}/members`;

export async function* tags(api: GraphApi, team: string): AsyncGenerator<GraphTag> {
  for await (const t of api.items(tagsPath(team))) yield Tag.parse(t);
}

/** The id of the team's tag of that name; a failed read stays a failure (it is not "no such tag"). */
export async function findTag(api: GraphApi, team: string, name: string): Promise<string | undefined> {
  for await (const t of tags(api, team)) if (t.displayName === name) return t.id;
  return undefined;
}

export function tagMembersOf(api: GraphApi, list: Array<{ team: string; tagId: string }>): Promise<Array<ListRead<GraphTagMember>>> {
  return listReads(api, list.map((t) => `${tagMembersPath(t.team, t.tagId)}?$top=100`), (item) => TagMember.parse(item));
}

export async function createTag(api: GraphApi, team: string, name: string, userIds: string[]): Promise<GraphTag> {
  return Tag.parse(await api.post(tagsPath(team), { displayName: name, members: userIds.map((userId) => ({ userId })) }));
}

export function deleteTag(api: GraphApi, team: string, tagId: string): Promise<void> {
  return api.delete(`${tagsPath(team)}/${enc(tagId)}`);
}

export function addTagMembers(api: GraphApi, team: string, tagId: string, userIds: string[]): Promise<BatchResult[]> {
  return api.batch(userIds.map((userId) => ({ method: 'POST', url: tagMembersPath(team, tagId), body: { userId } })));
}

/** `memberIds` are the tag memberships' own ids, not the users'. */
export function removeTagMembers(api: GraphApi, team: string, tagId: string, memberIds: string[]): Promise<BatchResult[]> {
  return api.batch(memberIds.map((id) => ({ method: 'DELETE', url: `${tagMembersPath(team, tagId)}/${enc(id)}` })));
}
