import { COMMANDS } from './commands.js';

export type ParsedCommand =
  | { kind: 'command'; command: string; args: string }
  | { kind: 'unknown'; text: string; suggestion?: string };

/**
 * Plain phrasing → command. Order matters: longer phrases first. Commands that are not in the menu (`remind`,
 * `override`, `setup`, `subscribe`) are understood here too.
 */
const PHRASES: Array<[RegExp, string]> = [
  [/^(?:(?:cancel|undo) (?:my )?(?:time[- ]?off|vacation|holidays?|leave|pto|ooo)|(?:my )?(?:time[- ]?off|vacation|holidays?|leave|pto|ooo) cancel(?:led)?)\b(?:\s+(?:on|for|from)\b)?/, 'cancel time off'],
  [/^(?:(?:list |show )?my changes|(?:list |show )?changes)\b/, 'my changes'],
  [/^(?:cancel|undo)\b/, 'cancel'],
  [/^(?:who(?:'s| is) )?next(?: up)?(?:\s+(?:shifts?|for|on|in))*\b/, 'next'],
  [/^(?:who(?:'s| is| are)?(?: (?:on(?:[- ]?call| duty)|up))?|on[- ]?call)(?:\s+(?:now|right now|today))?(?:\s+(?:for|on|in)\b)?/, 'who'],
  [/^(?:when am i(?: on(?:[- ]?call| duty)?)?(?: next)?|my (?:next )?shifts?|my schedule|mine)\b/, 'my shifts'],
  [/^(?:show (?:me )?(?:the )?)?(?:schedule|calendar|rota)(?:\s+(?:for|of))?\b/, 'schedule'],
  [/^(?:propose (?:a )?)?swap\b/, 'swap'],
  [/^(?:cover|override)\b/, 'cover'],
  [/^(?:(?:i(?:'m| am) )?(?:taking |on )?)?(?:time[- ]?off|vacation|holidays?|leave|pto|ooo)(?:\s+(?:from|on))?\b/, 'time off'],
  [/^hand[- ]?over(?: notes)?\b/, 'handover'],
  [/^(?:reminders?|remind(?: me)?)\b/, 'remind'],
  [/^(?:list\s+)?rotations?\b/, 'rotations'],
  [/^(?:help|\?|commands?|hi|hello|hey)\b/, 'help'],
  [/^setup\b/, 'setup'],
  [/^subscribe\b/, 'subscribe'],
];

/** Normalises a Teams message: mentions (<at>…</at>) and HTML go, case and trailing punctuation too. */
export function normalise(raw: string): string {
  return raw
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[?!.,;]+\s*$/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Turns a Teams message into a command. Mentions (the bot's and people's: those arrive as entities), case,
 * trailing punctuation and filler such as "who's on call for ops?" are dropped.
 */
export function parseCommand(raw: string): ParsedCommand {
  const text = normalise(raw);
  if (text === '') return { kind: 'command', command: 'help', args: '' };
  for (const [pattern, command] of PHRASES) {
    const m = pattern.exec(text);
    if (m) return { kind: 'command', command, args: text.slice(m[0].length).replace(/^[\s:,-]+/, '').trim() };
  }
  const first = text.split(' ').slice(0, 2);
  const suggestion = closestCommand(first[0] ?? '') ?? closestCommand(first.join(' '));
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
