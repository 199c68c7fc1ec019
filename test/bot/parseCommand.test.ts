import { describe, expect, it } from 'vitest';
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

  it('does not pretend to know something far from every command', () => {
    expect(parseCommand('make me a sandwich')).toEqual({ kind: 'unknown', text: 'make me a sandwich' });
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
