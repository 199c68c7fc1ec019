import { COMMANDS, type CommandInfo } from './commands.js';

/** Words too common to say which command was meant. */
const FILLER = new Set(['a', 'an', 'the', 'is', 'are', 'to', 'of', 'for', 'on', 'in', 'at', 'and', 'or', 'with', 'it', 'my', 'you', 'please', 'do', 'does']);

/** "Shifts" and "shift", "rotation" and "rotations" are the same word here. */
const stem = (w: string): string => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);

const wordsOf = (s: string): string[] => s.toLowerCase().replace(/[^a-z0-9']+/g, ' ').replace(/'/g, '').trim().split(' ').filter(Boolean);

/** A typo still counts as the word: one edit in words of four letters or more, two from eight. */
const sameWord = (a: string, b: string): boolean => a === b || (a.length >= 4 && b.length >= 4 && editDistance(a, b) <= (Math.min(a.length, b.length) >= 8 ? 2 : 1));

interface Vocabulary {
  command: CommandInfo;
  name: string[];
  other: string[];
}

const vocabulary = (commands: readonly CommandInfo[]): Vocabulary[] =>
  commands
    .filter((c) => c.ready)
    .map((c) => ({
      command: c,
      name: wordsOf(c.name).map(stem),
      other: [...new Set([...wordsOf(c.usage), ...wordsOf(c.description), ...(c.keywords ?? []).flatMap(wordsOf)].map(stem))],
    }));

/**
 * The command a message that matched no phrase most likely meant; there is always one. Measured by words in common
 * (typos allowed), each worth more the fewer commands use it, double in the command's name; then by the edit
 * distance between the first words and the command's name.
 */
export function closestCommand(text: string, commands: readonly CommandInfo[] = COMMANDS): string {
  const all = wordsOf(text);
  const words = all.filter((w) => !FILLER.has(w)).map(stem);
  const vocab = vocabulary(commands);
  const common = new Map(vocab.map((v) => [v.command.name, 0]));
  for (const w of words) {
    const inName = vocab.filter((v) => v.name.some((n) => sameWord(w, n)));
    const inOther = vocab.filter((v) => !inName.includes(v) && v.other.some((o) => sameWord(w, o)));
    const users = inName.length + inOther.length;
    for (const v of inName) common.set(v.command.name, common.get(v.command.name)! + 2 / users);
    for (const v of inOther) common.set(v.command.name, common.get(v.command.name)! + 1 / users);
  }
  const scored = vocab.map((v, order) => ({
    name: v.command.name,
    common: common.get(v.command.name)!,
    distance: Math.min(editDistance(all[0] ?? '', v.command.name), editDistance(all.slice(0, 2).join(' '), v.command.name)),
    order,
  }));
  scored.sort((a, b) => b.common - a.common || a.distance - b.distance || a.order - b.order);
  return scored[0]?.name ?? 'help';
}

/** Optimal string alignment distance: Levenshtein plus swapping two neighbours ("swpa" is one edit from "swap"). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
