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

export function createLogger(level: string, destination?: DestinationStream): Logger {
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
