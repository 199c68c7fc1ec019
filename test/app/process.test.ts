import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startConnectorStandIn, messageActivity } from '../helpers/connectorStandIn.js';
import { execFile } from 'node:child_process';
import { killRotaProcess, npmEnv, startRotaProcess, type RotaProcess } from '../helpers/rotaProcess.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

let connector: Awaited<ReturnType<typeof startConnectorStandIn>>;
const running: RotaProcess[] = [];
const dirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-proc-'));
  dirs.push(dir);
  return dir;
}

function start(env: Record<string, string>): RotaProcess {
  const p = startRotaProcess(env);
  running.push(p);
  return p;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  connector = await startConnectorStandIn();
});
afterAll(async () => {
  await connector.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const p of running.splice(0)) await killRotaProcess(p);
  connector.requests.length = 0;
});

describe('the rota process (npm start)', { timeout: 45_000 }, () => {
  it('starts on a new SQLite file with the example rotations, reports health, and answers in chat', async () => {
    const file = path.join(tempDir(), 'nested', 'rota.sqlite');
    const p = start({ DATABASE_URL: `sqlite:${file}` });
    const url = await p.url;
    expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(fs.existsSync(file)).toBe(true);
    expect(p.logs.some((l) => l.level === 40 && String(l.msg).includes('NOT authenticated'))).toBe(true);

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'up', scheduler: 'up' });

    const res = await post(url, messageActivity(connector.url, "<at>Rota</at> who's on call for ops?"));
    expect(res.status).toBe(200);
    expect(connector.requests).toHaveLength(1);
    const reply = connector.requests[0]!;
    expect(reply.path).toBe('/v3/conversations/a%3Apersonal-chat-1/activities/activity-1');
    expect(reply.body.text).toMatch(/\*\*Op of the Week\*\*: \S+@contoso\.com since .* until /);
    expect(reply.headers.authorization).toBeUndefined();
  });

  it.each([
    ['SIGTERM to the npm process', (p: RotaProcess) => p.child.kill('SIGTERM')],
    ['SIGINT to the npm process', (p: RotaProcess) => p.child.kill('SIGINT')],
    ['SIGINT to the whole process group, as Ctrl-C in a terminal', (p: RotaProcess) => p.signalGroup('SIGINT')],
  ])('stops cleanly on %s: exit status 0, /healthz gone, no process left behind', async (_label, send) => {
    const p = start({ DATABASE_URL: `sqlite:${path.join(tempDir(), 'rota.sqlite')}`, ROTA_CONFIG: 'rota.example.yaml' });
    const url = await p.url;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    send(p);
    expect(await p.exited).toBe(0);
    // tsx's esbuild service is a child of Rota's node and ends when its pipe closes, a moment after node itself:
    // the group must be empty soon after, not necessarily at the same instant.
    expect(await p.groupGone(5_000)).toBe(true);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    const messages = p.logs.map((l) => l.msg);
    expect(messages).toContain('stopped');
    expect(messages.indexOf('stopped')).toBeGreaterThan(messages.indexOf('signal received'));
  });

  it('stops on Ctrl-C when its log reader is gone first (npm start | tee, both signalled): exit status 0, nothing left', async () => {
    const p = start({ DATABASE_URL: `sqlite:${path.join(tempDir(), 'rota.sqlite')}`, ROTA_CONFIG: 'rota.example.yaml' });
    const url = await p.url;
    p.child.stdout!.destroy(); // as tee dies on Ctrl-C: every later log write meets a closed pipe (EPIPE)
    p.signalGroup('SIGINT');
    expect(await p.exited).toBe(0);
    expect(await p.groupGone(5_000)).toBe(true);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('a second npm start on a busy port stops before it touches its database, naming the port', async () => {
    const first = start({ DATABASE_URL: `sqlite:${path.join(tempDir(), 'rota.sqlite')}` });
    const port = new URL(await first.url).port;
    const secondDir = path.join(tempDir(), 'second');
    const second = start({ DATABASE_URL: `sqlite:${path.join(secondDir, 'rota.sqlite')}`, PORT: port });
    expect(await second.exited).toBe(1);
    const fatal = second.logs.find((l) => l.level === 60);
    expect(fatal?.msg).toBe(`port ${port} on 127.0.0.1 is already in use (is another Rota running?); stop it or set PORT to a free port; the database was not touched`);
    expect(second.logs.map((l) => l.msg)).not.toContain('database migrated');
    expect(fs.existsSync(secondDir)).toBe(false);
    expect((await fetch(`${await first.url}/healthz`)).status).toBe(200);
  });

  it('validates every inbound token once an app id is configured', async () => {
    const p = start({
      DATABASE_URL: `sqlite:${path.join(tempDir(), 'rota.sqlite')}`,
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: 'bbbbbbbb-0000-4000-8000-000000000001',
      HOST: '127.0.0.1',
    });
    const url = await p.url;
    const anonymous = await post(url, messageActivity(connector.url, 'help'));
    expect(anonymous.status).toBe(401);
    const forged = await post(url, messageActivity(connector.url, 'help'), { authorization: 'Bearer not.a.jwt' });
    expect(forged.status).toBe(401);
    expect(connector.requests).toEqual([]);
    const logged = JSON.stringify(p.logs) + p.stderr();
    expect(logged).not.toContain('not-a-real-secret');
  });

  it('refuses a broken rotation file, names the field, and exits non-zero', async () => {
    const dir = tempDir();
    const config = path.join(dir, 'rota.yaml');
    fs.writeFileSync(
      config,
      'rotations:\n  - id: ops\n    start: 2026-01-05\n    every: 1w\n    handoff: "Monday at noon"\n    members: [a@contoso.com]\n',
    );
    const p = start({ DATABASE_URL: `sqlite:${path.join(dir, 'rota.sqlite')}`, ROTA_CONFIG: config });
    expect(await p.exited).toBe(1);
    const fatal = p.logs.find((l) => l.level === 60)!;
    expect(fatal.problems).toEqual(['rotations[0].handoff: expected "Mon 12:00" or "09:00"']);
  });

  it('refuses bad configuration with a message naming the variable', async () => {
    const p = start({ PORT: 'eighty' });
    expect(await p.exited).toBe(1);
    expect(p.stderr()).toContain('PORT: expected a port number');
  });
});

describe('npm run rota (the command line)', () => {
  const rota = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile('npm', ['run', '--silent', 'rota', '--', ...args], { cwd: path.resolve(import.meta.dirname, '../..'), env: npmEnv({}) }, (_err, stdout) =>
        resolve({ code: child.exitCode, stdout }),
      );
    });

  it('runs a command and passes its exit status through', async () => {
    expect(await rota(['validate', 'rota.example.yaml'])).toEqual({ code: 0, stdout: 'rota.example.yaml: valid (4 rotations)\n' });
    expect((await rota(['no-such-command'])).code).toBe(2);
  });
});

describe.each(ENGINES)('npm start on %s', { timeout: 45_000 }, (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(engine, false);
  });
  afterAll(() => t.destroy());

  it('migrates on start, applies the example file once, and stays healthy across a restart', async () => {
    const first = start({ DATABASE_URL: t.url });
    const url = await first.url;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const audit1 = await t.db('audit_log').count({ n: '*' });

    const second = start({ DATABASE_URL: t.url });
    await second.url;
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.logs.find((l) => l.msg === 'database schema up to date')).toBeDefined();
    expect(second.logs.find((l) => l.msg === 'rotation file applied')?.changes).toBe(0);
    expect(await t.db('audit_log').count({ n: '*' })).toEqual(audit1);
    expect((await t.db('rotations').pluck('id')).sort()).toEqual(['dev', 'mro', 'night', 'ops']);
  });
});
