import { createAdapter } from '../../bot/adapter.js';
import { createRotaBot } from '../../bot/RotaBot.js';
import { openDatabase, pingDatabase } from '../../db/connection.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createStores } from '../../db/stores.js';
import { describeConfig, type Config } from './config.js';
import type { Logger } from './logger.js';
import { readRotationFile } from '../usecases/rotaFile.js';
import { RotaService } from '../usecases/RotaService.js';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Messenger } from '../../bot/Messenger.js';
import { BotHandoffPoster } from '../../bot/handoffs.js';
import { BotCheckPoster } from '../../bot/checkPosts.js';
import { CheckJobs } from '../jobs/checks.js';
import { HandoffJobs } from '../jobs/handoffs.js';
import { DutyJobs } from '../jobs/duties.js';
import { BotDutyPoster } from '../../bot/dutyCards.js';
import { BotOofPoster } from '../../bot/oofCards.js';
import { OofSuggestionJobs } from '../jobs/oofSuggestions.js';
import { oneShotPlanner } from '../jobs/oneShotPlanner.js';
import { syncHandoffPlanner } from '../jobs/syncHandoffs.js';
import { Scheduler } from '../jobs/scheduler.js';
import { bindServer, httpRoutes } from './server.js';
import { syncJobFor } from './syncJob.js';
import { ConfigError } from './config.js';
import { WebhookJobs } from '../jobs/webhooks.js';
import { missingSecrets } from '../usecases/webhookPayload.js';
import { escalationShadowSender } from '../../bot/escalateCommand.js';
import { BotMoveNoticeSender } from '../../bot/moveNotices.js';
import { MoveNoticeJobs } from '../jobs/moveNotices.js';
import { Pacer } from '../usecases/moveNoticePacer.js';
import { scheduleFromStored } from '../usecases/state.js';
import { MS_PER_WEEK } from '../../rotation/index.js';

export interface RunningRota {
  url: string;
  /** The bot's proactive jobs (handoff posts, follow-ups, reminders); tests drive them with their own clock. */
  handoffs: HandoffJobs;
  /** The webhook outbox's deliveries (app/jobs/webhooks.ts); tests drive them with their own clock. */
  webhooks: WebhookJobs;
  /** "Your shifts moved" notices (issue #13); tests drive them with their own clock (`tick(now)`). */
  moveNotices: MoveNoticeJobs;
  /** Finishes work in flight, closes the database, resolves when all is released. */
  stop(): Promise<void>;
}

/** Wires configuration, database, rotation file, bot, HTTP server and scheduler; the clock is injected. */
export interface StartOptions {
  /**
   * 'manual' plans nothing on the real wall clock, for tests that drive time with their own clock: neither the bot's
   * proactive jobs (they call `handoffs.tick(now)`) nor the periodic and handoff-time reconciles (node-schedule
   * would fire those on real time, whatever the injected clock says). The start-up reconcile still runs once, and
   * is finished when startRota resolves.
   */
  proactive?: 'scheduled' | 'manual';
  /** How the Bot Connector back-off waits (tests record it instead of waiting on real time). */
  connectorSleep?: (ms: number) => Promise<void>;
  /** How the shift-moved notices' pacer waits (tests advance their clock instead of waiting on real time). */
  pacerSleep?: (ms: number) => Promise<void>;
  /** Shift-moved notices right after each change made here (default: on unless `proactive` is 'manual'). */
  moveNoticesOnChange?: boolean;
}

export async function startRota(config: Config, log: Logger, clock: () => number = Date.now, options: StartOptions = {}): Promise<RunningRota> {
  log.info({ config: describeConfig(config) }, 'starting Rota');
  if (config.unauthenticated) {
    log.warn(
      { host: config.host },
      'MicrosoftAppId is not set: inbound bot requests are NOT authenticated, so Rota listens on loopback only',
    );
  }
  const { file, warnings } = await readRotationFile(config.rotaConfigPath);
  for (const warning of warnings) log.warn({ file: config.rotaConfigPath, warning }, 'rotation file warning');
  // A webhook whose secret's variable is not set stops the start, before anything is written (its events would go unsigned).
  const secretOf = config.secretOf ?? (() => undefined);
  const unsigned = missingSecrets(file.webhooks, secretOf);
  if (unsigned.length) throw new ConfigError(unsigned);
  // The port first: a second Rota on a busy port must stop before it touches the database.
  const running = await bindServer(config.port, config.host);
  const db = openDatabase(config.database);
  try {
    const { applied } = await migrateToLatest(db);
    log.info({ applied }, applied.length ? 'database migrated' : 'database schema up to date');
    const stores = createStores(db);
    const service = new RotaService(stores);
    service.onRecorded((what, detail) => log.info({ ...detail, change: what }, 'change recorded'));
    const changes = await service.applyFile(file, { actor: 'rota-file', source: 'file', now: clock() });
    log.info({ file: config.rotaConfigPath, changes: changes.length }, 'rotation file applied');

    const scheduler = new Scheduler(log.child({ component: 'scheduler' }), clock);
    const syncLog = log.child({ component: 'sync' });
    const sync = syncJobFor(config, stores, service, syncLog, clock);
    sync.onTeamOwnersStored(() => service.teamOwnersChanged());
    const wallClock = options.proactive !== 'manual';
    const reconcile = async (): Promise<void> => {
      await sync.reconcile(clock());
    };
    if (wallClock) scheduler.register('reconcile', `*/${config.sync.reconcileEveryMinutes} * * * *`, reconcile);
    const planSyncHandoffs = wallClock ? syncHandoffPlanner({ sync, scheduler, snapshot: () => service.snapshot(), clock, log: syncLog }) : async () => undefined;
    // A change made in the bot: reconcile soon (debounced) and move the handoff jobs.
    service.onChanged(() => {
      sync.requestSoon();
      void planSyncHandoffs();
    });
    await planSyncHandoffs();

    const adapter = createAdapter(config.bot, log.child({ component: 'bot' }));
    const botLog = log.child({ component: 'bot' });
    const chat = { service, stores };
    const messenger = new Messenger(adapter, config.bot.appId ?? '', botLog, options.connectorSleep ? { sleep: options.connectorSleep } : {});
    const poster = new BotHandoffPoster({ chat, clock, messenger, log: botLog });
    const dutyPoster = new BotDutyPoster({ chat, clock, messenger, log: botLog });
    const checkPoster = new BotCheckPoster({ chat, clock, messenger, log: botLog });
    const oofPoster = new BotOofPoster({ chat, clock, messenger, log: botLog });
    const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    // Shift-moved notices: paced within Teams' limits (moveNoticePacer.ts), sent to each person's personal chat.
    const pacer = new Pacer(clock, options.pacerSleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))));
    let stopping = false;
    const moveNoticeDelivery = { sender: new BotMoveNoticeSender({ chat, clock, messenger, log: botLog }), pacer, holder, clock, log: botLog, stopping: () => stopping };
    const moveNotices = new MoveNoticeJobs({
      delivery: { ...moveNoticeDelivery, deps: chat },
      notices: stores.notices,
      leases: stores.leases,
      load: async () => stores.rotations.load().then((state) => ({ state, schedule: scheduleFromStored(state) })),
      horizonMs: config.sync.horizonWeeks * MS_PER_WEEK,
      swapParties: async (id) => stores.swaps.swap(id).then((s) => (s ? [s.proposer, s.counterpart] : [])),
    });
    // Changes made here are told at once; those of other processes (`rota apply`) by the minute job. The first run
    // (at start) records where everyone stands, so a later change is compared with it.
    const tellMoves = () => moveNotices.soon(clock()).catch((err: unknown) => botLog.error({ err }, 'could not record or send shift-moved notices'));
    if (options.moveNoticesOnChange ?? options.proactive !== 'manual') service.onChanged(() => void tellMoves());
    // At start only the recording is awaited; the paced sending runs after `serve` (Teams is answered meanwhile).
    await moveNotices.recordOnly(clock()).catch((err: unknown) => botLog.error({ err }, 'could not record shift-moved notices'));
    // Shadow copies: retried by the minute tick and when the shadow writes (app/usecases/shadowRetry.ts).
    const shadowSenders = { duty: dutyPoster, escalation: escalationShadowSender({ chat, clock, messenger, log: botLog }) };
    const bot = createRotaBot({ chat, clock, messenger, log: botLog, rotationFile: config.rotaConfigPath.split(/[\\/]/).pop()!, horizonWeeks: config.sync.horizonWeeks, dutyPoster, checkPoster, oofPoster, moveNotices: moveNoticeDelivery, shadowSenders: { ...shadowSenders, handoff: poster } });
    const duties = new DutyJobs({ deps: chat, poster: dutyPoster, holder, clock, log: botLog });
    const checks = new CheckJobs({ deps: chat, poster: checkPoster, holder, clock, log: botLog });
    const oof = new OofSuggestionJobs({ deps: chat, poster: oofPoster, holder, clock, log: botLog });
    const handoffs = new HandoffJobs({
      deps: chat,
      leases: stores.leases,
      poster,
      duties,
      checks,
      oof,
      shadows: shadowSenders,
      holder,
      ackMinutes: config.handoff.ackMinutes,
      log: botLog,
    });
    // Handoff posts at the exact instants (re-planned after every change), and a minute job as the safety net:
    // handoffs missed while down, unacknowledged handoffs, reminders before shifts.
    const planBotHandoffs = oneShotPlanner(scheduler, {
      prefix: 'bot:handoff:',
      next: async () => (await handoffs.nextHandoffs(clock())).map(({ rotation, at }) => ({ key: rotation.id, at })),
      run: async ({ key, at }) => {
        await handoffs.postHandoff(key, at, clock());
      },
    });
    if (options.proactive !== 'manual') {
      service.onChanged(() => void planBotHandoffs().catch((err: unknown) => botLog.error({ err }, 'could not plan handoff posts')));
      await planBotHandoffs();
      scheduler.register('bot-posts', '* * * * *', () => handoffs.tick(clock()));
      scheduler.register('move-notices', '* * * * *', () => moveNotices.soon(clock()));
    }
    // Webhooks: their own minute job and a one-shot at each handoff, so a slow receiver never holds up a handoff post.
    const webhooks = new WebhookJobs({ deps: chat, holder, delivery: { post: fetch, secretOf }, log: log.child({ component: 'webhooks' }) });
    if (wallClock) {
      const planWebhookHandoffs = oneShotPlanner(scheduler, {
        prefix: 'webhook:handoff:',
        next: async () => (await webhooks.nextHandoffs(clock())).map(({ rotation, at }) => ({ key: rotation, at })),
        run: () => webhooks.tick(clock()),
      });
      service.onChanged(() => void planWebhookHandoffs().catch((err: unknown) => log.error({ err }, 'could not plan webhook handoffs')));
      await planWebhookHandoffs();
      scheduler.register('webhooks', '* * * * *', () => webhooks.tick(clock()));
    }
    running.serve(
      httpRoutes({
        adapter,
        bot,
        log,
        // In manual mode the scheduler holds no recurring job by design (isUp() counts only those): that is not "down".
        health: async () => ({ database: await pingDatabase(db), scheduler: !wallClock || scheduler.isUp() }),
      }),
    );
    log.info({ url: running.url, endpoint: `${running.url}/api/messages` }, 'listening');
    // In manual mode the test drives delivery with its own clock (`moveNotices.tick`).
    if (wallClock) void tellMoves();
    // In manual mode the start-up reconcile is done before the test begins, so it cannot overwrite what the test writes.
    if (wallClock) void scheduler.run('reconcile');
    else await reconcile().catch((err: unknown) => syncLog.error({ err }, 'the start-up reconcile failed'));

    return {
      url: running.url,
      handoffs,
      webhooks,
      moveNotices,
      stop: async () => {
        log.info('stopping: finishing requests and jobs in flight');
        sync.cancelPending();
        stopping = true;
        await Promise.all([running.close(), scheduler.stop()]);
        await moveNotices.idle();
        // Hand the leases back so another replica takes over at once instead of after their expiry.
        const released = await Promise.allSettled([sync.release(clock()), handoffs.release(clock()), moveNotices.release(clock())]);
        for (const r of released) if (r.status === 'rejected') log.warn({ err: r.reason }, 'could not release a lease');
        await db.destroy();
        log.info('stopped');
      },
    };
  } catch (err) {
    await Promise.all([running.close(), db.destroy()]);
    throw err;
  }
}
