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
  if (cached && cached.teamsId === account.id) {
    // Keep names fresh: every activity carries the name Teams shows now, and a renamed person is shown by the new one.
    if (!account.name || account.name === cached.displayName) return refOf(cached.email, cached);
    const renamed = { ...cached, displayName: account.name };
    await deps.stores.people.rememberPerson(renamed, now);
    return refOf(renamed.email, renamed);
  }
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

/**
 * People an answer is about whom Rota cannot @mention yet (no Teams id, no object id): asks Teams for each by
 * address (`lookUp`: TeamsInfo.getMember with the UPN, in a team context) and caches what Teams answers, so the
 * answer names and mentions them. Only an account whose e-mail or UPN is that address counts, so the cached ids
 * are the person's own. Returns whether anyone was learnt (then the answer is read again).
 */
export async function meetPeople(deps: ChatDeps, refs: PersonRef[], now: number, lookUp: (address: string) => Promise<TeamsMember | undefined>): Promise<boolean> {
  const unknown = [...new Map(refs.filter((r) => !r.teamsId && !r.aadObjectId && !r.objectId).map((r) => [r.email, r])).values()];
  let learnt = false;
  for (const r of unknown) {
    const member = await lookUp(r.email);
    const addresses = [member?.email, member?.userPrincipalName].map((a) => a?.toLowerCase());
    if (!member?.id || !addresses.includes(r.email.toLowerCase())) continue;
    await deps.stores.people.rememberPerson(
      { email: r.email.toLowerCase(), teamsId: member.id, ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}), ...(member.name ? { displayName: member.name } : {}) },
      now,
    );
    learnt = true;
  }
  return learnt;
}
