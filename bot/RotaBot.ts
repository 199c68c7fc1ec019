import { ActivityHandler, type TurnContext } from 'botbuilder';
import { COMMANDS } from './commands.js';
import { parseCommand } from './parseCommand.js';

/** What the bot asks of the rest of Rota; answers come from the database, never from Graph. */
export interface RotaQueries {
  /** Markdown lines describing who is on duty at `now`, for one rotation or all of them. */
  who(now: number, rotationId?: string): Promise<string>;
  rotations(): Promise<string>;
}

export interface RotaBotOptions {
  queries: RotaQueries;
  clock: () => number;
}

type Handler = (context: TurnContext, args: string, options: RotaBotOptions) => Promise<void>;

const handlers: Record<string, Handler> = {
  who: async (context, args, { queries, clock }) => {
    await context.sendActivity(await queries.who(clock(), args || undefined));
  },
  rotations: async (context, _args, { queries }) => {
    await context.sendActivity(await queries.rotations());
  },
  help: async (context) => {
    await context.sendActivity(helpText());
  },
};

export function helpText(): string {
  const lines = COMMANDS.filter((c) => c.ready).map((c) => `- **${c.usage}** — ${c.description}`);
  return ['Rota keeps your on-call rotation. Ask me:', ...lines].join('\n');
}

/** A thin dispatcher: parse the text, route to one small handler, reply. */
export function createRotaBot(options: RotaBotOptions): ActivityHandler {
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const parsed = parseCommand(context.activity.text ?? '');
    if (parsed.kind === 'unknown') {
      const hint = parsed.suggestion ? `Did you mean **${parsed.suggestion}**? ` : '';
      await context.sendActivity(`I did not understand "${parsed.text}". ${hint}\n\n${helpText()}`);
    } else {
      const handler = handlers[parsed.command];
      if (handler) await handler(context, parsed.args, options);
    }
    await next();
  });
  return bot;
}
