/**
 * How a person names a rotation or a member in chat. Pure: the callers pass what is known.
 *
 * A rotation: its id or its name, case-insensitively and without a leading "the" ("the op of the week"); else an
 * unambiguous prefix of either ("op of", "nig"); else words of its name ("interrupt" for "MRO / Interrupt").
 * A member: an e-mail address; else the local part of a member's address or its first piece ("bob" for
 * bob@contoso.com or bob.baker@contoso.com), or the first word or whole of their Teams display name.
 */
export type Match<T> = { kind: 'found'; value: T } | { kind: 'ambiguous'; candidates: T[] } | { kind: 'none' };

/** Words that never name a rotation on their own: joiners, and "shift"/"rotation" ("the night shift", "ops rotation"). */
const FILLER = new Set(['the', 'of', 'a', 'an', 'on', 'for', 'in', 'at', 'to', 'and', 'is', 'shift', 'shifts', 'rotation', 'rota', 'duty']);

export const nameWords = (s: string): string[] =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@._'-]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);

/** "The Op of the Week" → "op of the week". */
export const bareName = (s: string): string => nameWords(s).join(' ').replace(/^the /, '');

export interface Named {
  id: string;
  name: string;
}

/** How loosely a name may match: `prefixes: false` and `words: false` leave whole ids and names (for text mixed with dates). */
export interface MatchOptions {
  prefixes?: boolean;
  words?: boolean;
}

/** The rotation `query` names, trying exact, then prefix, then word matches; the first level with a hit decides. */
export function matchRotation<T extends Named>(rotations: readonly T[], query: string, options: MatchOptions = {}): Match<T> {
  const q = bareName(query);
  if (!q) return { kind: 'none' };
  const levels: Array<(r: T) => boolean> = [
    (r) => r.id.toLowerCase() === q || bareName(r.name) === q,
    ...(options.prefixes === false ? [] : [(r: T) => q.length >= 2 && (r.id.toLowerCase().startsWith(q) || bareName(r.name).startsWith(q))]),
    ...(options.words === false
      ? []
      : [
          (r: T) => {
            const wanted = nameWords(q).filter((w) => !FILLER.has(w));
            const have = new Set([r.id.toLowerCase(), ...nameWords(r.name)]);
            return wanted.length > 0 && wanted.every((w) => have.has(w));
          },
        ]),
  ];
  for (const level of levels) {
    const hits = rotations.filter(level);
    if (hits.length === 1) return { kind: 'found', value: hits[0]! };
    if (hits.length > 1) return { kind: 'ambiguous', candidates: hits };
  }
  return { kind: 'none' };
}

/** A member as the chat knows them: the address rotation files use, and the Teams name when Rota has seen it. */
export interface Member {
  email: string;
  displayName?: string;
}

/** The member `query` names. An e-mail address is taken as it is, member or not. */
export function matchPerson(members: readonly Member[], query: string): Match<string> {
  const q = query.trim().toLowerCase().replace(/^@/, '');
  if (!q) return { kind: 'none' };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(q)) return { kind: 'found', value: q };
  const names = (m: Member): string[] => {
    const local = m.email.toLowerCase().split('@')[0]!;
    const display = (m.displayName ?? '').toLowerCase().trim();
    return [local, local.split(/[._-]/)[0]!, ...(display ? [display, display.split(/\s+/)[0]!] : [])];
  };
  const hits = [...new Set(members.filter((m) => names(m).includes(q)).map((m) => m.email.toLowerCase()))];
  if (hits.length === 1) return { kind: 'found', value: hits[0]! };
  if (hits.length > 1) return { kind: 'ambiguous', candidates: hits.sort() };
  return { kind: 'none' };
}
