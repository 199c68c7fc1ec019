import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../bot/parseCommand.js';

describe('parseCommand: taking changes back', () => {
  it.each([
    ['my changes', 'my changes', ''],
    ['My changes?', 'my changes', ''],
    ['changes <at>Bob Baker</at>', 'my changes', ''],
    ['cancel 2', 'cancel', '2'],
    ['undo 3f9a1c', 'cancel', '3f9a1c'],
    ['time off cancel', 'cancel time off', ''],
    ['cancel time off', 'cancel time off', ''],
    ['cancel my time off on 2026-12-07', 'cancel time off', '2026-12-07'],
    ['cancel my vacation', 'cancel time off', ''],
    ['time off 2026-12-07 to 2026-12-11', 'time off', '2026-12-07 to 2026-12-11'],
    ['my shifts', 'my shifts', ''],
  ])('%j → %s %j', (text, command, args) => {
    expect(parseCommand(text)).toEqual({ kind: 'command', command, args });
  });

  it('suggests cancel for a typo', () => {
    expect(parseCommand('cancle 2')).toMatchObject({ kind: 'unknown', suggestion: 'cancel' });
  });
});
