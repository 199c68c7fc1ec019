import * as cancels from './cancelCommands.js';
import * as changes from './changeCommands.js';
import { duties, dutyDone, dutySkip, dutySnooze } from './dutyCommands.js';
import { submitEvening } from './checkPosts.js';
import { acknowledge } from './handoffs.js';
import { escalate } from './escalateCommand.js';
import * as items from './itemCommands.js';
import { isOnCall } from './onCallCommand.js';
import * as read from './readCommands.js';
import { saveSetupForm, setup } from './setup.js';
import { stats } from './statsCommand.js';
import { acceptSwap, declineSwap, swap } from './swapCommands.js';
import { confirmTimeOff, dropConfirmation, timeOff } from './timeOffCommands.js';
import type { CardHandler, Handler } from './turn.js';
import { oofNo, oofYes } from './oofCards.js';
import { take } from './takeCommand.js';
import { notifyMoves } from './moveNotices.js';

/**
 * One registry for everything Rota answers: text commands (the names parseCommand gives) and Adaptive Card verbs
 * (what `execute` puts on a card; Action.Submit's fallback sends the same verb). Each is registered once, against a
 * small handler; RotaBot only looks them up. Registering a name twice is a mistake caught when the module loads.
 */
export class RouteTable {
  private readonly commands = new Map<string, Handler>();
  private readonly verbs = new Map<string, CardHandler>();

  command(name: string, handler: Handler): this {
    claim(this.commands, `command "${name}"`, name, handler);
    return this;
  }

  card(verb: string, handler: CardHandler): this {
    claim(this.verbs, `card verb "${verb}"`, verb, handler);
    return this;
  }

  commandFor(name: string): Handler | undefined {
    return this.commands.get(name);
  }

  cardFor(verb: string): CardHandler | undefined {
    return this.verbs.get(verb);
  }

  get commandNames(): string[] {
    return [...this.commands.keys()];
  }

  get cardVerbs(): string[] {
    return [...this.verbs.keys()];
  }
}

function claim<H>(routes: Map<string, H>, what: string, key: string, handler: H): void {
  if (routes.has(key)) throw new Error(`the ${what} is registered twice in bot/routes.ts`);
  routes.set(key, handler);
}

/** Rota's routes. A new command: a phrase in parseCommand.ts, a line in commands.ts (help and manifest), a route here. */
export const ROUTES = new RouteTable()
  // Questions: the use case answers, the handler words it.
  .command('who', read.who)
  .command('next', read.next)
  .command('schedule', read.schedule)
  .command('my shifts', read.myShifts)
  .command('is on call', isOnCall)
  .command('stats', stats)
  .command('rotations', read.rotations)
  .command('duties', duties)
  .command('help', read.help)
  // Changes (`override` is `cover`), and taking them back.
  .command('cover', changes.cover)
  .command('time off', timeOff)
  .command('swap', swap)
  .command('handover', changes.handover)
  .command('remind', changes.remind)
  .command('setup', setup)
  .command('subscribe', changes.subscribe)
  .command('my changes', cancels.myChanges)
  .command('cancel', cancels.cancel)
  .command('cancel time off', cancels.cancelTimeOff)
  // Open items and escalations (issue #12).
  .command('item add', items.itemAdd)
  .command('items', items.items)
  .command('item', items.item)
  .command('item done', items.itemDone)
  .command('item assign', items.itemAssign)
  .command('item take', items.itemTake)
  .command('item accept', items.itemAccept)
  .command('escalate', escalate)
  // Take the pager (issue #13).
  .command('take', take)
  // "Your shifts moved" messages (issue #13).
  .command('notify moves', notifyMoves)
  // Card verbs.
  .card('swap.accept', acceptSwap)
  .card('swap.decline', declineSwap)
  .card('handover.save', changes.saveHandoverForm)
  .card('setup.save', saveSetupForm)
  .card('timeoff.confirm', confirmTimeOff)
  .card('timeoff.drop', dropConfirmation)
  .card('cover.confirm', changes.confirmCover)
  .card('cover.drop', dropConfirmation)
  .card('handoff.ack', acknowledge)
  .card('item.take.accept', items.acceptTakeOver)
  .card('item.take.decline', items.declineTakeOver)
  .card('duty.done', dutyDone)
  .card('duty.skip', dutySkip)
  .card('duty.snooze', dutySnooze)
  .card('check.evening.submit', submitEvening)
  // Outlook out-of-office questions (issue #13).
  .card('oof.yes', oofYes)
  .card('oof.no', oofNo);
