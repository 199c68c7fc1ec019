import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectorAt } from '../../app/cli/chat/session.js';
import { startBot, stopBot, type BotWorld } from '../bot/botHarness.js';
import { freePort, Terminal } from './cliChatKit.js';

const HELLO = "Hello! I'm Rota";

/** Two people, each in their own terminal, against the real bot (Wednesday 4 March 2026: Alice has ops, Bob is next). */
describe('the terminal chat: each terminal is one person with their own personal chat', () => {
  let bot: BotWorld;
  let port: number;
  const terminals: Terminal[] = [];
  const open = async (email: string, name: string) => {
    const t = new Terminal(email, name, { botUrl: bot.h.rota.url, connectorPort: port });
    terminals.push(t);
    await t.waitFor(HELLO);
    return t;
  };
  // A failed test must not leave terminals (and the connector) open for the next one.
  afterEach(async () => {
    await Promise.all(terminals.splice(0).map((t) => t.quit()));
  });
  beforeAll(async () => {
    bot = await startBot('sqlite', []);
    port = await freePort();
  });
  afterAll(() => stopBot(bot));

  it("shows Bob's swap proposal in Alice's terminal only; Alice accepts by her number and Bob's card updates", async () => {
    const alice = await open('alice@contoso.com', 'Alice');
    const bob = await open('bob@contoso.com', 'Bob');
    await bob.say('swap next with @alice@contoso.com', 'Waiting for Alice until');
    await alice.waitFor('(2) Decline');

    // Ops weeks from Mon 5 Jan: alice, bob, carol, dave, … so Bob's next is 9 Mar and Alice's (hers has started) 30 Mar.
    const proposal = [
      '== Swap in Op of the Week ==',
      '│ @Bob proposes to swap with @Alice:',
      '│   Alice takes: Mon 9 Mar 12:00 GMT+1 – Mon 16 Mar 12:00 GMT+1',
      '│   Bob takes: Mon 30 Mar 12:00 GMT+2 – Mon 6 Apr 12:00 GMT+2',
      '│ Waiting for Alice until Thu 5 Mar 10:00 GMT+1.',
    ].join('\n');
    expect(alice.output).toContain(`Rota:\n┌────\n│ ${proposal}\n│   (1) Accept\n│   (2) Decline\n└────`);
    expect(bob.output).toContain(`Rota:\n┌────\n│ ${proposal}\n└────`);
    expect(bob.output).not.toContain('Accept');

    const mark = bob.output.length;
    await alice.say('/click 1', 'Rota (card replaced):');
    expect(alice.output).toMatch(/Rota \(card replaced\):\n┌────\n│ == Swap in Op of the Week ==[^└]*│ ✅ Accepted at Wed 4 Mar 10:00 GMT\+1: both shifts are changed\.\n└────/);
    await bob.waitFor('Rota (card updated):');
    expect(bob.since(mark)).toMatch(/^Rota \(card updated\):\n┌────\n│ == Swap in Op of the Week ==[^└]*│ ✅ Accepted at Wed 4 Mar 10:00 GMT\+1: both shifts are changed\.\n└────\n$/);

    await bob.say('/click 1', 'There is no button 1');
    expect(bob.output).toContain('There is no button 1; buttons in this terminal: none');
    const swapped = await bot.t.db('overrides').where({ origin: 'swap' }).orderBy('start_at').select('member', 'replaces', 'start_at');
    expect(swapped).toEqual([
      { member: 'alice@contoso.com', replaces: 'bob@contoso.com', start_at: Date.parse('2026-03-09T11:00:00Z') },
      { member: 'bob@contoso.com', replaces: 'alice@contoso.com', start_at: Date.parse('2026-03-30T10:00:00Z') },
    ]);
    await Promise.all([alice.quit(), bob.quit()]);
  });

  it('keeps a card for someone with no terminal open and shows it when they open one', async () => {
    const dave = await open('dave@contoso.com', 'Dave');
    await dave.say('swap next with @carol@contoso.com', 'Waiting for Carol until');
    expect(dave.output).not.toContain('Accept');
    const carol = await open('carol@contoso.com', 'Carol');
    await carol.waitFor('(2) Decline');
    expect(carol.output).toMatch(/│ @Dave proposes to swap with @Carol:[^└]*│   \(1\) Accept\n│   \(2\) Decline/);
    await carol.say('/click 2', 'Rota (card replaced):');
    await dave.waitFor('❌ Declined');
    await Promise.all([dave.quit(), carol.quit()]);
  });

  it("delivers a proactive reminder to its person's terminal only", async () => {
    const frank = await open('frank@contoso.com', 'Frank');
    const grace = await open('grace@contoso.com', 'Grace');
    // A command that asks who Grace is lets Rota remember her personal chat (the hello alone does not say whose it is).
    await grace.say('my shifts', 'Dev of the Week');
    const [fMark, gMark] = [frank.output.length, grace.output.length];
    // Dev weeks from Mon 5 Jan (09:00 Berlin): frank, grace, … so Grace takes over Mon 9 Mar 09:00; 24 h before is Sun 08:00 UTC.
    await bot.h.rota.handoffs.tick(Date.parse('2026-03-08T09:00:00Z'));
    await grace.waitFor('Heads-up');
    expect(grace.since(gMark)).toContain('Rota:\nHeads-up: your **Dev of the Week** shift starts Mon 9 Mar 09:00 GMT+1. Say "remind off" to stop these.\n');
    await frank.say('who dev', '**Dev of the Week**');
    expect(frank.since(fMark)).not.toContain('Heads-up');
    await Promise.all([frank.quit(), grace.quit()]);
  });

  it('goes on when the terminal that ran the connector quits: another takes it over on the same port', async () => {
    const first = await open('alice@contoso.com', 'Alice');
    const second = await open('bob@contoso.com', 'Bob');
    await first.quit();
    await second.say('who dev', 'Dev of the Week');
    expect(await connectorAt(port)).toBe(true);
    const third = await open('frank@contoso.com', 'Frank');
    await third.say('who dev', 'Dev of the Week');
    await Promise.all([second.quit(), third.quit()]);
    expect(await connectorAt(port)).toBe(false);
  });
});
