import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { packageVersion } from '../root/packageVersion.js';
import { ConfigError, loadConfig } from '../root/config.js';
import { withDatabase } from './database.js';
import { formatWarnings, readRotationFile, RotaFileError } from '../usecases/rotaFile.js';
import { CliError } from './cliError.js';
import { addFileCommands } from './apply.js';
import { addQueryCommands } from './queries.js';
import { addSyncCommands } from './sync.js';
import { addChatCommand } from './chat/terminalChat.js';
import { addChangeCommands } from './changes.js';
import { addDutiesCommand } from './duties.js';
import { messageOf } from '../../rotation/messageOf.js';

export function buildProgram(out: (s: string) => void, clock: () => number = Date.now): Command {
  const program = new Command('rota')
    .description('Rota: on-call and interrupt-duty rotations for Microsoft Teams')
    .version(packageVersion(), '-V, --version', 'print the version of Rota')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: out, writeErr: (s) => process.stderr.write(s) })
    .exitOverride();

  program
    .command('migrate')
    .description('bring the database schema up to date (DATABASE_URL; also done on start)')
    .action(async () => {
      await withDatabase(async (_stores, applied) => {
        out(applied.length ? `applied: ${applied.join(', ')}\n` : 'database schema is up to date\n');
      });
    });

  program
    .command('validate')
    .description('check a rotation file and list every problem by field')
    .argument('<file>', 'rotation file (YAML)')
    .action(async (file: string) => {
      const { file: parsed, warnings } = await readRotationFile(file);
      const count = `${parsed.rotations.length} rotation${parsed.rotations.length === 1 ? '' : 's'}`;
      const warned = warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : '';
      out(`${formatWarnings(file, warnings)}${file}: valid (${count}${warned})\n`);
    });

  addFileCommands(program, out, clock);
  addQueryCommands(program, out, clock);
  addSyncCommands(program, out, clock);
  addChatCommand(program, out);
  addChangeCommands(program, out, clock);
  addDutiesCommand(program, out, clock);
  return program;
}

/** package.json's version: what `rota --version` prints. */

/** Runs the CLI; returns the exit status instead of exiting, so tests can call it in-process. */
export async function runCli(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  clock: () => number = Date.now,
): Promise<number> {
  const program = buildProgram(out, clock);
  if (argv.length === 0) {
    program.outputHelp();
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not failures; commander has already printed its message for the rest.
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version' ? 0 : 2;
    }
    const message =
      err instanceof RotaFileError || err instanceof ConfigError || err instanceof CliError
        ? err.message
        : `unexpected error: ${messageOf(err)}`;
    process.stderr.write(`rota: ${message}\n`);
    return err instanceof CliError ? err.exitCode : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
