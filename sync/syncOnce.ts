import type { Logger } from 'pino';
import type { StoredState } from '../db/types.js';
import type { ScheduleInput } from '../rotation/schedule.js';
import { segmentsBetween } from '../rotation/segmentsBetween.js';
import { applyPlan, unapplied, type TargetOutcome } from './applyPlan.js';
import { READ_MARGIN_MS } from './calendars/CalendarSync.js';
import { desiredState, everyoneOf, membersOf, peopleOf, readNotes } from './desiredState.js';
import type { GraphClient } from './graph/GraphClient.js';
import { cachedIdentities, resolveIdentities } from './identities.js';
import { syncInstallations, type InstallationReport } from './installations/InstallationSync.js';
import { readLastWritten } from './lastWritten.js';
import { planSync } from './planSync.js';
import { readFromGraph } from './readGraph.js';
import { recordDryRun, recordRun } from './recordSync.js';
import type { InstallationSettings } from './SyncSettings.js';
import type { SyncStores } from './SyncStores.js';
import { describePlan, type TargetReport } from './syncReport.js';
import { syncOutOfOffice, type OofReport } from './oof/OofSync.js';
import { targetsOf, teamsNamed } from './syncTargets.js';
import { resolveTeams } from './teamResolution.js';
import { labelsOf } from './tags/TagSync.js';
import { readDirectory, recordDirectory, type TeamOwnersRead } from './teamDirectory.js';

export interface SyncOnceDeps {
  stores: SyncStores;
  log: Logger;
  horizonMs: number;
  snapshot(): Promise<{ state: StoredState; schedule: ScheduleInput }>;
  /** Told when the team owners were read and stored (or the attempt failed), so caches of them are refreshed. */
  ownersStored?: () => void;
  /** Proactive installation for people Rota has no 1:1 chat with (absent: not done). */
  installation?: InstallationSettings;
}

/**
 * One reconcile, in four steps that never interleave: read everything (the rotations, then Graph — or, in a
 * dry-run, what Rota last wrote), plan (planSync, the same for both), apply the plan (live only), record the
 * outcome in sync_state. With `graph` undefined it is a dry-run: nothing is written to Graph. Then, live only,
 * the team directory the bot reads (owners, channel kinds) is read and stored: no target depends on it, so the
 * writes do not wait for it.
 */
export async function syncOnce(
  deps: SyncOnceDeps,
  graph: GraphClient | undefined,
  now: number,
): Promise<{ targets: TargetReport[]; teamOwners: TeamOwnersRead; unresolvedTeams: string[]; installations?: InstallationReport; oof?: OofReport }> {
  const { stores, log, horizonMs } = deps;
  // ---- read
  const { state, schedule } = await deps.snapshot();
  const subscribed = await stores.subscriptions.subscriptions();
  // Graph knows a team by its group id only: the file's and the subscriptions' team ids are mapped first.
  const teams = await resolveTeams(graph, stores.teams, [...teamsNamed(state), ...[...subscribed.values()].map((c) => c.team)], log, now);
  const targets = targetsOf(state, schedule, now, teams.ids);
  // The segments that have not ended, computed once for the shared and the personal calendars.
  const coming = targets.calendars.length || targets.personal.length ? segmentsBetween(schedule, now, now + horizonMs).filter((s) => s.end > now) : [];
  const members = membersOf(state);
  const people = graph ? await resolveIdentities(graph, stores.syncState, everyoneOf(state, targets), now) : await cachedIdentities(stores.syncState, peopleOf(state, targets));
  const desired = desiredState({ targets, coming, people, members, notes: await readNotes(stores.syncState, targets, coming) });
  const stored = await stores.syncState.targets();
  // Only the window Rota manages is read: events that ended before it are history and never touched.
  const window = { start: now - READ_MARGIN_MS, end: now + horizonMs };
  const remote = graph ? await readFromGraph(graph, desired, stored, labelsOf(people.ids), window, now) : await readLastWritten(stores.syncState, desired, stored, window.end);
  // ---- plan
  const plan = planSync(desired, remote, now);
  const planned = plan.targets.map((p) => describePlan(p, plan.source));
  // ---- apply and record
  let outcomes: TargetOutcome[];
  if (graph) {
    outcomes = await applyPlan(graph, log, plan, planned);
    await recordRun(stores.syncState, log, outcomes, remote, people, now);
  } else {
    outcomes = plan.targets.map((p, i) => unapplied(p, planned[i]!));
    await recordDryRun(stores.syncState, outcomes, now);
  }
  // ---- what the bot needs of Teams (owners, channel kinds): read and recorded after the targets, which it does not change
  let teamOwners: TeamOwnersRead = [];
  if (graph) {
    try {
      teamOwners = await recordDirectory(stores, log, await readDirectory(graph, state, subscribed, teams.ids), now);
    } finally {
      deps.ownersStored?.();
    }
  }
  // ---- proactive installation for people Rota has no 1:1 chat with (live only; no target depends on it either)
  let installations: InstallationReport | undefined;
  if (graph && deps.installation) {
    try {
      installations = await syncInstallations(graph, stores, deps.installation, state, log, now);
    } catch (err) {
      log.error({ err }, 'proactive installation failed; it is tried again at the next reconcile');
    }
  }
  // ---- Outlook out-of-office blocks over coming shifts: questions for the bot to ask (oof/OofSync.ts; none in a dry-run)
  const oof = await syncOutOfOffice(graph, stores.oof, log, { state, schedule, people, now, horizonMs });
  return { targets: outcomes.map(reportOf), teamOwners, unresolvedTeams: teams.unresolved, ...(installations ? { installations } : {}), ...(oof ? { oof } : {}) };
}

function reportOf(o: TargetOutcome): TargetReport {
  const { rotationId, target, key } = o.plan;
  return { rotationId, target, key, planned: o.planned, written: o.written, errors: o.errors, drift: o.plan.kind === 'tag' ? o.plan.drift : [] };
}
