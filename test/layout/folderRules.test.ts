import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The folder rules of .dependency-cruiser.cjs, run by `npm test` (npm run lint:deps), checked against a tiny tree
// with one deliberate violation per case: the run must fail and its message must name the rule and the file pair.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');

function cruise(cwd: string, folders: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(DEPCRUISE, [...folders, '--config', path.join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'err-long'], { cwd }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

const CASES: Array<{ rule: string; file: string; source: string; target: string }> = [
  { rule: 'core-stands-alone', file: 'rotation/core.ts', source: "import { x } from '../db/people/PeopleStore.ts'; export const y = x;", target: 'db/people/PeopleStore.ts' },
  { rule: 'core-is-pure', file: 'rotation/clock.ts', source: "import fs from 'node:fs'; export const y = fs;", target: 'fs' },
  { rule: 'bot-without-db', file: 'bot/handler.ts', source: "import { x } from '../db/people/PeopleStore.ts'; export const y = x;", target: 'db/people/PeopleStore.ts' },
  { rule: 'edges-not-root', file: 'bot/config.ts', source: "import { c } from '../app/root/config.ts'; export const y = c;", target: 'app/root/config.ts' },
  { rule: 'sync-uses-db-ports', file: 'sync/job.ts', source: "import { K } from '../db/people/KnexPeopleStore.ts'; export const y = K;", target: 'db/people/KnexPeopleStore.ts' },
  { rule: 'usecases-inward', file: 'app/usecases/who.ts', source: "import { r } from '../../bot/reply.ts'; export const y = r;", target: 'bot/reply.ts' },
  { rule: 'inner-rooms-use-ports', file: 'app/jobs/post.ts', source: "import { K } from '../../db/people/KnexPeopleStore.ts'; export const y = K;", target: 'db/people/KnexPeopleStore.ts' },
  { rule: 'bot-and-sync-apart', file: 'sync/post.ts', source: "import { r } from '../bot/reply.ts'; export const y = r;", target: 'bot/reply.ts' },
];

// Files every case may import, all allowed among themselves.
const BASE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', allowImportingTsExtensions: true, noEmit: true } }),
  'db/people/PeopleStore.ts': 'export const x = 1;',
  'db/people/KnexPeopleStore.ts': "import { x } from './PeopleStore.ts'; export const K = x;",
  'app/root/config.ts': 'export const c = 1;',
  'bot/reply.ts': 'export const r = 1;',
  'sync/ok.ts': "import { x } from '../db/people/PeopleStore.ts'; export const s = x;",
  'app/usecases/ok.ts': "import { x } from '../../db/people/PeopleStore.ts'; export const u = x;",
};
const FOLDERS = ['rotation', 'db', 'bot', 'sync', 'app'];

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rota-folders-'));
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), text);
  }
  await fs.mkdir(path.join(dir, 'rotation'), { recursive: true });
  return dir;
}

describe('the folder rules (dependency-cruiser, as npm test runs them)', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }))));

  let clean: { code: number; out: string };
  beforeAll(async () => {
    const dir = await tree(BASE);
    dirs.push(dir);
    clean = await cruise(dir, FOLDERS);
  });

  it('passes a tree that keeps every rule', () => {
    expect(clean.out).toContain('no dependency violations found');
    expect(clean.code).toBe(0);
  });

  it.each(CASES)('fails on $rule and names $file → $target', async ({ rule, file, source, target }) => {
    const dir = await tree({ ...BASE, [file]: source });
    dirs.push(dir);
    const { code, out } = await cruise(dir, FOLDERS);
    expect(code).not.toBe(0);
    expect(out).toContain(`error ${rule}: ${file} → ${target}`);
  });

  it('fails on an import cycle and names both files', async () => {
    const dir = await tree({ ...BASE, 'bot/a.ts': "import { b } from './b.ts'; export const a = b;", 'bot/b.ts': "import { a } from './a.ts'; export const b = () => a;" });
    dirs.push(dir);
    const { code, out } = await cruise(dir, FOLDERS);
    expect(code).not.toBe(0);
    expect(out).toMatch(/error no-circular: bot\/[ab]\.ts →\s+bot\/[ab]\.ts →\s+bot\/[ab]\.ts/);
  });
});
