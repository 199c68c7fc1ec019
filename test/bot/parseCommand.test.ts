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
