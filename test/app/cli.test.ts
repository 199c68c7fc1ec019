import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../app/cli/main.js';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const code = await runCli(args, (s) => (out += s));
  return { code, out, err };
}

function write(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rota-cli-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('rota CLI', () => {
  it('lists its commands with --help and exits 0', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    for (const command of ['migrate', 'validate']) expect(out).toContain(command);
  });

  it('validates the shipped example file', async () => {
    const { code, out } = await run(['validate', 'rota.example.yaml']);
    expect([code, out]).toEqual([0, 'rota.example.yaml: valid (4 rotations)\n']);
  });

  it('names every broken field and exits 1', async () => {
    const file = write(
      'bad.yaml',
      [
        'timezone: Mars/Olympus',
        'rotations:',
        '  - id: ops',
        '    start: 2026-01-05',
        '    every: 1w',
        '    handoff: "noon"',
        '    members: [a@contoso.com]',
      ].join('\n'),
    );
    const { code, err } = await run(['validate', file]);
    expect(code).toBe(1);
    expect(err).toContain('timezone: unknown time zone "Mars/Olympus"');
    expect(err).toContain('rotations[0].handoff: expected "Mon 12:00" or "09:00"');
  });

  it.each([
    [['validate', '/nonexistent/rota.yaml'], 1, 'file not found'],
    [['validate'], 2, "missing required argument 'file'"],
    [['frobnicate'], 2, "unknown command 'frobnicate'"],
  ])('%j exits %i and says %j', async (args, status, message) => {
    const { code, err } = await run(args);
    expect(code).toBe(status);
    expect(err).toContain(message);
  });
});
