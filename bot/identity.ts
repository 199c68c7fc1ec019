import { TeamsInfo, type TurnContext } from 'botbuilder';
import { refOf, type PeopleStore, type PersonRef } from '../app/usecases/context.js';
import { messageOf } from '../rotation/messageOf.js';

export interface IdentityLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Who a Teams account is in Rota's terms (the e-mail/UPN rotation files use). The database's cache answers first;
 * only an unknown account costs one Bot Connector call (TeamsInfo.getMember), whose answer is cached.
 */
export async function resolveAccount(
  context: TurnContext,
  store: PeopleStore,
  account: { id: string; name?: string; aadObjectId?: string },
  now: number,
  log: IdentityLogger,
): Promise<PersonRef | undefined> {
  const cached = account.aadObjectId ? await store.personByAadId(account.aadObjectId) : await store.personByTeamsId(account.id);
  if (cached && cached.teamsId === account.id) return refOf(cached.email, cached);
  try {
    const member = await TeamsInfo.getMember(context, account.id);
    const email = (member.email ?? member.userPrincipalName)?.toLowerCase();
    if (!email) return undefined;
    const person = {
      email,
      teamsId: member.id ?? account.id,
      ...(member.aadObjectId || account.aadObjectId ? { aadObjectId: (member.aadObjectId ?? account.aadObjectId)! } : {}),
      ...(member.name || account.name ? { displayName: (member.name ?? account.name)! } : {}),
    };
    await store.rememberPerson(person, now);
    return person;
  } catch (err) {
    log.warn({ err: messageOf(err), account: account.id }, 'could not look up a Teams member');
    return cached ? refOf(cached.email, cached) : undefined;
  }
}

