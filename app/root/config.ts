import path from 'node:path';
import { z } from 'zod';
import type { DatabaseConfig } from '../../db/connection.js';
import { MS_PER_WEEK } from '../../rotation/localDate.js';
import { WEBHOOK_SECRET_PREFIX } from '../../rotation/rotationFileSchema.js';
import type { GraphMode, SyncSettings } from '../../sync/SyncSettings.js';

export type { DatabaseConfig };

/**
 * Configuration is read from the environment once, here, and handed to everything else as a typed object.
 * Names follow the ecosystem's own conventions (botbuilder's MicrosoftApp*, @azure/identity's AZURE_*).
 */
export interface Config {
  port: number;
  host: string;
  /** true when inbound Bot Framework requests are not authenticated (no MicrosoftAppId). */
  unauthenticated: boolean;
  database: DatabaseConfig;
  rotaConfigPath: string;
  logLevel: string;
  bot: {
    appId?: string;
    appPassword?: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId?: string;
  };
  graph: { baseUrl: string; mode: GraphMode };
  /** Minutes after a handoff post before an unacknowledged handoff gets a reminder (ROTA_ACK_MINUTES). */
  handoff: { ackMinutes: number };
  /** `teamsAppId`: Rota's id in the organization's Teams app catalog (ROTA_TEAMS_APP_ID), for proactive installation. */
  sync: { reconcileEveryMinutes: number; horizonWeeks: number; teamsAppId?: string };
  /** A webhook secret by its variable's name (`secret: "env:ROTA_WEBHOOK_…"` in the file; no other variable is read); read from the same environment, never logged. */
  secretOf?: (name: string) => string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

const optionalText = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

const EnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'PORT: expected a port number' })
    .int('PORT: expected a whole number')
    .min(0, 'PORT: expected 0-65535')
    .max(65535, 'PORT: expected 0-65535')
    .default(3978),
  HOST: optionalText,
  ROTA_ALLOW_UNAUTHENTICATED: optionalText,
  DATABASE_URL: optionalText,
  ROTA_CONFIG: optionalText,
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
      error: 'MicrosoftAppType: expected MultiTenant, SingleTenant or UserAssignedMSI',
    })
    .optional(),
  MicrosoftAppTenantId: optionalText,
  GRAPH_BASE_URL: optionalText,
  AZURE_TENANT_ID: optionalText,
  AZURE_CLIENT_ID: optionalText,
  AZURE_CLIENT_SECRET: optionalText,
  AZURE_FEDERATED_TOKEN_FILE: optionalText,
  IDENTITY_ENDPOINT: optionalText,
  MSI_ENDPOINT: optionalText,
  ROTA_SYNC_EVERY_MINUTES: z.coerce
    .number({ error: 'ROTA_SYNC_EVERY_MINUTES: expected a number of minutes' })
    .int('ROTA_SYNC_EVERY_MINUTES: expected a whole number of minutes')
    .min(1, 'ROTA_SYNC_EVERY_MINUTES: expected 1-1440')
    .max(1440, 'ROTA_SYNC_EVERY_MINUTES: expected 1-1440')
    .default(15),
  ROTA_SYNC_HORIZON_WEEKS: z.coerce
    .number({ error: 'ROTA_SYNC_HORIZON_WEEKS: expected a number of weeks' })
    .int('ROTA_SYNC_HORIZON_WEEKS: expected a whole number of weeks')
    .min(1, 'ROTA_SYNC_HORIZON_WEEKS: expected 1-104')
    .max(104, 'ROTA_SYNC_HORIZON_WEEKS: expected 1-104')
    .default(12),
  ROTA_TEAMS_APP_ID: optionalText,
  ROTA_ACK_MINUTES: z.coerce
    .number({ error: 'ROTA_ACK_MINUTES: expected a number of minutes' })
    .int('ROTA_ACK_MINUTES: expected a whole number of minutes')
    .min(1, 'ROTA_ACK_MINUTES: expected 1-1440')
    .max(1440, 'ROTA_ACK_MINUTES: expected 1-1440')
    .default(30),
});

export const DEFAULT_SQLITE_FILE = './data/rota.sqlite';
export const DEFAULT_ROTA_CONFIG = 'rota.example.yaml';

/** `sqlite:` or `postgres://` URLs; absent means the default SQLite file. */
export function parseDatabaseUrl(value: string | undefined, cwd: string): DatabaseConfig {
  if (!value) return { client: 'sqlite', filename: path.resolve(cwd, DEFAULT_SQLITE_FILE) };
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!file) throw new ConfigError(['DATABASE_URL: expected sqlite:/path/to/file.sqlite (the file name is missing)']);
    return { client: 'sqlite', filename: path.resolve(cwd, file) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError(['DATABASE_URL: not a valid postgres:// URL']);
    }
    // `?schema=` selects a PostgreSQL schema (used by the tests to isolate runs); it is not a libpq option.
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    return { client: 'pg', connectionString: url.toString(), ...(schema ? { searchPath: schema } : {}) };
  }
  throw new ConfigError([
    `DATABASE_URL: expected "sqlite:/path/to/file.sqlite" or "postgres://user@host:5432/db", got "${redactUrl(value)}"`,
  ]);
}

export function graphModeFor(env: z.infer<typeof EnvSchema>, baseUrl: URL): GraphMode {
  const hasSecret = Boolean(env.AZURE_TENANT_ID && env.AZURE_CLIENT_ID && env.AZURE_CLIENT_SECRET);
  const hasWorkloadIdentity = Boolean(env.AZURE_TENANT_ID && env.AZURE_CLIENT_ID && env.AZURE_FEDERATED_TOKEN_FILE);
  const hasManagedIdentity = Boolean(env.IDENTITY_ENDPOINT || env.MSI_ENDPOINT);
  if (hasSecret || hasWorkloadIdentity || hasManagedIdentity) return 'live';
  if (baseUrl.protocol === 'http:' && isLoopbackUrl(baseUrl)) return 'standin';
  return 'dry-run';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message));
  const e = parsed.data;
  const problems: string[] = [];

  let graphUrl: URL;
  try {
    graphUrl = new URL(e.GRAPH_BASE_URL ?? 'https://graph.microsoft.com/v1.0');
  } catch {
    problems.push('GRAPH_BASE_URL: expected an absolute URL such as https://graph.microsoft.com/v1.0');
    graphUrl = new URL('https://graph.microsoft.com/v1.0');
  }
  if (graphUrl.protocol === 'http:' && !isLoopbackUrl(graphUrl)) {
    problems.push('GRAPH_BASE_URL: plain http:// is only allowed for a loopback stand-in (127.0.0.1, localhost, ::1)');
  }

  const unauthenticated = !e.MicrosoftAppId;
  const host = e.HOST ?? (unauthenticated ? '127.0.0.1' : '0.0.0.0');
  if (unauthenticated && !LOOPBACK_HOSTS.has(host) && e.ROTA_ALLOW_UNAUTHENTICATED !== 'true') {
    problems.push(
      `HOST: "${host}" is not a loopback address and MicrosoftAppId is not set, so requests could not be authenticated; ` +
        'set MicrosoftAppId (and MicrosoftAppPassword), or ROTA_ALLOW_UNAUTHENTICATED=true if you really mean it',
    );
  }
  // SingleTenant by default: "Multi-tenant bot creation will be deprecated after July 31, 2025 … new multi-tenant bot
  // creation will no longer be supported" (Azure AI Bot Service, "Register a bot with Azure" /
  // https://learn.microsoft.com/en-us/azure/bot-service/bot-service-quickstart-registration). A bot registered before
  // then keeps working with MicrosoftAppType=MultiTenant set explicitly.
  const appType = e.MicrosoftAppType ?? 'SingleTenant';
  if (e.MicrosoftAppId && appType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set (unless MicrosoftAppType=UserAssignedMSI)');
  }
  if (e.MicrosoftAppId && appType !== 'MultiTenant' && !e.MicrosoftAppTenantId) {
    problems.push(
      `MicrosoftAppTenantId: required when MicrosoftAppType=${appType}${e.MicrosoftAppType ? '' : ' (the default)'}; set it to your Entra tenant id, ` +
        'or MicrosoftAppType=MultiTenant for a bot registered as multi-tenant before August 2025',
    );
  }

  let database: DatabaseConfig | undefined;
  try {
    database = parseDatabaseUrl(e.DATABASE_URL, cwd);
  } catch (err) {
    if (err instanceof ConfigError) problems.push(...err.problems);
    else throw err;
  }
  if (problems.length > 0 || !database) throw new ConfigError(problems);

  return {
    port: e.PORT,
    host,
    unauthenticated,
    database,
    rotaConfigPath: path.resolve(cwd, e.ROTA_CONFIG ?? DEFAULT_ROTA_CONFIG),
    logLevel: e.LOG_LEVEL,
    bot: {
      appType,
      ...(e.MicrosoftAppId ? { appId: e.MicrosoftAppId } : {}),
      ...(e.MicrosoftAppPassword ? { appPassword: e.MicrosoftAppPassword } : {}),
      ...(e.MicrosoftAppTenantId ? { tenantId: e.MicrosoftAppTenantId } : {}),
    },
    graph: { baseUrl: graphUrl.toString().replace(/\/$/, ''), mode: graphModeFor(e, graphUrl) },
    handoff: { ackMinutes: e.ROTA_ACK_MINUTES },
    sync: { reconcileEveryMinutes: e.ROTA_SYNC_EVERY_MINUTES, horizonWeeks: e.ROTA_SYNC_HORIZON_WEEKS, ...(e.ROTA_TEAMS_APP_ID ? { teamsAppId: e.ROTA_TEAMS_APP_ID } : {}) },
    // A webhook's secret only: no other variable (the bot's password, the database URL) can be named to sign with.
    secretOf: (name) => (name.startsWith(WEBHOOK_SECRET_PREFIX) ? env[name]?.trim() || undefined : undefined),
  };
}

/**
 * What the sync takes of the configuration. Proactive installation needs the bot's app id, which is the manifest's
 * id (the catalog app's externalId); without one there is no Teams app to install.
 */
export function syncSettingsOf(config: Pick<Config, 'graph' | 'sync'> & { bot?: Pick<Config['bot'], 'appId'> }): SyncSettings {
  const { appId } = config.bot ?? {};
  const installation = appId ? { externalId: appId, ...(config.sync.teamsAppId ? { catalogAppId: config.sync.teamsAppId } : {}) } : undefined;
  return { mode: config.graph.mode, baseUrl: config.graph.baseUrl, horizonMs: config.sync.horizonWeeks * MS_PER_WEEK, ...(installation ? { installation } : {}) };
}

/** Hides the password of a connection URL so it can be logged. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return value.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/** What is safe to log about the configuration: no secrets. */
export function describeConfig(config: Config): Record<string, unknown> {
  const db = config.database;
  return {
    port: config.port,
    host: config.host,
    authentication: config.unauthenticated ? 'off (no MicrosoftAppId)' : `on (${config.bot.appType})`,
    database: db.client === 'sqlite' ? `sqlite:${db.filename}` : redactUrl(db.connectionString),
    rotaConfig: config.rotaConfigPath,
    graph: { baseUrl: config.graph.baseUrl, mode: config.graph.mode },
  };
}
