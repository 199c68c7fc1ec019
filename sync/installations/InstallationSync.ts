import type { Logger } from 'pino';
import type { StoredState } from '../../db/types.js';
import { messageOf } from '../../rotation/messageOf.js';
import { collect } from '../graph/GraphApi.js';
import type { GraphClient } from '../graph/GraphClient.js';
import { resolveIdentities } from '../identities.js';
import type { InstallationSettings } from '../SyncSettings.js';
import type { SyncStores } from '../SyncStores.js';
import { installOutcome, planInstallations, type PersonRead } from './installationPlan.js';

export interface InstallationReport {
  installed: number;
  unreachable: Array<{ email: string; detail: string }>;
}

/**
 * Everyone Rota may have to message 1:1 from `now` on: the members of each rotation's version in effect and of the
 * versions still to come, and whoever an override that has not ended puts on duty. Past versions and past overrides
 * name people Rota will never message again; installing Rota for them would be a tenant-wide write for nothing.
 */
export function peopleToReach(state: StoredState, now: number): string[] {
  const members = state.rotations.flatMap((r) => {
    const current = r.versions.findLastIndex((v) => v.from <= now);
    const live = r.versions.slice(Math.max(0, current));
    return live.length ? live.flatMap((v) => v.definition.members) : r.members;
  });
  const covering = state.overrides.filter((o) => o.end > now).map((o) => o.member);
  return [...new Set([...members, ...covering].map((m) => m.toLowerCase()))].sort();
}

/**
 * Makes sure Rota is installed for each person it may have to message and has no personal chat with yet
 * ("Send proactive installation messages", msteams-docs): read (stored chats, identities, their installations of
 * Rota), plan (installationPlan.ts), install, and record each person's outcome for `rota status`. Live only.
 */
export async function syncInstallations(graph: GraphClient, stores: SyncStores, settings: InstallationSettings, state: StoredState, log: Logger, now: number): Promise<InstallationReport> {
  // ---- read
  const people = peopleToReach(state, now);
  const withChat = await Promise.all(people.map(async (p) => (await stores.conversations.personalConversation(p)) !== undefined));
  const candidates = people.filter((_, i) => !withChat[i]);
  const ids = await resolveIdentities(graph, stores.syncState, candidates, now);
  for (const [email, id] of ids.fetched) await stores.syncState.cacheIdentity(email, id, now);
  const resolved = candidates.filter((e) => ids.ids.has(e));
  const reads: PersonRead[] = candidates.filter((e) => !ids.ids.has(e)).map((email) => ({ email, kind: 'unresolved', why: ids.unknown.get(email) ?? `${email}: not resolved` }));
  let catalogAppId = settings.catalogAppId;
  const lists = await graph.installationsOf(resolved.map((e) => ids.ids.get(e)!.objectId), settings.externalId);
  for (const [i, r] of lists.entries()) {
    const email = resolved[i]!;
    const objectId = ids.ids.get(email)!.objectId;
    try {
      if (!r.ok) throw r.error;
      const found = await collect(r.value);
      catalogAppId ??= found.find((f) => f.teamsApp?.id)?.teamsApp?.id;
      reads.push({ email, kind: 'read', objectId, installed: found.length > 0 });
    } catch (err) {
      reads.push({ email, kind: 'read-failed', objectId, why: messageOf(err) });
    }
  }
  // ---- plan
  const plan = planInstallations(reads, catalogAppId, now);
  // ---- apply
  const results = plan.install.length ? await graph.installApp(plan.install.map((p) => p.objectId), catalogAppId!) : [];
  const done = plan.install.map((p, i) => installOutcome(p, results[i]!, now));
  // ---- record
  const outcomes = [...plan.settled, ...done].sort((a, b) => (a.email < b.email ? -1 : 1));
  await stores.installations.record(outcomes);
  await stores.installations.keepOnly(candidates); // someone with a personal chat now needs no row
  const unreachable = outcomes.filter((o) => o.state === 'failed' || o.state === 'unresolved').map((o) => ({ email: o.email, detail: o.detail ?? o.state }));
  const installed = done.filter((o) => o.state === 'installed').length;
  if (installed || unreachable.length) log.info({ installed, unreachable }, 'proactive installation: Rota installed for people it had no chat with');
  if (unreachable.length) log.warn({ unreachable }, 'Rota cannot reach these people 1:1 (see `rota status`)');
  return { installed, unreachable };
}
