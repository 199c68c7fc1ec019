import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { RotaFileError } from './rotaFile.js';
import { startRota } from './rota.js';

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
  let rota;
  try {
    rota = await startRota(config, log);
  } catch (err) {
    if (err instanceof RotaFileError) log.fatal({ file: err.file, problems: err.problems }, 'the rotation file is invalid; nothing was changed');
    else log.fatal({ err }, 'Rota could not start');
    process.exitCode = 1;
    return;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'signal received');
    rota.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
