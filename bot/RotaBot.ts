import { ActivityHandler, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { fail, type Outcome } from '../rotation/result.js';
import { echo } from '../app/usecases/format.js';
import { helpCard, type Card } from './cards.js';
import { COMMANDS } from './commands.js';
import { onInstall } from './install.js';
import { parseCommand } from './parseCommand.js';
import { invokeBody, say, sendCard, submitAnswer } from './reply.js';
import { ROUTES } from './routes.js';
import type { BotDeps } from './turn.js';
import { retryTurnSends } from './turnRetry.js';

export type { BotDeps } from './turn.js';

export function helpText(): string {
  const lines = COMMANDS.filter((c) => c.ready).map((c) => `- **${c.usage}** — ${c.description}`);
  return ['Rota keeps your on-call rotation. Ask me:', ...lines].join('\n');
}

/** A message: an Action.Submit fallback with a verb Rota knows runs that card route; anything else is a text command. */
async function onMessage(context: TurnContext, deps: BotDeps): Promise<void> {
  const value = context.activity.value as { verb?: unknown } | undefined;
  const card = typeof value?.verb === 'string' ? ROUTES.cardFor(value.verb) : undefined;
  if (card) return submitAnswer(context, await card(context, value as Record<string, unknown>, deps));
  const parsed = parseCommand(context.activity.text ?? '');
  if (parsed.kind === 'unknown') {
    await say(context, `I did not understand "${echo(parsed.text)}". Did you mean **${parsed.suggestion}**? Here is what I can do:`);
    await sendCard(context, helpCard());
    return;
  }
  await ROUTES.commandFor(parsed.command)!(context, parsed.args, deps);
}

/** The `value` of an `adaptiveCard/action` invoke (Universal Actions). */
const invokeValue = z.object({
  action: z.object({ type: z.string(), verb: z.string().min(1), data: z.record(z.string(), z.unknown()).default({}) }),
});

const NOT_EXECUTE = { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'not an Action.Execute value' } };

/** An `adaptiveCard/action` invoke: the verb's route answers with a card that replaces the clicked one, or a message. */
async function onCardAction(context: TurnContext, deps: BotDeps): Promise<void> {
  const parsed = invokeValue.safeParse(context.activity.value);
  let body: Record<string, unknown> = NOT_EXECUTE;
  if (parsed.success) {
    const { verb, data } = parsed.data.action;
    const route = ROUTES.cardFor(verb);
    const outcome: Outcome<Card> = route ? await route(context, data, deps) : fail(`I do not know the action "${verb}".`);
    body = invokeBody(outcome);
  }
  await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
}

/**
 * A thin dispatcher: the activity's type picks a route, a message's command or a card's verb picks its handler in
 * the route table (bot/routes.ts). The subclass only replaces `run`; ActivityHandler's event methods are not used.
 */
export class RotaBot extends ActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
  }

  override async run(context: TurnContext): Promise<void> {
    retryTurnSends(context, (work) => this.deps.messenger.retry(work));
    const a = context.activity;
    if (a.type === 'message') return onMessage(context, this.deps);
    if (a.type === 'conversationUpdate' || a.type === 'installationUpdate') return onInstall(context, this.deps);
    if (a.type === 'invoke' && a.name === 'adaptiveCard/action') return onCardAction(context, this.deps);
    if (a.type === 'invoke') await context.sendActivity({ type: 'invokeResponse', value: { status: 501 } });
  }
}

export function createRotaBot(deps: BotDeps): RotaBot {
  return new RotaBot(deps);
}
