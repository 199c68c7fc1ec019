import { vi } from 'vitest';
import { runCli } from '../../app/cli/main.js';

/** Runs the CLI in-process at `now`, capturing what it prints on stdout and stderr, and its exit status. */
export async function runCapturing(args: string[], now: number): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await runCli(args, (s) => (out += s), () => now), out, err };
  } finally {
    spy.mockRestore();
  }
}
