import { COMMANDS } from './commands.js';

export type ParsedCommand =
  | { kind: 'command'; command: string; args: string }
  | { kind: 'unknown'; text: string; suggestion?: string };

const PHRASES: Array<[RegExp, string]> = [
  [/^(who(?:'s| is)?(?: on(?:[- ]?call| duty))?)(?:\s+(?:for|on)\b)?/, 'who'],
  [/^(?:list\s+)?rotations?\b/, 'rotations'],
  [/^(?:help|\?|commands?)\b/, 'help'],
];

/**
 * Turns a Teams message into a command. Mentions of the bot (`<at>Rota</at>`) are stripped, as are
 * case, trailing punctuation and filler such as "who's on call for ops?".
 */
export function parseCommand(raw: string): ParsedCommand {
  const text = raw
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/[?!.,;]+\s*$/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  if (text === '') return { kind: 'command', command: 'help', args: '' };
  for (const [pattern, command] of PHRASES) {
    const m = pattern.exec(text);
    if (m) return { kind: 'command', command, args: text.slice(m[0].length).trim() };
  }
  const first = text.split(' ')[0] ?? '';
  const suggestion = closestCommand(first);
  return suggestion ? { kind: 'unknown', text, suggestion } : { kind: 'unknown', text };
}

function closestCommand(word: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const c of COMMANDS.filter((c) => c.ready)) {
    const d = levenshtein(word, c.name);
    if (!best || d < best.distance) best = { name: c.name, distance: d };
  }
  return best && best.distance <= Math.max(2, Math.floor(best.name.length / 2)) ? best.name : undefined;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
