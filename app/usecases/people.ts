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
 * Who a Teams account is in Rota's terms: the address the rotation file uses. The Entra object id decides first (the
 * people cache, then the addresses the Graph sync resolved to that id), then the member's email, then their UPN,
 * whichever the state names (a member, an override, an admin); failing all, the email or UPN Teams gave. Only an
 * account the caches do not place costs `lookUp` (one Bot Connector call); `lookUp` gives undefined when Teams did
 * not answer: then the cached person, if any, still counts.
 */
export async function identify(
  deps: ChatDeps,
  account: TeamsAccount,
  now: number,
  lookUp: () => Promise<TeamsMember | undefined>,
): Promise<PersonRef | undefined> {
  const people = deps.stores.people;
  const cached = account.aadObjectId ? await people.personByAadId(account.aadObjectId) : await people.personByTeamsId(account.id);
  const known = await knownAddresses(deps);
  const current = cached && cached.teamsId === account.id ? cached : undefined;
  if (current && known.has(current.email)) {
    // Keep names fresh: every activity carries the name Teams shows now, and a renamed person is shown by the new one.
    if (!account.name || account.name === current.displayName) return refOf(current.email, current);
    return remember(deps, { ...current, displayName: account.name, teamsId: account.id }, now);
  }
  const synced = account.aadObjectId ? await syncedAddress(deps, account.aadObjectId, known) : undefined;
  if (synced) return remember(deps, { email: synced, teamsId: account.id, aadObjectId: account.aadObjectId!, ...nameOf(account.name ?? current?.displayName) }, now);
  if (current) return refOf(current.email, current);
  const member = await lookUp();
  if (!member) return cached ? refOf(cached.email, cached) : undefined;
  const aadObjectId = member.aadObjectId ?? account.aadObjectId;
  const candidates = [
    aadObjectId && aadObjectId !== account.aadObjectId ? await syncedAddress(deps, aadObjectId, known) : undefined,
    member.email?.toLowerCase(),
    member.userPrincipalName?.toLowerCase(),
  ];
  const email = candidates.find((c) => c !== undefined && known.has(c)) ?? (member.email ?? member.userPrincipalName)?.toLowerCase();
  if (!email) return undefined;
  return remember(deps, { email, teamsId: member.id ?? account.id, ...(aadObjectId ? { aadObjectId } : {}), ...nameOf(member.name ?? account.name) }, now);
}

const nameOf = (name: string | undefined) => (name ? { displayName: name } : {});

async function remember(deps: ChatDeps, person: PersonRef & { teamsId: string }, now: number): Promise<PersonRef> {
  await deps.stores.people.rememberPerson(person, now);
  return person;
}

/** The first address the state names among those the Graph sync resolved to this object id. */
async function syncedAddress(deps: ChatDeps, objectId: string, known: ReadonlySet<string>): Promise<string | undefined> {
  return (await deps.stores.syncState.addressesOf(objectId)).find((a) => known.has(a));
}

/** Every address the state names: members of every rotation version, overrides (covers by anyone), time off, admins. */
async function knownAddresses({ service }: ChatDeps): Promise<Set<string>> {
  const { state } = await service.snapshot();
  const all = [
    ...state.settings.admins,
    ...state.rotations.flatMap((r) => [...r.members, ...r.versions.flatMap((v) => [...v.definition.members, ...(v.definition.admins ?? [])])]),
    ...state.overrides.map((o) => o.member),
    ...state.timeOff.map((t) => t.member),
  ];
  return new Set(all.map((a) => a.toLowerCase()));
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
