import fs from 'node:fs/promises';
import os from 'node:os';
import type { Command } from 'commander';
import { stringifyRotationFile, type RotationFile } from '../../rotation/file.js';
import { describeChanges } from './changeWords.js';
import { CliError } from './cliError.js';
import { withDatabase } from './database.js';
import { formatWarnings, readRotationFile } from '../usecases/rotaFile.js';
import { RotaService } from '../usecases/RotaService.js';
import { desiredFromFile, fileFromStored } from '../usecases/state.js';
import { movePreview, movePreviewText, type MovePreview } from '../usecases/movePreview.js';
import { loadConfig } from '../root/config.js';
import { missingSecrets } from '../usecases/webhookPayload.js';
import { zonedShort } from '../usecases/format.js';

type Out = (s: string) => void;

/** `apply` and `export`: the database and a rotation file, both ways. */
export function addFileCommands(program: Command, out: Out, clock: () => number): void {
  program
    .command('apply')
    .description('make the database match a rotation file (all or nothing; --dry-run says what would change)')
    .argument('<file>', 'rotation file (YAML)')
    .option('--dry-run', 'print what would change and change nothing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      const { file: parsed, warnings } = await readRotationFile(file);
      out(formatWarnings(file, warnings));
      const config = loadConfig();
      // Only the running Rota signs (it refuses to start without the variable): here, where a CI preview may run without
      // the secrets, a missing one is a warning, for apply and --dry-run alike.
      const unsigned = missingSecrets(parsed.webhooks, config.secretOf ?? (() => undefined));
      out(formatWarnings(file, unsigned.map((u) => `${u}; set it where Rota runs (npm start refuses to start without it)`)));
      const actor = `cli:${os.userInfo().username}`;
      const now = clock();
      const { before, changes, moved } = await withDatabase(async (stores) => {
        const service = new RotaService(stores);
        if (opts.dryRun) {
          // The real apply's transaction, rolled back: the "after" is exactly what applying now would store.
          const preview = await service.previewFile(parsed, { actor, source: 'cli', now });
          return { before: preview.before, changes: preview.result, moved: movePreview(preview.before, preview.after, now, config.sync.horizonWeeks) };
        }
        const before = await stores.rotations.load();
        return { before, changes: await service.applyFile(parsed, { actor, source: 'cli', now }), moved: undefined };
      }, config.database);
      if (changes.length === 0) return out('nothing to change\n');
      const desired = desiredFromFile(parsed).rotations;
      const zones = new Map([...before.rotations, ...desired].map((r) => [r.id, r.timezone]));
      const lines = describeChanges(changes, {
        before,
        after: new Map(desired.map((r) => [r.id, r.definition])),
        zoneOf: (id) => (id === undefined ? undefined : zones.get(id)) ?? parsed.timezone,
      });
      if (moved) lines.push(...movedWords(moved, config.sync.horizonWeeks, parsed.timezone));
      out(`${lines.join('\n')}\n${changes.length} change${changes.length === 1 ? '' : 's'} ${opts.dryRun ? 'would be made (dry run: nothing was written)' : 'made'}\n`);
    });

  program
    .command('export')
    .description('write the current rotations, overrides and time off as a file that apply accepts')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (opts: { output?: string }) => {
      const state = await withDatabase((stores) => stores.rotations.load());
      const exported = fileFromStored(state);
      const text = stringifyRotationFile(exported);
      if (!opts.output) return out(text);
      try {
        await fs.writeFile(opts.output, text);
      } catch (err) {
        throw new CliError(`--output: cannot write ${opts.output} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      }
      out(`wrote ${contents(exported)} to ${opts.output}\n`);
    });
}

/**
 * "shifts that would move in the next 12 weeks (to Tue 23 Feb 2027 21:02 CET, ROTA_SYNC_HORIZON_WEEKS), per person:"
 * then each person's lines, each moved shift whole (movePreview.ts). Nothing when no shift moves.
 */
function movedWords(moved: MovePreview, weeks: number, zone: string): string[] {
  const span = `in the next ${weeks} week${weeks === 1 ? '' : 's'} (to ${zonedShort(moved.to, zone)}, ROTA_SYNC_HORIZON_WEEKS)`;
  if (moved.people.length === 0) return []; // nothing moves: the change lines say it all
  return [`shifts that would move ${span}, per person:`, ...movePreviewText(moved).map((l) => `  ${l}`)];
}

/** "4 rotations, 2 overrides, 1 time off" */
export function contents(file: RotationFile): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  return [n(file.rotations.length, 'rotation'), n(file.overrides?.length ?? 0, 'override'), n(file.timeOff?.length ?? 0, 'time off', 'time off')].join(', ');
}
