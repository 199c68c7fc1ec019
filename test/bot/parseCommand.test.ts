import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COMMANDS } from '../../bot/commands.js';
import { parseCommand } from '../../bot/parseCommand.js';

describe('parseCommand', () => {
  it.each([
    ['who', 'who', ''],
    ["who's on call for ops?", 'who', 'ops'],
    ['Who is on duty', 'who', ''],
    ['<at>Rota</at> WHO IS ON CALL on mro!', 'who', 'mro'],
    ['who ops', 'who', 'ops'],
    ['rotations', 'rotations', ''],
    ['list rotations', 'rotations', ''],
    ['help', 'help', ''],
    ['<at>Rota</at>', 'help', ''],
    ['?', 'help', ''],
  ])('%j → %s %j', (text, command, args) => {
    expect(parseCommand(text)).toEqual({ kind: 'command', command, args });
  });

  it.each([
    ['hlep', 'help'],
    ['whi is on call', 'who'],
    ['rotatons', 'rotations'],
  ])('suggests the closest command for %j', (text, suggestion) => {
    expect(parseCommand(text)).toMatchObject({ kind: 'unknown', suggestion });
  });

  it('always suggests a command, even for something far from every one ("me" is a keyword of my shifts)', () => {
    expect(parseCommand('make me a sandwich')).toEqual({ kind: 'unknown', text: 'make me a sandwich', suggestion: 'my shifts' });
  });
});

describe('parseCommand: the chat commands in plain phrasing', () => {
  it.each([
    ['next', 'next', ''],
    ["who's next for ops?", 'next', 'ops'],
    ['next ops', 'next', 'ops'],
    ['schedule', 'schedule', ''],
    ['show me the schedule for mro, 4 weeks', 'schedule', 'mro, 4 weeks'],
    ['My shifts', 'my shifts', ''],
    ['when am I on call next?', 'my shifts', ''],
    ['swap next with <at>Bob</at>', 'swap', 'next with'],
    ['Swap 2026-03-10 with bob@contoso.com ops', 'swap', '2026-03-10 with bob@contoso.com ops'],
    ['cover <at>Bob</at> 2026-03-10 to 2026-03-12', 'cover', '2026-03-10 to 2026-03-12'],
    ['override <at>Bob</at> tomorrow 9am to tomorrow 5pm', 'cover', 'tomorrow 9am to tomorrow 5pm'],
    ['time off 2026-03-09 to 2026-03-13', 'time off', '2026-03-09 to 2026-03-13'],
    ["I'm on vacation from next monday to next friday", 'time off', 'next monday to next friday'],
    ['timeoff next tuesday to next wednesday', 'time off', 'next tuesday to next wednesday'],
    ['Handover', 'handover', ''],
    ['remind off', 'remind', 'off'],
    ['hello', 'help', ''],
    ['setup', 'setup', ''],
    ['on call?', 'who', ''],
    ['who is on duty right now for dev', 'who', 'dev'],
  ])('%j → %s %j', (text, command, args) => {
    expect(parseCommand(text)).toEqual({ kind: 'command', command, args });
  });

  it.each([
    ['shedule', 'schedule'],
    ['swpa next', 'swap'],
    ['handovr', 'handover'],
  ])('suggests %j → %s', (text, suggestion) => {
    expect(parseCommand(text)).toMatchObject({ kind: 'unknown', suggestion });
  });
});

describe('parseCommand: questions about another time or person', () => {
  it.each([
    ['who is the op of the week?', 'who', 'the op of the week'],
    ['who ops tomorrow', 'who', 'ops tomorrow'],
    ['who is on call for mro next monday', 'who', 'mro next monday'],
    ['who is on call on 24 Dec', 'who', '24 dec'],
    ["who's on call for night at 23:00", 'who', 'night at 23:00'],
    ['who is on call today at 23:00', 'who', 'at 23:00'],
    ['is bob on call tomorrow?', 'is on call', 'bob tomorrow'],
    ['is bob@contoso.com on call on 24 Dec', 'is on call', 'bob@contoso.com on 24 dec'],
    ['Is Bob Baker on duty for mro next monday', 'is on call', 'bob baker for mro next monday'],
    ['is <at>Bob Baker</at> on call tomorrow', 'is on call', 'tomorrow'],
    ['is bob oncall', 'is on call', 'bob'],
    ['am I on call tomorrow?', 'is on call', 'me tomorrow'],
    ['was bob on call yesterday', 'is on call', 'bob yesterday'],
    ['will bob be on call on friday?', 'is on call', 'bob on friday'],
    ['who was on call yesterday for ops', 'who', 'yesterday for ops'],
    ['who will be on duty on 24 dec', 'who', '24 dec'],
    ['am I on call next?', 'my shifts', ''],
    ['stats', 'stats', ''],
    ['stats ops 8 weeks', 'stats', 'ops 8 weeks'],
    ['show me the fairness for mro', 'stats', 'mro'],
    ['statistics next 2 weeks', 'stats', 'next 2 weeks'],
  ])('%j → %s %j', (text, command, args) => {
    expect(parseCommand(text)).toEqual({ kind: 'command', command, args });
  });

  it('does not read a word that only starts with "who" as who', () => {
    expect(parseCommand('whom do I escalate to')).toMatchObject({ kind: 'unknown', suggestion: 'who' });
  });
});

describe('parseCommand: unknown phrasing gets the nearest command, by words in common and then edit distance', () => {
  it.each([
    // words in common, the rarer the word among the commands the more it counts
    ['when is my next shift', 'my shifts'],
    ['please show the shifts of everyone', 'schedule'],
    ['trade shifts with bob', 'swap'],
    ['how fair is the load', 'stats'],
    ['hours per person', 'stats'],
    ['i need a vacation', 'time off'],
    ['going on holiday in may', 'time off'],
    ['can someone replace me on friday', 'cover'],
    ['write notes for the next person', 'handover'],
    ['show the plan', 'schedule'],
    ['which rotations exist', 'rotations'],
    ['what can you do', 'help'],
    // typos of a name word count as the word
    ['shifs', 'my shifts'],
    ['rotaions', 'rotations'],
    ['hanodver now', 'handover'],
    // nothing in common: the nearest name by edit distance
    ['wo', 'who'],
    ['nxt', 'next'],
    ['stas', 'stats'],
  ])('%j → %s', (text, suggestion) => {
    expect(parseCommand(text)).toMatchObject({ kind: 'unknown', suggestion });
  });
});

describe('parseCommand: never an answer without a suggestion', () => {
  const ready = COMMANDS.filter((c) => c.ready).map((c) => c.name);
  const understood = [...ready, 'is on call', 'remind', 'subscribe'];
  it('any text is a command Rota answers, or unknown with a ready command suggested', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.constantFrom('who', 'is', 'on', 'call', 'shift', 'xyz', 'bob', 'tomorrow', 'stats', '?', 'the'), { maxLength: 6 }).map((w) => w.join(' '))), (text) => {
        const p = parseCommand(text);
        if (p.kind === 'command') expect(understood).toContain(p.command);
        else expect(ready).toContain(p.suggestion);
      }),
    );
  });
});
