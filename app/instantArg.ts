import { DateTime } from 'luxon';
import { CliError } from './cliError.js';

/**
 * A command-line time: a date alone means local midnight in `zone`; a date-time without offset is local to
 * `zone`; with Z or an offset it is exact. Anything else is refused, naming the option.
 */
export function parseInstantArg(option: string, text: string, zone: string): number {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  const dt = DateTime.fromISO(text, hasOffset ? { setZone: true } : { zone });
  if (!dt.isValid || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
    throw new CliError(`${option}: expected a date such as 2026-03-09 or a date-time such as 2026-03-09T12:00 (got "${text}")`, 2);
  }
  return dt.toMillis();
}
