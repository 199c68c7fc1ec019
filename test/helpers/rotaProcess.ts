import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RotaProcess {
  /** The `npm` process, leader of its own process group (everything it starts stays in that group). */
  child: ChildProcess;
  /** Parsed JSON log lines so far (npm's own banner lines are kept as `{ raw }`). */
  logs: Array<Record<string, unknown>>;
  stderr: () => string;
  url: Promise<string>;
  exited: Promise<number | null>;
  /** Whether any process of the group (npm, a shell, node, a loader's helper) is still alive. */
  groupAlive: () => boolean;
  /** Polls until no process of the group is left (true), or `timeoutMs` passes (false). */
  groupGone: (timeoutMs: number) => Promise<boolean>;
  /** Sends a signal to every process of the group at once, as Ctrl-C in a terminal does. */
  signalGroup: (signal: NodeJS.Signals) => void;
}

/** The environment the helpers run npm in: nothing of the test runner's own, no update check (no network). */
export function npmEnv(env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    ...env,
  };
}

/** Starts Rota exactly as the README does, `npm start`, on a free port unless PORT is given. */
export function startRotaProcess(env: Record<string, string>): RotaProcess {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: npmEnv({ PORT: '0', LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pgid = child.pid!;
  const logs: Array<Record<string, unknown>> = [];
  let err = '';
  let resolveUrl: (url: string) => void;
  let rejectUrl: (e: Error) => void;
  const url = new Promise<string>((res, rej) => {
    resolveUrl = res;
    rejectUrl = rej;
  });
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const entry = parseLine(line);
      if (entry) logs.push(entry);
      if (entry?.msg === 'listening' && typeof entry.url === 'string') resolveUrl(entry.url);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then((code) => rejectUrl(new Error(`rota exited (${code}) before listening:\n${err}\n${JSON.stringify(logs)}`)));
  url.catch(() => undefined); // tests that expect an early exit never await the url
  const groupAlive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
      throw e;
    }
  };
  const signalGroup = (signal: NodeJS.Signals) => process.kill(-pgid, signal);
  const groupGone = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (groupAlive()) {
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 25));
    }
    return true;
  };
  return { child, logs, stderr: () => err, url, exited, groupAlive, signalGroup, groupGone };
}

/** A JSON log line as an object; npm's banner and anything else not JSON as `{ raw }`; blank lines dropped. */
function parseLine(line: string): Record<string, unknown> | undefined {
  if (!line.trim()) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { raw: line }; // kept, so a test that fails shows it
  }
}

/** Ends whatever a test left running, group and all. */
export async function killRotaProcess(p: RotaProcess): Promise<void> {
  if (p.groupAlive()) p.signalGroup('SIGKILL');
  await p.exited;
}
