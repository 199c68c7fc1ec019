import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { RotaFileError } from '../usecases/rotaFile.js';
import { startRota, type RunningRota } from './wiring.js';
import { ListenError } from './server.js';

/** `npm start`: configuration from the environment, then run until SIGTERM or SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`rota: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);

  // Handlers go in before start-up, so a signal that arrives while Rota is still starting is not fatal:
  // it stops Rota as soon as start-up has finished.
  let signalled: string | undefined;
  let rota: RunningRota | undefined;
  let stopping = false;
  const stop = () => {
    if (stopping || !rota) return;
    stopping = true;
    log.info({ signal: signalled }, 'signal received');
    rota.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      signalled ??= signal;
      stop();
    });
  }

  try {
    rota = await startRota(config, log);
  } catch (err) {
    if (err instanceof RotaFileError) log.fatal({ file: err.file, problems: err.problems }, 'the rotation file is invalid; nothing was changed');
    else if (err instanceof ListenError) log.fatal({ port: err.port, host: err.host, code: err.code }, `${err.message}; the database was not touched`);
    else log.fatal({ err }, 'Rota could not start');
    process.exit(1);
  }
  if (signalled) stop();
}

void main();
