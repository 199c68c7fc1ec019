import { fieldPath, type FieldError } from './fieldError.js';
import { tagsOf, type FileCombinedTag, type FileRotation, type FileTag } from './rotationFileSchema.js';

/**
 * Rules between the tags of a file (sync/tags): a top-level tag's rotations exist and are distinct, and a team's
 * tag is kept by one place only — one rotation's `tag` (or one entry of its list) or one top-level `tags` entry —
 * since two places would fight over its members at every reconcile. Teams and tag names are compared as Teams does
 * (a tag name is unique in a team regardless of case). A team named by its group id in one place and by its thread
 * id in another cannot be told apart here: the sync then reports the second as a tag Rota did not create.
 */

/** The pieces of checkRotationFile's input the tag rules read (the rotations and top-level tags that passed the schema). */
export interface TagCheckInput {
  rotationIds: Array<{ index: number; id: string }>;
  rotations: Array<{ index: number; rotation: FileRotation }>;
  tags?: Array<{ index: number; tag: FileCombinedTag }>;
}

type Place = { path: PropertyKey[]; tag: Pick<FileTag, 'team' | 'name' | 'shadows'> };

/** Every tag of the file with where it is written: `rotations[0].tag`, `rotations[1].tag[2]`, `tags[0]`. */
function places(input: Pick<TagCheckInput, 'rotations' | 'tags'>): Place[] {
  const own = input.rotations.flatMap(({ index, rotation }) =>
    tagsOf(rotation).map((tag, j): Place => ({ path: Array.isArray(rotation.tag) ? ['rotations', index, 'tag', j] : ['rotations', index, 'tag'], tag })),
  );
  return [...own, ...(input.tags ?? []).map(({ index, tag }): Place => ({ path: ['tags', index], tag }))];
}

export function checkTags(input: TagCheckInput): FieldError[] {
  const errors: FieldError[] = [];
  const err = (path: PropertyKey[], message: string) => errors.push({ path: fieldPath(path), message });
  const ids = new Set(input.rotationIds.map((r) => r.id));
  for (const { index, tag } of input.tags ?? []) checkCombined(tag, ['tags', index], ids, err);
  const seen = new Map<string, Place>();
  for (const p of places(input)) {
    const key = `${p.tag.team.toLowerCase()}\u0000${p.tag.name.trim().toLowerCase()}`;
    const first = seen.get(key);
    if (!first) seen.set(key, p);
    else err([...p.path, 'name'], `tag "${p.tag.name}" of team ${p.tag.team} is also ${fieldPath(first.path)}; a tag is kept by one place (use a top-level tags entry with rotations for a tag across rotations)`);
  }
  return errors;
}

function checkCombined(tag: FileCombinedTag, at: PropertyKey[], ids: ReadonlySet<string>, err: (path: PropertyKey[], message: string) => void): void {
  const firstAt = new Map<string, number>();
  tag.rotations.forEach((id, j) => {
    const first = firstAt.get(id);
    if (first !== undefined) err([...at, 'rotations', j], `"${id}" is listed twice (also ${fieldPath([...at, 'rotations', first])})`);
    else if (!ids.has(id)) err([...at, 'rotations', j], `unknown rotation "${id}"`);
    if (first === undefined) firstAt.set(id, j);
  });
}

/** Allowed but probably not meant: `shadows: true` where there are no shadows to add. */
export function warnTags(input: Pick<TagCheckInput, 'rotations' | 'tags'>): FieldError[] {
  const warnings: FieldError[] = [];
  const shadowed = new Set(input.rotations.filter(({ rotation }) => (rotation.shadows ?? []).length > 0).map(({ rotation }) => rotation.id));
  for (const p of places(input)) {
    if (!p.tag.shadows) continue;
    const rotations = p.path[0] === 'tags' ? (input.tags?.find((t) => t.index === p.path[1])?.tag.rotations ?? []) : [input.rotations.find((r) => r.index === p.path[1])!.rotation.id];
    if (!rotations.some((id) => shadowed.has(id))) {
      const none = rotations.length === 1 ? `rotation "${rotations[0]}" has no shadows` : `none of ${rotations.map((r) => `"${r}"`).join(', ')} has shadows`;
      warnings.push({ path: fieldPath([...p.path, 'shadows']), message: `${none}, so this adds nobody` });
    }
  }
  return warnings;
}
