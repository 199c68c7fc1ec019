import { createAdapter } from '../bot/adapter.js';
import { createRotaBot } from '../bot/RotaBot.js';
import { openDatabase, pingDatabase } from '../db/connection.js';
import { migrateToLatest } from '../db/migrate.js';
import { SyncJob } from '../sync/SyncJob.js';
import { describeConfig, type Config } from './config.js';
import type { Logger } from './logger.js';
import { loadRotationFile } from './rotaFile.js';
import { RotaService } from './RotaService.js';
import { createBotQueries } from './botQueries.js';
import { Scheduler } from './scheduler.js';
import { createHttpServer, listen } from './server.js';

export interface RunningRota {
  url: string;
  /** Finishes work in flight, closes the database, resolves when all is released. */
  stop(): Promise<void>;
}

/** Wires configuration, database, rotation file, bot, HTTP server and scheduler; the clock is injected. */
export async function startRota(config: Config, log: Logger, clock: () => number = Date.now): Promise<RunningRota> {
  log.info({ config: describeConfig(config) }, 'starting Rota');
  if (config.unauthenticated) {
    log.warn(
      { host: config.host },
      'MicrosoftAppId is not set: inbound bot requests are NOT authenticated, so Rota listens on loopback only',
    );
  }
  const file = await loadRotationFile(config.rotaConfigPath);
  const db = openDatabase(config.database);
  try {
    const { applied } = await migrateToLatest(db);
    log.info({ applied }, applied.length ? 'database migrated' : 'database schema up to date');
    const service = new RotaService(db);
    const changes = await service.applyFile(file, { actor: 'rota-file', source: 'file', now: clock() });
    log.info({ file: config.rotaConfigPath, changes: changes.length }, 'rotation file applied');

    const sync = new SyncJob({ mode: config.graph.mode, log: log.child({ component: 'sync' }), dutyNow: (now) => dutyNow(service, file, now) });
    const scheduler = new Scheduler(log.child({ component: 'scheduler' }), clock);
    scheduler.register('reconcile', `*/${config.sync.reconcileEveryMinutes} * * * *`, async () => {
      await sync.reconcile(clock());
    });

    const adapter = createAdapter(config.bot, log.child({ component: 'bot' }));
    const bot = createRotaBot({ queries: createBotQueries(service), clock });
    const server = createHttpServer({
      adapter,
      bot,
      log,
      health: async () => ({ database: await pingDatabase(db), scheduler: scheduler.isUp() }),
    });
    const running = await listen(server, config.port, config.host);
    log.info({ url: running.url, endpoint: `${running.url}/api/messages` }, 'listening');
    void scheduler.run('reconcile');

    return {
      url: running.url,
      stop: async () => {
        log.info('stopping: finishing requests and jobs in flight');
        await Promise.all([running.close(), scheduler.stop()]);
        await db.destroy();
        log.info('stopped');
      },
    };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

async function dutyNow(service: RotaService, file: Awaited<ReturnType<typeof loadRotationFile>>, now: number) {
  const answers = await service.who(now);
  const defs = new Map(file.rotations.map((r) => [r.id, r]));
  return answers.map((a) => {
    const def = defs.get(a.rotationId);
    return {
      rotationId: a.rotationId,
      members: a.now?.members ?? [],
      until: a.now?.end ?? null,
      ...(def?.tag ? { tag: def.tag } : {}),
      ...(def?.calendar ? { calendar: def.calendar } : {}),
    };
  });
}
