import type { Command } from 'commander';
import { pino } from 'pino';
import type { SyncReport } from '../../sync/SyncJob.js';
import { withDatabase } from './database.js';
import { CliError } from './cliError.js';
import { loadConfig } from '../root/config.js';
import { syncJobFor } from '../root/syncJob.js';
import { formatTable } from '../usecases/format.js';
import { createLogger } from '../root/logger.js';
import { renderUndelivered, undeliveredReminders } from '../jobs/reminderStatus.js';
import { undeliveredWork, type UndeliveredWork } from '../jobs/undeliveredStatus.js';
import { RotaService } from '../usecases/RotaService.js';
import { renderUnresolvedTeams, unresolvedTeams } from './teamStatus.js';
import { renderWebhookTrouble, webhookTrouble } from './webhookStatus.js';

type Out = (s: string) => void;

const LAST_WRITTEN_NOTE =
  'dry-run: nothing was written, and Graph was not read: the plan is against what Rota last wrote (sync_state), so changes made by hand in Teams or Outlook are not seen';

/** `sync` (one reconcile, or the plan with --dry-run) and `status` (per rotation and target). */
export function addSyncCommands(program: Command, out: Out, clock: () => number): void {
  program
    .command('sync')
    .description('reconcile the Teams tags and shared calendars once; --dry-run prints the plan and changes nothing')
    .option('--dry-run', 'print the plan (tag members to add/remove, events to create/update/delete); write nothing')
    .option('--json', 'print JSON')
    .action(async (opts: { dryRun?: boolean; json?: boolean }) => {
      const config = loadConfig();
      await withDatabase(async (stores) => {
        const service = new RotaService(stores);
        // Logs go to stderr so the table or JSON on stdout stays clean.
        const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, pino.destination(2));
        const sync = syncJobFor(config, stores, service, log, clock);
        const report = await sync.reconcile(clock(), { dryRun: Boolean(opts.dryRun) }).finally(() => sync.release(clock()));
        out(opts.json ? `${JSON.stringify(reportJson(report), null, 2)}\n` : renderReport(report));
        if (!report.ran) throw new CliError('another process (a running Rota) holds the sync lease; try again later or let it sync', 1);
        const failed = report.targets.filter((t) => t.errors.length > 0);
        if (failed.length > 0) throw new CliError(`sync failed for ${failed.map((t) => `${t.rotationId} ${t.target}`).join(', ')}`, 1);
      }, config.database);
    });

  program
    .command('status')
    .description('per rotation and target: the last successful sync, the last error and the pending work; reminders not delivered; duty cards, checks, escalations, item notices, shift-moved messages and out-of-office questions not delivered in the last 7 days')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      const [targets, reminders, unreachable, teams, work] = await withDatabase(
        (stores) => Promise.all([stores.syncState.targets(), undeliveredReminders(stores.posts, clock()), stores.installations.unreachable(), unresolvedTeams(stores), undeliveredWork(stores, clock())]),
        config.database,
      );
      const rows = targets.map((t) => ({
        rotation: t.rotationId,
        target: t.target,
        key: t.key,
        lastSuccess: t.syncedAt ? new Date(t.syncedAt).toISOString() : null,
        lastError: t.lastError ?? null,
        lastErrorAt: t.errorAt ? new Date(t.errorAt).toISOString() : null,
        pending: t.pending,
      }));
      const hooks = await withDatabase((stores) => webhookTrouble(stores, clock()), config.database);
      const unreached = unreachable.map((u) => ({ person: u.email, state: u.state, detail: u.detail ?? null, checkedAt: new Date(u.checkedAt).toISOString() }));
      if (opts.json) return out(`${JSON.stringify({ mode: config.graph.mode, targets: rows, undeliveredReminders: reminders, unreachable: unreached, unresolvedTeams: teams, undelivered: work, webhooks: hooks }, null, 2)}\n`);
      out(`Graph: ${config.graph.mode} (${config.graph.baseUrl})\n`);
      if (rows.length === 0) out('nothing synced yet (run `rota sync`, or start Rota)\n');
      else {
        out(
          formatTable(
            ['rotation', 'target', 'where', 'last success', 'last error', 'pending'],
            rows.map((r) => [r.rotation, r.target, r.key, r.lastSuccess ?? 'never', r.lastError ? `${r.lastErrorAt ?? ''} ${r.lastError}`.trim() : '', String(r.pending)]),
          ),
        );
      }
      out(renderUndelivered(reminders));
      out(renderUndeliveredWork(work));
      out(renderUnreachable(unreached, Boolean(config.bot.appId)));
      out(renderUnresolvedTeams(teams));
      out(renderWebhookTrouble(hooks));
    });
}

/** The duty work not delivered in the last 7 days, one table with a kind column (a rotation's week reads in time order). */
function renderUndeliveredWork(rows: UndeliveredWork[]): string {
  if (rows.length === 0) return 'duty cards, checks, escalations, item notices, shift-moved messages, out-of-office questions (last 7 days): none undelivered\n';
  const kind = (r: UndeliveredWork) => (r.missed ? 'duty (never sent)' : r.kind);
  const table = formatTable(['kind', 'rotation', 'what', 'when', 'to', 'reason'], rows.map((r) => [kind(r), r.rotation, r.what, r.at, r.to.join(', '), r.reason]));
  return `not delivered in the last 7 days (duty cards, checks, escalations, item notices, shift-moved messages, out-of-office questions): ${rows.length}\n${table}`;
}

/** People the sync could not make reachable 1:1 (Rota not installed for them, or not resolvable): never silent. */
function renderUnreachable(rows: Array<{ person: string; state: string; detail: string | null; checkedAt: string }>, installing: boolean): string {
  const head = installing ? '' : 'proactive installation is off (MicrosoftAppId not set): people who never wrote to Rota cannot get 1:1 messages\n';
  if (rows.length === 0) return head;
  return `${head}people Rota cannot reach 1:1 (from the sync's proactive installation):\n${formatTable(['person', 'why', 'checked'], rows.map((r) => [r.person, r.detail ?? r.state, r.checkedAt]))}`;
}

function reportJson(report: SyncReport) {
  return {
    mode: report.mode,
    dryRun: report.dryRun,
    remoteState: report.remoteState,
    ...(report.dryRun ? { note: LAST_WRITTEN_NOTE } : {}),
    ran: report.ran,
    requests: report.requests,
    targets: report.targets,
    ...(report.installations ? { installations: report.installations } : {}),
    ...(report.oof ? { outOfOffice: report.oof } : {}),
  };
}

/** The out-of-office line under the table: what was read and asked, or (dry-run) that nothing was read. */
function oofLines(report: SyncReport): string {
  const o = report.oof;
  if (!o || !report.ran) return '';
  if (o.note) return `out of office: ${o.note}\n`;
  return `out of office: free/busy read for ${o.read} member(s), ${o.asked} new question(s), ${o.expired} expired\n${o.errors.map((e) => `out of office: ERROR ${e}\n`).join('')}`;
}

function renderReport(report: SyncReport): string {
  return renderTargets(report) + oofLines(report);
}

function renderTargets(report: SyncReport): string {
  if (!report.ran) return 'another replica holds the sync lease; nothing was done\n';
  const head = report.dryRun ? `${LAST_WRITTEN_NOTE}.\n` : `reconciled through Graph (${report.mode}), ${report.requests} requests.\n`;
  // A rotation may keep several tags (who: current, next): a tag's row names it ("tag ops-next"), its key being team/name.
  const targetOf = (t: SyncReport['targets'][number]) => (t.target === 'tag' ? `tag ${t.key.slice(t.key.indexOf('/') + 1)}` : t.target);
  const rows = report.targets.flatMap((t) => [
    ...t.planned.map((p) => [t.rotationId, targetOf(t), p.action, p.detail]),
    ...t.drift.map((d) => [t.rotationId, targetOf(t), 'drift repaired', d]),
    ...t.errors.map((e) => [t.rotationId, targetOf(t), 'ERROR', e]),
  ]);
  if (rows.length === 0) return `${head}nothing to change: ${report.targets.length} target(s) in step\n`;
  return head + formatTable(['rotation', 'target', 'action', 'detail'], rows);
}
