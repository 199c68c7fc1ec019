import type { Command } from 'commander';
import type { Stores } from '../../db/stores.js';
import { dutiesForCli } from '../usecases/dutyList.js';
import type { DutyLine } from '../usecases/dutyRecord.js';
import { assigneeNames, clockAt, dutyStateText, undeliveredText } from '../usecases/dutyText.js';
import { formatTable } from '../usecases/format.js';
import { RotaService } from '../usecases/RotaService.js';
import { CliError } from './cliError.js';
import { withDatabase } from './database.js';

type Out = (s: string) => void;

const chatDeps = (stores: Stores) => ({ service: new RotaService(stores), stores });

/** `duties [--rotation R] [--date YYYY-MM-DD]`: a day's duties and their state, from the database. */
export function addDutiesCommand(program: Command, out: Out, clock: () => number): void {
  program
    .command('duties')
    .description("list a day's duties and their state (today in each rotation's zone unless --date)")
    .option('--rotation <id>', 'only this rotation')
    .option('--date <YYYY-MM-DD>', 'the local day, in the rotation\'s zone')
    .action(async (opts: { rotation?: string; date?: string }) => {
      const days = await withDatabase((stores) => dutiesForCli(chatDeps(stores), clock(), opts));
      if (!days.ok) throw new CliError(days.error, 2);
      if (days.value.length === 0) return out('no rotation has duties\n');
      out(
        days.value
          .map((d) => {
            const zone = d.rotation.timezone;
            const head = `${d.rotation.id} (${d.rotation.name}) ${d.date} ${zone}\n`;
            if (d.lines.length === 0) return `${head}no duties on this day\n`;
            const to = (l: DutyLine) => [assigneeNames(l), undeliveredText(l)].filter(Boolean).join('; ');
            const rows = d.lines.map((l) => [clockAt(l.occurrence.at, zone), l.occurrence.task, dutyStateText(l, zone), l.late ? 'late' : '', to(l)]);
            return head + formatTable(['time', 'task', 'state', 'late', 'to'], rows);
          })
          .join('\n'),
      );
    });
}
