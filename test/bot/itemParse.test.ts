import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../bot/parseCommand.js';
import { ROUTES } from '../../bot/routes.js';

describe('item and escalate phrasing', () => {
  it.each([
    ['item add Nightly backup failed', 'item add', 'nightly backup failed'],
    ['<at>Rota</at> item add ops disk full', 'item add', 'ops disk full'],
    ['items', 'items', ''],
    ['show open items', 'items', ''],
    ['open items ops', 'items', 'ops'],
    ['items all', 'items', 'all'],
    ['item 12', 'item', '12'],
    ['item #12', 'item', '#12'],
    ['item done 12 restored from backup', 'item done', '12 restored from backup'],
    ['item close #3', 'item done', '#3'],
    ['item assign 12 @bob', 'item assign', '12 @bob'],
    ['item pass 12', 'item assign', '12'],
    ['item take 12', 'item take', '12'],
    ['item take over 12', 'item take', '12'],
    ['escalate ops checkout is down', 'escalate', 'ops checkout is down'],
  ])('"%s" → %s (%s)', (text, command, args) => {
    expect(parseCommand(text)).toEqual({ kind: 'command', command, args });
    expect(ROUTES.commandFor(command)).toBeTypeOf('function');
  });
});
