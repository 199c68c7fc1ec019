/**
 * Proactive installation, planned: who needs Rota installed in their personal scope so the bot can open a 1:1
 * chat ("createConversation" answers 403 until the app is installed for the user), and the outcome for everyone
 * else. Pure: every read is done before, every write after.
 */
import type { Installation } from '../../db/installations/InstallationStore.js';

/** What the sync read of one person who has no personal chat stored. */
export type PersonRead =
  | { email: string; kind: 'unresolved'; why: string }
  | { email: string; kind: 'read-failed'; objectId: string; why: string }
  | { email: string; kind: 'read'; objectId: string; installed: boolean };

export interface InstallationPlan {
  /** People to install Rota for (POST /users/{objectId}/teamwork/installedApps). */
  install: Array<{ email: string; objectId: string }>;
  /** Everyone else's outcome, final for this run. */
  settled: Installation[];
}

/**
 * `catalogAppId` is the app catalog's id of Rota (configured, or learned from someone who has it); without it
 * nobody can be installed, and each person who needs it says so.
 */
export function planInstallations(reads: readonly PersonRead[], catalogAppId: string | undefined, now: number): InstallationPlan {
  const install: InstallationPlan['install'] = [];
  const settled: Installation[] = [];
  for (const r of reads) {
    if (r.kind === 'unresolved') settled.push({ email: r.email, state: 'unresolved', detail: r.why, checkedAt: now });
    else if (r.kind === 'read-failed') settled.push({ email: r.email, objectId: r.objectId, state: 'failed', detail: r.why, checkedAt: now });
    else if (r.installed) settled.push({ email: r.email, objectId: r.objectId, state: 'already-installed', checkedAt: now });
    else if (!catalogAppId) settled.push({ email: r.email, objectId: r.objectId, state: 'failed', detail: NO_CATALOG_ID, checkedAt: now });
    else install.push({ email: r.email, objectId: r.objectId });
  }
  return { install, settled };
}

export const NO_CATALOG_ID =
  "Rota's id in the Teams app catalog is not known (nobody has Rota installed yet): set ROTA_TEAMS_APP_ID to the id that GET /appCatalogs/teamsApps?$filter=externalId eq '<MicrosoftAppId>' answers";

/** The outcome of one install request: 201 installed, 409 installed already (by someone else meanwhile), else why not. */
export function installOutcome(person: { email: string; objectId: string }, result: { status: number; error?: { message: string } }, now: number): Installation {
  const base = { email: person.email, objectId: person.objectId, checkedAt: now };
  if (result.status === 201 || (result.status < 300 && !result.error)) return { ...base, state: 'installed' };
  if (result.status === 409) return { ...base, state: 'already-installed' };
  return { ...base, state: 'failed', detail: result.error?.message ?? `install answered ${result.status}` };
}
