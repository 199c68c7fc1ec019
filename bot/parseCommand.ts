import { closestCommand } from './closestCommand.js';

export type ParsedCommand =
  | { kind: 'command'; command: string; args: string }
  | { kind: 'unknown'; text: string; suggestion: string };

/** A phrase and its command; `args` builds the arguments when they are not simply what follows the phrase. */
type Phrase = [RegExp, string, ((m: RegExpExecArray, rest: string) => string)?];

/**
 * Plain phrasing → command. Order matters: longer phrases first. Commands that are not in the menu (`remind`,
 * `override`, `setup`, `subscribe`) are understood here too. "is bob on call tomorrow" puts the person first in
 * the arguments ("bob tomorrow"); a mentioned person is gone from the text by now (their mention entity stays).
 */
const PHRASES: Phrase[] = [
  [/^(?:(?:cancel|undo) (?:my )?(?:time[- ]?off|vacation|holidays?|leave|pto|ooo)|(?:my )?(?:time[- ]?off|vacation|holidays?|leave|pto|ooo) cancel(?:led)?)\b(?:\s+(?:on|for|from)\b)?/, 'cancel time off'],
  [/^(?:(?:list |show )?my changes|(?:list |show )?changes)\b/, 'my changes'],
  [/^(?:cancel|undo)\b/, 'cancel'],
  [/^(?:who(?:'s| is) )?next(?: up)?(?:\s+(?:shifts?|for|on|in))*\b/, 'next'],
  [/^(?:is|are|was|were) (?:(.+?) )?(?:on[- ]?call|on duty)\b/, 'is on call', (m, rest) => [m[1] ?? '', rest].join(' ').trim()],
  [/^will (?:(.+?) )?be (?:on[- ]?call|on duty)\b/, 'is on call', (m, rest) => [m[1] ?? '', rest].join(' ').trim()],
  [/^am i (?:on[- ]?call|on duty)\b(?! next\b)/, 'is on call', (_m, rest) => ['me', rest].join(' ').trim()],
  [/^(?:who(?:'s| is| are| was| were| will be)?(?: (?:on(?:[- ]?call| duty)|up))?|on[- ]?call)\b(?:\s+(?:now|right now|today))?(?:\s+(?:for|on|in)\b)?/, 'who'],
  [/^(?:when am i(?: on(?:[- ]?call| duty)?)?(?: next)?|am i(?: on(?:[- ]?call| duty))? next|my (?:next )?shifts?|my schedule|mine)\b/, 'my shifts'],
  [/^(?:show (?:me )?(?:the )?)?(?:schedule|calendar|rota)(?:\s+(?:for|of))?\b/, 'schedule'],
  [/^(?:show (?:me )?(?:the )?)?(?:stats?|statistics|fairness)(?:\s+(?:for|of))?\b/, 'stats'],
  [/^(?:propose (?:a )?)?swap\b/, 'swap'],
  [/^(?:cover|override)\b/, 'cover'],
  [/^(?:(?:i(?:'m| am) )?(?:taking |on )?)?(?:time[- ]?off|vacation|holidays?|leave|pto|ooo)(?:\s+(?:from|on))?\b/, 'time off'],
  [/^hand[- ]?over(?: notes)?\b/, 'handover'],
  [/^(?:reminders?|remind(?: me)?)\b/, 'remind'],
  [/^(?:list\s+)?rotations?\b/, 'rotations'],
  [/^(?:(?:list|show) )?(?:my )?duties\b/, 'duties'],
  [/^(?:help|\?|commands?|hi|hello|hey)\b/, 'help'],
  [/^setup\b/, 'setup'],
  [/^subscribe\b/, 'subscribe'],
  [/^items? accept\b/, 'item accept'],
  [/^item add\b/, 'item add'],
  [/^item (?:done|close)\b/, 'item done'],
  [/^item (?:assign|pass)\b/, 'item assign'],
  [/^item take(?: over)?\b/, 'item take'],
  [/^(?:(?:list |show )?(?:open )?items|open items)\b/, 'items'],
  [/^item\b/, 'item'],
  [/^escalate\b/, 'escalate'],
  [/^(?:take(?: the pager| over)?|on[- ]?call me)\b/, 'take'],
  [/^notify(?: me)?(?: (?:of|about))? (?:shift )?moves?\b/, 'notify moves'],
];

/** Normalises a Teams message: mentions (<at>…</at>) and HTML go, case (unless `keepCase`) and trailing punctuation too. */
export function normalise(raw: string, keepCase = false): string {
  const text = raw
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[?!.,;]+\s*$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return keepCase ? text : text.toLowerCase();
}

/**
 * Turns a Teams message into a command. Mentions (the bot's and people's: those arrive as entities), case,
 * trailing punctuation and filler such as "who's on call for ops?" are dropped.
 */
export function parseCommand(raw: string): ParsedCommand {
  const text = normalise(raw);
  if (text === '') return { kind: 'command', command: 'help', args: '' };
  for (const [pattern, command, argsOf] of PHRASES) {
    const m = pattern.exec(text);
    if (!m) continue;
    const rest = text.slice(m[0].length).replace(/^[\s:,-]+/, '').trim();
    return { kind: 'command', command, args: argsOf ? argsOf(m, rest) : rest };
  }
  return { kind: 'unknown', text, suggestion: closestCommand(text) };
}
