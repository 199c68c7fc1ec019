/** A tag's plan: who to add and who to remove so the tag holds exactly who is on duty. Pure: no I/O, no clock. */

/** A person by Entra object id (or by e-mail when the id is not known, in a dry-run). */
export interface TagIdentity {
  id: string;
  label: string;
}

/** A tag member as Graph lists it: the member id is the tag membership's own id, not the user's. */
export interface RemoteTagMember extends TagIdentity {
  memberId: string;
}

export interface TagPlan {
  /** Added first, so the tag is never empty during a handoff. */
  add: TagIdentity[];
  remove: RemoteTagMember[];
}

export function planTag(desired: readonly TagIdentity[], remote: readonly RemoteTagMember[]): TagPlan {
  const want = new Set(desired.map((d) => d.id.toLowerCase()));
  const seen = new Set<string>();
  const remove: RemoteTagMember[] = [];
  for (const m of remote) {
    const id = m.id.toLowerCase();
    if (!want.has(id) || seen.has(id)) remove.push(m); // not on duty, or the same person listed twice
    seen.add(id);
  }
  const added = new Set<string>();
  const add = desired.filter((d) => {
    const id = d.id.toLowerCase();
    if (seen.has(id) || added.has(id)) return false;
    added.add(id);
    return true;
  });
  return { add, remove };
}

/** Hand-made changes: who is in the tag now against who Rota last wrote there. */
export function tagDrift(lastWritten: readonly TagIdentity[], current: readonly RemoteTagMember[]): string[] {
  const wrote = new Set(lastWritten.map((m) => m.id.toLowerCase()));
  const now = new Set(current.map((m) => m.id.toLowerCase()));
  return [
    ...current.filter((m) => !wrote.has(m.id.toLowerCase())).map((m) => `${m.label} was added by hand`),
    ...lastWritten.filter((m) => !now.has(m.id.toLowerCase())).map((m) => `${m.label} was removed by hand`),
  ];
}
