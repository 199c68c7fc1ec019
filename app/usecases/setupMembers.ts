import { fail, ok, type Outcome } from '../../rotation/result.js';
import { personRefs, type ChatDeps } from './context.js';
import type { TeamsMember } from './people.js';

/**
 * The `setup` form's members, for Teams' people picker ("People Picker in Adaptive Cards",
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/people-picker): the picker submits
 * the Entra object ids of the people chosen, comma-separated, and is preselected with the same. Current members are
 * offered as static choices (title and value), by object id when Rota knows it, else by their address.
 */
export async function memberChoices(deps: ChatDeps, emails: string[]): Promise<Array<{ title: string; value: string }>> {
  const refs = await personRefs(deps.stores, emails);
  return emails.map((email) => {
    const r = refs.get(email)!;
    return { title: r.displayName ?? email, value: r.aadObjectId ?? r.objectId ?? email };
  });
}

const looksLikeAddress = (v: string) => v.includes('@');

/**
 * What the picker submitted, as the addresses rotation files use, in the order given: an address as it is, an
 * object id by the address the Graph sync resolved to it, else by the people Rota knows, else by asking Teams
 * (`lookUp`: TeamsInfo.getMember, in a team's conversation when the form was sent from a chat), whose answer is
 * kept. The picker in a 1:1 chat searches the whole organisation, so it may name people Rota never met.
 */
export async function memberAddresses(deps: ChatDeps, values: string[], lookUp: (objectId: string) => Promise<TeamsMember | undefined>, now: number): Promise<Outcome<string[]>> {
  const out: string[] = [];
  for (const value of values) {
    if (looksLikeAddress(value)) {
      out.push(value.toLowerCase());
      continue;
    }
    const [synced] = await deps.stores.syncState.addressesOf(value);
    if (synced) {
      out.push(synced);
      continue;
    }
    const known = await deps.stores.people.personByAadId(value);
    if (known) {
      out.push(known.email);
      continue;
    }
    const member = await lookUp(value);
    const email = (member?.email ?? member?.userPrincipalName)?.toLowerCase();
    if (!email) return fail(`Nothing was saved. Please fix:\n- Members: Teams could not tell me who the person with Entra id ${value} is; pick them again, or add their e-mail address in the rotation file`);
    await deps.stores.people.rememberPerson({ email, aadObjectId: value, ...(member?.id ? { teamsId: member.id } : {}), ...(member?.name ? { displayName: member.name } : {}) }, now);
    out.push(email);
  }
  return ok(out);
}
