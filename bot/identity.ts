import { TeamsInfo, type TurnContext } from 'botbuilder';
import { messageOf } from '../rotation/messageOf.js';
import type { ChatDeps, PersonRef } from '../app/usecases/context.js';
import { identify, meetPeople, type TeamsAccount } from '../app/usecases/people.js';

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

/**
 * In a team, asks Teams about the people an answer cannot @mention yet, by their address as UPN: the Bot Connector's
 * "get single member" takes a Teams user id, a UPN or an Entra object id, in the team's conversation (msteams-docs,
 * "Get Teams specific context for your bot", section "Get single member details";
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context). What Teams answers is cached
 * in the people store (app/usecases/people.meetPeople); true when someone was learnt, so the answer is read again.
 * Outside a team there is no roster to ask, so nothing is looked up.
 */
export async function meetInTeam(context: TurnContext, deps: IdentityDeps, refs: PersonRef[]): Promise<boolean> {
  const teamId = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
  if (!teamId || refs.length === 0) return false;
  return meetPeople(deps.chat, refs, deps.clock(), (address) =>
    TeamsInfo.getMember(context, address).catch((err: unknown) => {
      deps.log.warn({ err: messageOf(err), team: teamId }, 'could not look up a person in the team by UPN');
      return undefined;
    }),
  );
}
