import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, stopBot, type BotWorld } from '../bot/botHarness.js';
import { freePort } from './cliChatKit.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const started: ChildProcess[] = [];

/** `npm run rota -- chat` as a process (node with the tsx loader, as the npm script runs it), typed into through stdin. */
function chatProcess(args: string[]) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'app/cli/main.ts'), 'chat', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  let err = '';
  const waiting: Array<() => void> = [];
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    for (const w of waiting.splice(0)) w();
  });
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    output: () => out,
    stderr: () => err,
    exited,
    type: (line: string) => child.stdin!.write(`${line}\n`),
    async waitFor(text: string) {
      while (!out.includes(text)) await new Promise<void>((r) => waiting.push(r));
    },
  };
}

describe('npm run rota -- chat, two processes (two terminals)', () => {
  let bot: BotWorld;
  beforeAll(async () => {
    bot = await startBot('sqlite', []);
  });
  afterAll(async () => {
    // A failed test must not leave its chat processes running.
    for (const child of started) if (child.exitCode === null) child.kill();
    await stopBot(bot);
  });

  it("brings Bob's proposal to Alice's process, whose /click 1 updates Bob's card; /quit exits 0", { timeout: 60_000 }, async () => {
    const port = String(await freePort());
    const alice = chatProcess(['--url', bot.h.rota.url, '--email', 'alice@contoso.com', '--name', 'Alice', '--connector-port', port]);
    await alice.waitFor("Hello! I'm Rota");
    const bob = chatProcess(['--url', bot.h.rota.url, '--email', 'bob@contoso.com', '--name', 'Bob', '--connector-port', port]);
    await bob.waitFor("Hello! I'm Rota");
    bob.type('swap next with @alice@contoso.com');
    await alice.waitFor('(2) Decline');
    expect(bob.output()).not.toContain('Accept');
    alice.type('/click 1');
    await bob.waitFor('Rota (card updated):');
    await alice.waitFor('✅ Accepted');
    expect(bob.output()).toMatch(/Rota \(card updated\):\n┌────\n│ == Swap in Op of the Week ==[^└]*✅ Accepted at Wed 4 Mar 10:00 GMT\+1/);
    alice.type('/quit');
    bob.type('/quit');
    expect(await alice.exited).toBe(0);
    expect(await bob.exited).toBe(0);
    expect(alice.stderr() + bob.stderr()).toBe('');
  });
});
