import { addTagMember, TENANT, type Tag, type TagsContext } from './tags.js';
import type { StandInUser } from './users.js';

/**
 * Tags as people make and edit them in Teams, outside Rota (the seeding and inspection side of tags.ts), so a test
 * can start from a tag Rota did not make, or change one behind Rota's back.
 */

type Teams = TagsContext['teams'];

function tagNamed(teams: Teams, teamId: string, displayName: string): Tag | undefined {
  return [...(teams.get(teamId)?.tags.values() ?? [])].find((t) => t.displayName === displayName);
}

/** The UPNs of a tag's members, sorted (undefined when the tag does not exist). */
export function tagMemberUpns(teams: Teams, teamId: string, displayName: string, userById: (id: string) => StandInUser): string[] | undefined {
  const tag = tagNamed(teams, teamId, displayName);
  if (!tag) return undefined;
  return [...tag.members.values()].map((m) => userById(m.userId).userPrincipalName).sort();
}

/** A tag someone made in Teams, before Rota was pointed at it. */
export function addTagByHand(ctx: TagsContext, teamId: string, displayName: string, memberIds: string[]): void {
  const team = ctx.teams.get(teamId)!;
  const tag: Tag = { id: ctx.newId('tag'), teamId, displayName, description: null, tagType: 'standard', members: new Map() };
  for (const userId of memberIds) addTagMember(ctx, tag, userId);
  team.tags.set(tag.id, tag);
}

/** A hand-made change in Teams: add or remove someone from a tag directly. */
export function editTagByHand(ctx: TagsContext, teamId: string, displayName: string, change: { add?: StandInUser | undefined; remove?: StandInUser | undefined }): void {
  const tag = tagNamed(ctx.teams, teamId, displayName)!;
  if (change.add) {
    const id = ctx.newId('member');
    tag.members.set(id, { id, userId: change.add.id, displayName: change.add.displayName, tenantId: TENANT });
  }
  const removed = change.remove;
  if (removed) for (const [id, m] of tag.members) if (m.userId === removed.id) tag.members.delete(id);
}
