import fs from 'node:fs/promises';
import os from 'node:os';
import type { Command } from 'commander';
import { stringifyRotationFile } from '../rotation/file.js';
import { KnexRotationStore } from '../db/KnexRotationStore.js';
import type { Change } from '../db/types.js';
import { withDatabase } from './cliDatabase.js';
import { loadRotationFile } from './rotaFile.js';
import { RotaService } from './RotaService.js';
import { fileFromStored } from './state.js';

type Out = (s: string) => void;

export function describeChange(c: Change): string {
  const at = (t: number) => new Date(t).toISOString();
  switch (c.action) {
    case 'settings.updated':
      return `settings: timezone ${c.settings.timezone}, admins ${c.settings.admins.join(', ') || '(none)'}`;
    case 'rotation.created':
      return `+ rotation ${c.rotationId}`;
    case 'rotation.archived':
      return `- rotation ${c.rotationId} (archived; its history stays)`;
    case 'rotation.updated':
      return `~ rotation ${c.rotationId}: ${c.fields.join(', ')} (from ${at(c.effectiveFrom)}, the next handoff)`;
    case 'override.added':
    case 'override.removed': {
      const o = c.override;
      const who = o.replaces ? `${o.member} for ${o.replaces}` : o.member;
      return `${c.action === 'override.added' ? '+' : '-'} override ${o.rotationId}: ${who} ${at(o.start)} → ${at(o.end)}`;
    }
    case 'timeoff.added':
    case 'timeoff.removed':
      return `${c.action === 'timeoff.added' ? '+' : '-'} time off ${c.timeOff.member} ${at(c.timeOff.start)} → ${at(c.timeOff.end)}`;
  }
}

/** `apply` and `export`: the database and a rotation file, both ways. */
export function addFileCommands(program: Command, out: Out, clock: () => number): void {
  program
    .command('apply')
    .description('make the database match a rotation file (all or nothing; --dry-run prints the difference)')
    .argument('<file>', 'rotation file (YAML)')
    .option('--dry-run', 'print what would change and change nothing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      const parsed = await loadRotationFile(file);
      const actor = `cli:${os.userInfo().username}`;
      const changes = await withDatabase((db) =>
        new RotaService(db).applyFile(parsed, { actor, source: 'cli', now: clock() }, opts.dryRun ?? false),
      );
      const verb = opts.dryRun ? 'would change' : 'changed';
      out(changes.length ? `${changes.map(describeChange).join('\n')}\n${changes.length} ${verb}\n` : 'nothing to change\n');
    });

  program
    .command('export')
    .description('write the current rotations, overrides and time off as a file that apply accepts')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (opts: { output?: string }) => {
      const state = await withDatabase((db) => KnexRotationStore.create(db).load());
      const text = stringifyRotationFile(fileFromStored(state));
      if (opts.output) await fs.writeFile(opts.output, text);
      else out(text);
    });
}
