import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { runCapturing } from '../helpers/runCli.js';

const PREFIX = 'npm run -s rota -- ';

interface Sample {
  command: string;
  output: string;
}

/** The `console` blocks of a README section: `$ command` lines, each followed by what it prints. */
function samplesIn(readme: string, section: string): Sample[] {
  const start = readme.indexOf(`\n## ${section}\n`);
  if (start < 0) throw new Error(`README.md: no section "## ${section}"`);
  const end = readme.indexOf('\n## ', start + 1);
  const body = readme.slice(start, end < 0 ? undefined : end);
  const samples: Sample[] = [];
  for (const block of body.matchAll(/^```console\n([\s\S]*?)^```$/gm)) {
    for (const line of block[1]!.split('\n')) {
      if (line.startsWith('$ ')) samples.push({ command: line.slice(2), output: '' });
      else if (line !== '' || samples.length > 0) {
        const last = samples.at(-1);
        if (!last) throw new Error(`README.md: output before any "$ " command in a console block: ${line}`);
        last.output += `${line}\n`;
      }
    }
  }
  for (const s of samples) s.output = s.output.replace(/\n+$/, '\n');
  return samples;
}

/** Words of a command line: spaces split, double quotes group (enough for the README's samples). */
function shellWords(line: string): string[] {
  const words = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  if ((line.match(/"/g)?.length ?? 0) % 2 !== 0) throw new Error(`unbalanced quotes in: ${line}`);
  return words;
}

const run = runCapturing;

const samples = samplesIn(fs.readFileSync('README.md', 'utf8'), 'Command line');

describe('the README\'s command-line samples print what the README shows', () => {
  it('has samples to check, each a rota command', () => {
    expect(samples.length).toBeGreaterThanOrEqual(3);
    for (const s of samples) expect(s.command.startsWith(PREFIX), s.command).toBe(true);
  });

  // Run on three days, years apart: samples that pin their dates print the same whenever a newcomer runs them.
  it.each(samples.map((s) => [s.command, s] as const))('$ %s', async (_command, sample) => {
    const args = shellWords(sample.command.slice(PREFIX.length));
    for (const now of [Date.parse('2026-03-03T09:00:00Z'), Date.parse('2026-12-01T09:40:00Z'), Date.parse('2031-07-15T12:00:00Z')]) {
      const { code, out, err } = await run(args, now);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toBe(sample.output);
    }
  });
});

describe('the README\'s command as typed', () => {
  it('npm run -s rota -- prints exactly the command\'s output (no npm banner)', async () => {
    const sample = samples.find((s) => s.command.includes(' who '))!;
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'rota', '--', ...shellWords(sample.command.slice(PREFIX.length))], { encoding: 'utf8' });
    expect(stdout).toBe(sample.output);
  }, 30_000);
});

describe('samplesIn', () => {
  it('splits console blocks into commands and their output, only in the named section', () => {
    const readme = ['# T', '## Other', '```console', '$ npm run -s rota -- nope', 'x', '```', '## Command line', 'text', '```console', '$ a', 'one', 'two', '$ b "c d"', 'three', '```', '```sh', '$ not a sample', '```', '## Next', ''].join('\n');
    expect(samplesIn(readme, 'Command line')).toEqual([
      { command: 'a', output: 'one\ntwo\n' },
      { command: 'b "c d"', output: 'three\n' },
    ]);
    expect(shellWords('who --at "2026-03-05 08:00" --json')).toEqual(['who', '--at', '2026-03-05 08:00', '--json']);
  });
});
