import { afterEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../bot/parseCommand.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, ROTATION_FILE, startBot, stopBot, type BotWorld } from './botHarness.js';
import { ask, say } from './itemKit.js';

// Op of the Week without a channel: no handoff card, so nothing to press "I've got it" on. Mon 9 Mar 2026 12:00
// Berlin Alice hands over to Bob; her open items pass to him, awaiting his acceptance.
const FILE = ROTATION_FILE.replace(/    channel: \{[^\n]*\n/, '');
const HANDOFF = Date.parse('2026-03-09T11:00:00Z');

describe.each(ENGINES)('item accept: the incoming person accepts passed items in chat (%s)', (engine) => {
  let w: BotWorld;
  afterEach(() => stopBot(w));

  it('only the holder accepts, once; every item awaiting them or one by number; help lists it', async () => {
    w = await startBot(engine, Object.values(PEOPLE), FILE);
    await ask(w, 'alice', 'item add Nightly backup failed');
    await ask(w, 'alice', 'item add Disk 90% on db-2');
    await ask(w, 'alice', 'item add Flaky login test');
    expect(await ask(w, 'bob', 'item accept')).toBe('No items await your acceptance; nothing changed. Say "items" to see the open ones.');
    w.h.clock.now = HANDOFF + 30_000;
    await w.h.rota.handoffs.tick(w.h.clock.now);
    expect(await w.t.db('items').orderBy('n').select('holder', 'awaiting_key')).toEqual([1, 2, 3].map(() => ({ holder: 'bob@contoso.com', awaiting_key: `handoff:ops:${HANDOFF}` })));
    expect(await ask(w, 'carol', 'item accept 1')).toBe("#1 awaits Bob Baker's acceptance, not yours: only its holder accepts it. Nothing changed.");
    expect(await ask(w, 'bob', 'item accept #2')).toBe('Accepted **#2** Disk 90% on db-2. It is yours until closed or passed on.');
    expect(await ask(w, 'bob', 'item accept 2')).toBe('#2 is yours already; there is nothing to accept.');
    expect(await ask(w, 'bob', 'items accept')).toBe('Accepted **#1** Nightly backup failed; **#3** Flaky login test. They are yours until closed or passed on.');
    expect(await ask(w, 'bob', 'item accept')).toBe('No items await your acceptance; nothing changed. Say "items" to see the open ones.');
    expect(await ask(w, 'carol', 'item accept 1')).toBe('#1 is held by Bob Baker: only its holder accepts it. Nothing changed.');
    expect(await w.t.db('items').whereNotNull('awaiting_key').count({ n: '*' }).first()).toEqual({ n: 0 });
    expect(await w.t.db('item_events').where({ kind: 'accepted' }).orderBy('id').select('item_n', 'actor', 'handoff_key')).toEqual(
      [2, 1, 3].map((n) => ({ item_n: n, actor: 'bob@contoso.com', handoff_key: `handoff:ops:${HANDOFF}` })),
    );
    expect(await w.t.db('audit_log').where({ action: 'item.accepted' }).count({ n: '*' }).first()).toEqual({ n: 3 });
    expect(JSON.stringify((await say(w, 'bob', 'help')).map((r) => r.body))).toContain('{"title":"item accept [n]","value":"Take on the items a handoff passed to you, all or item n (as \\"I\'ve got it\\" on the handoff card does)"}');
  });
});

describe('item accept is understood', () => {
  it('as "item accept" and "items accept"', () => {
    expect([parseCommand('item accept'), parseCommand('items accept 4')]).toEqual([
      { kind: 'command', command: 'item accept', args: '' },
      { kind: 'command', command: 'item accept', args: '4' },
    ]);
  });
});

