import type { Command } from 'commander';
import type { Stores } from '../../db/stores.js';
import type { ChangeItem } from '../usecases/changeItems.js';
import { describeCancelled, describeItem } from '../usecases/changeText.js';
import { cancelChange, listChanges } from '../usecases/cancel.js';
import { CliError } from './cliError.js';
import { withDatabase } from './database.js';
import { formatTable, isoInZone } from '../usecases/format.js';
import { RotaService } from '../usecases/RotaService.js';

type Out = (s: string) => void;

const chatDeps = (stores: Stores) => ({ service: new RotaService(stores), stores });

function itemJson(i: ChangeItem) {
  return {
    id: i.id,
    shortId: i.shortId,
    kind: i.kind,
    rotation: i.kind === 'time off' ? null : i.rotation.id,
    start: isoInZone(i.start, i.zone),
    end: isoInZone(i.end, i.zone),
    ...(i.kind === 'swap' ? { state: i.swap.state } : {}),
    description: describeItem(i),
  };
}

/** `changes` and `cancel`: the chat-made changes still in effect, and taking one back (the CLI is an admin tool). */
export function addChangeCommands(program: Command, out: Out, clock: () => number): void {
  program
    .command('changes')
    .description('list the time off, covers and swaps made in chat that are still in effect, with their ids')
    .option('--member <email>', 'only the changes of this person')
    .option('--json', 'print JSON')
    .action(async (opts: { member?: string; json?: boolean }) => {
      const items = await withDatabase((stores) => listChanges(chatDeps(stores), clock(), opts.member));
      if (opts.json) return out(`${JSON.stringify(items.map(itemJson), null, 2)}\n`);
      if (items.length === 0) return out(`no changes made in chat are in effect${opts.member ? ` for ${opts.member}` : ''}\n`);
      out(formatTable(['id', 'kind', 'what'], items.map((i) => [i.id, i.kind, describeItem(i)])));
    });

  program
    .command('cancel')
    .description('take back a change listed by `rota changes` (by its id or short id); what moved back is printed')
    .argument('<id>', 'the id or short id from rota changes')
    .option('--as <email>', 'cancel as this person, with their rights, instead of as an admin (actor cli)')
    .action(async (id: string, opts: { as?: string }) => {
      const actor = opts.as ? { email: opts.as.toLowerCase(), now: clock(), source: 'cli' as const } : { email: 'cli', now: clock(), source: 'cli' as const, admin: true };
      const done = await withDatabase((stores) => cancelChange(chatDeps(stores), actor, id));
      if (!done.ok) throw new CliError(done.error, 1);
      out(`${describeCancelled(done.value)}\n`);
      if (done.value.tell.length) out(`Tell ${done.value.tell.join(' and ')}: the command line does not message Teams.\n`);
    });
}
