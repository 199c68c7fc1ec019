import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Anything that could hold a secret is redacted by key, wherever it appears,
 * as a second line of defence behind `describeConfig`, which never puts a secret into a log call.
 */
const REDACT = [
  'password',
  'secret',
  'token',
  'authorization',
  'MicrosoftAppPassword',
  'AZURE_CLIENT_SECRET',
  'DATABASE_URL',
  'connectionString',
  '*.password',
  '*.secret',
  '*.token',
  '*.authorization',
  '*.connectionString',
  '*.MicrosoftAppPassword',
  '*.AZURE_CLIENT_SECRET',
  'headers.authorization',
  'req.headers.authorization',
];

/**
 * stdout, written as each line is logged, and silent once its reader is gone. `npm start | tee` sends Ctrl-C to tee
 * too: with pino's buffered default, the flush at exit retried the closed pipe (EPIPE) for ever and Rota never
 * ended. Written at once, nothing waits for a flush; a closed pipe only stops the logging.
 */
export function stdoutDestination(): DestinationStream {
  const out = pino.destination({ dest: 1, sync: true });
  out.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    out.write = () => true;
  });
  return out;
}

export function createLogger(level: string, destination: DestinationStream = stdoutDestination()): Logger {
  return pino(
    {
      level,
      base: { app: 'rota' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    destination,
  );
}
