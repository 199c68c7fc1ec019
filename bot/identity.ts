import { TeamsInfo, type TurnContext } from 'botbuilder';
import { messageOf } from '../rotation/messageOf.js';
import type { ChatDeps, PersonRef } from '../app/usecases/context.js';
import { identify, meetPeople, type TeamsAccount, type TeamsMember } from '../app/usecases/people.js';
import { teamConversations } from '../app/usecases/teamConversations.js';
import type { Messenger } from './Messenger.js';

/** What a look-up needs of the bot's deps (BotDeps has it all). */
export interface IdentityDeps {
  chat: ChatDeps;
  clock: () => number;
  messenger: Pick<Messenger, 'teamMember'>;
  log: { warn(obj: object, msg: string): void };
}

/**
 * Who a Teams account is in Rota's terms (app/usecases/people.identify decides, from its cache first); the Bot
 * Connector is asked (TeamsInfo.getMember) only for an account the cache does not know, and a failure is logged.
 */
export function resolveAccount(context: TurnContext, deps: IdentityDeps, account: TeamsAccount): Promise<PersonRef | undefined> {
  return identify(deps.chat, account, deps.clock(), () => memberLookUp(context, deps)(account.id));
}

const inTeam = (context: TurnContext) =>
  Boolean((context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id) || context.activity.conversation?.conversationType === 'channel';

/**
 * Asks Teams who a user id (Teams id, UPN or Entra object id) is: in a team, the team's conversation knows its
 * members; a personal or group chat knows only its own members ("Get single member details" answers 404
 * MemberNotFoundInConversation otherwise), so there each team Rota is in is asked next, through its stored
 * conversation (app/usecases/teamConversations). Undefined when nobody knows them; failures are logged.
 */
export function memberLookUp(context: TurnContext, deps: IdentityDeps): (userId: string) => Promise<TeamsMember | undefined> {
  const warn = (err: unknown, userId: string) => {
    deps.log.warn({ err: messageOf(err), account: userId }, 'could not look up a Teams member');
    return undefined;
  };
  return async (userId) => {
    const here = await TeamsInfo.getMember(context, userId).catch((err: unknown) => (inTeam(context) ? warn(err, userId) : undefined));
    if (here || inTeam(context)) return here;
    for (const team of await teamConversations(deps.chat)) {
      const member = await deps.messenger.teamMember(team.reference, team.teamId!, userId).catch(() => undefined);
      if (member) return member;
    }
    return warn(new Error('no conversation Rota is in knows them'), userId);
  };
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
