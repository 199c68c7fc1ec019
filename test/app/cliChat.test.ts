import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChat } from '../../app/cli/chat/terminalChat.js';
import { startBot, stopBot, type BotWorld } from '../bot/botHarness.js';
import { freePort } from './cliChatKit.js';

async function* lines(...xs: string[]) {
  for (const x of xs) yield x;
}

describe('npm run rota -- chat', () => {
  let bot: BotWorld;
  beforeAll(async () => {
    bot = await startBot('sqlite', []);
  });
  afterAll(() => stopBot(bot));

  it('talks to the real bot over HTTP, prints text and cards, and clicks card buttons', async () => {
    let out = '';
    await runChat({
      botUrl: bot.h.rota.url,
      connectorPort: await freePort(),
      user: { id: '29:alice@contoso.com', name: 'Alice', aadObjectId: 'aad-alice', email: 'alice@contoso.com' },
      lines: lines('schedule ops 1 week', 'handover', 'who ops', '/click 1 notes=Failover half done openItems=INC-1\\nINC-2', '/click 1', 'swap next with @bob@contoso.com', '/click 9', '/quit', 'never sent'),
      out: (s) => (out += s),
    });
    expect(out).toContain("== Rota ==\n│ Hello! I'm Rota");
    expect(out).toMatch(/\*\*Op of the Week\*\*: @Alice since Mon 2 Mar 12:00 GMT\+1 until Mon 9 Mar 12:00 GMT\+1/);
    expect(out).toMatch(/│ {3}From +\| Until +\| On duty +\| Note/);
    expect(out).toContain('│   [notes] Notes: (text, \\n for a new line, at most 4000 characters)');
    expect(out).toContain('(1) Save handover');
    expect(out).toContain('Rota (card replaced):\n┌────\n│ Handover for Op of the Week saved: 2 open items.');
    // Alice sees her copy of the proposal; Bob's copy, with the buttons, is his (he has no terminal open yet).
    expect(out).toMatch(/Rota:\n┌────\n│ == Swap in Op of the Week ==\n│ @Alice proposes to swap with @Bob:/);
    expect(out).not.toContain('Accept');
    expect(out).toContain('Button 1 was on a card that has changed since; buttons now: none');
    expect(out).toContain('There is no button 9; buttons in this terminal: none');
    expect(out).not.toContain('never sent');
  });

  it('says plainly when no bot answers', async () => {
    await expect(
      runChat({ botUrl: 'http://127.0.0.1:9', connectorPort: await freePort(), user: { id: '29:a', name: 'A', aadObjectId: 'x', email: 'a@contoso.com' }, lines: lines(), out: () => undefined }),
    ).rejects.toThrow('no bot answers at http://127.0.0.1:9; start it first with npm start');
  });
});
