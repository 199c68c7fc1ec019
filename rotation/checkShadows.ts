import type { FileRotation } from './rotationFileSchema.js';

type Report = (path: PropertyKey[], message: string) => void;

/**
 * Shadows observe a rotation (they get its cards, never its duty): a shadow who is also a member would be both on
 * duty and an observer, so it is refused, naming both fields; a shadow listed twice would get every copy twice.
 */
export function checkShadows(r: FileRotation, at: PropertyKey[], err: Report): void {
  const seen = new Map<string, number>();
  r.shadows?.forEach((s, i) => {
    const first = seen.get(s);
    if (first !== undefined) return err([...at, 'shadows', i], `"${s}" is listed twice (also shadows[${first}])`);
    seen.set(s, i);
    const member = r.members.indexOf(s);
    if (member >= 0) err([...at, 'shadows', i], `"${s}" is also members[${member}]: a person either shadows the rotation or is on it; remove them from one of the two`);
  });
}
