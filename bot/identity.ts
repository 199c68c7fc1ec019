import { TeamsInfo, type TurnContext } from 'botbuilder';
import { messageOf } from '../rotation/messageOf.js';
import type { ChatDeps, PersonRef } from '../app/usecases/context.js';
import { identify, type TeamsAccount } from '../app/usecases/people.js';

/** What a look-up needs of the bot's deps (BotDeps has it all). */
export interface IdentityDeps {
  chat: ChatDeps;
  clock: () => number;
  log: { warn(obj: object, msg: string): void };
}

/**
 * Who a Teams account is in Rota's terms (app/usecases/people.identify decides, from its cache first); the Bot
 * Connector is asked (TeamsInfo.getMember) only for an account the cache does not know, and a failure is logged.
 */
export function resolveAccount(context: TurnContext, deps: IdentityDeps, account: TeamsAccount): Promise<PersonRef | undefined> {
  return identify(deps.chat, account, deps.clock(), () =>
    TeamsInfo.getMember(context, account.id).catch((err: unknown) => {
      deps.log.warn({ err: messageOf(err), account: account.id }, 'could not look up a Teams member');
      return undefined;
    }),
  );
}
