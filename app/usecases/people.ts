import { personRefs, refOf, type ChatDeps, type PersonRef } from './context.js';

/** A Teams account as an activity names it (`from`, a mention). */
export interface TeamsAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
}

/** A Teams account as the Bot Connector describes it (TeamsInfo.getMember). */
export interface TeamsMember {
  id?: string;
  email?: string;
  userPrincipalName?: string;
  name?: string;
  aadObjectId?: string;
}

/**
 * Who a Teams account is in Rota's terms (the e-mail/UPN rotation files use). The identity cache answers first; only
 * an unknown account costs `lookUp` (one Bot Connector call), whose answer is cached. `lookUp` gives undefined when
 * Teams did not answer: then the cached person, if any, still counts.
 */
export async function identify(
  deps: ChatDeps,
  account: TeamsAccount,
  now: number,
  lookUp: () => Promise<TeamsMember | undefined>,
): Promise<PersonRef | undefined> {
  const cached = account.aadObjectId ? await deps.stores.people.personByAadId(account.aadObjectId) : await deps.stores.people.personByTeamsId(account.id);
  if (cached && cached.teamsId === account.id) return refOf(cached.email, cached);
  const member = await lookUp();
  if (!member) return cached ? refOf(cached.email, cached) : undefined;
  const email = (member.email ?? member.userPrincipalName)?.toLowerCase();
  if (!email) return undefined;
  const person = {
    email,
    teamsId: member.id ?? account.id,
    ...(member.aadObjectId || account.aadObjectId ? { aadObjectId: (member.aadObjectId ?? account.aadObjectId)! } : {}),
    ...(member.name || account.name ? { displayName: (member.name ?? account.name)! } : {}),
  };
  await deps.stores.people.rememberPerson(person, now);
  return person;
}

/** The people an answer shows, by e-mail: an @mention for those Teams told Rota about, else their name or e-mail. */
export function peopleShown(deps: ChatDeps, emails: string[]): Promise<Map<string, PersonRef>> {
  return personRefs(deps.stores, emails);
}
