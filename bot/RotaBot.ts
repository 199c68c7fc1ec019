import { ActivityHandler, type TurnContext } from 'botbuilder';
import { echo } from '../app/usecases/format.js';
import { COMMANDS } from './commands.js';
import { parseCommand } from './parseCommand.js';
import { helpCard } from './cards.js';
import { onCardAction, onSubmitFallback } from './cardActions.js';
import * as change from './changeCommands.js';
import * as undo from './cancelCommands.js';
import type { HandoffAcks } from './handoffs.js';
import { onInstall } from './install.js';
import * as read from './readCommands.js';
import { isOnCall } from './onCallCommand.js';
import { stats } from './statsCommand.js';
import { setup } from './setup.js';
import { timeOff } from './timeOffCommands.js';
import { say, sendCard, type BotDeps, type Handler } from './turn.js';

export type { BotDeps } from './turn.js';

/** One small handler per command (the route table); `override` is `cover`. */
const commands: Record<string, Handler> = {
  who: read.who,
  next: read.next,
  schedule: read.schedule,
  'my shifts': read.myShifts,
  'is on call': isOnCall,
  stats,
  rotations: read.rotations,
  help: read.help,
  cover: change.cover,
  'time off': timeOff,
  swap: change.swap,
  handover: change.handover,
  remind: change.remind,
  setup,
  subscribe: change.subscribe,
  'my changes': undo.myChanges,
  cancel: undo.cancel,
  'cancel time off': undo.cancelTimeOff,
};

export function helpText(): string {
  const lines = COMMANDS.filter((c) => c.ready).map((c) => `- **${c.usage}** — ${c.description}`);
  return ['Rota keeps your on-call rotation. Ask me:', ...lines].join('\n');
}

async function onMessage(context: TurnContext, deps: BotDeps, acks: HandoffAcks): Promise<void> {
  if (await onSubmitFallback(context, deps, acks)) return;
  const parsed = parseCommand(context.activity.text ?? '');
  if (parsed.kind === 'unknown') {
    await say(context, `I did not understand "${echo(parsed.text)}". Did you mean **${parsed.suggestion}**? Here is what I can do:`);
    await sendCard(context, helpCard());
    return;
  }
  await commands[parsed.command]!(context, parsed.args, deps);
}

/**
 * A thin dispatcher: the activity's type picks a route, a message's command picks a handler. The subclass only
 * replaces `run`; ActivityHandler's event methods are not used.
 */
export class RotaBot extends ActivityHandler {
  constructor(
    private readonly deps: BotDeps,
    private readonly acks: HandoffAcks,
  ) {
    super();
  }

  override async run(context: TurnContext): Promise<void> {
    const a = context.activity;
    if (a.type === 'message') return onMessage(context, this.deps, this.acks);
    if (a.type === 'conversationUpdate' || a.type === 'installationUpdate') return onInstall(context, this.deps);
    if (a.type === 'invoke' && a.name === 'adaptiveCard/action') return onCardAction(context, this.deps, this.acks);
    if (a.type === 'invoke') await context.sendActivity({ type: 'invokeResponse', value: { status: 501 } });
  }
}

export function createRotaBot(deps: BotDeps, acks: HandoffAcks): RotaBot {
  return new RotaBot(deps, acks);
}
