import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from '../../app/root/config.js';

const cwd = '/srv/rota';
const load = (env: Record<string, string>) => loadConfig(env, cwd);
const problems = (env: Record<string, string>): string[] => {
  try {
    load(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('runs with no settings at all: SQLite file, example rotation file, loopback, dry-run Graph', () => {
    const c = load({});
    expect(c.port).toBe(3978);
    expect(c.host).toBe('127.0.0.1');
    expect(c.unauthenticated).toBe(true);
    expect(c.database).toEqual({ client: 'sqlite', filename: '/srv/rota/data/rota.sqlite' });
    expect(c.rotaConfigPath).toBe('/srv/rota/rota.example.yaml');
    expect(c.graph).toEqual({ baseUrl: 'https://graph.microsoft.com/v1.0', mode: 'dry-run' });
  });

  it.each([
    ['sqlite:/var/lib/rota/db.sqlite', { client: 'sqlite', filename: '/var/lib/rota/db.sqlite' }],
    ['sqlite:relative/rota.sqlite', { client: 'sqlite', filename: '/srv/rota/relative/rota.sqlite' }],
    ['postgres://rota:pw@db:5432/rota', { client: 'pg', connectionString: 'postgres://rota:pw@db:5432/rota' }],
    ['postgresql://db/rota?schema=s1', { client: 'pg', connectionString: 'postgresql://db/rota', searchPath: 's1' }],
  ])('DATABASE_URL=%s', (url, expected) => {
    expect(load({ DATABASE_URL: url }).database).toEqual(expected);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: expected a port number'],
    [{ PORT: '70000' }, 'PORT: expected 0-65535'],
    [{ DATABASE_URL: 'mysql://db/rota' }, 'DATABASE_URL: expected "sqlite:/path/to/file.sqlite" or "postgres://user@host:5432/db", got "mysql://db/rota"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent'],
    [{ MicrosoftAppId: 'app' }, 'MicrosoftAppPassword: required when MicrosoftAppId is set (unless MicrosoftAppType=UserAssignedMSI)'],
    [
      { MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant' },
      'MicrosoftAppTenantId: required when MicrosoftAppType=SingleTenant; set it to your Entra tenant id, or MicrosoftAppType=MultiTenant for a bot registered as multi-tenant before August 2025',
    ],
    [
      { MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' },
      'MicrosoftAppTenantId: required when MicrosoftAppType=SingleTenant (the default); set it to your Entra tenant id, or MicrosoftAppType=MultiTenant for a bot registered as multi-tenant before August 2025',
    ],
    [{ GRAPH_BASE_URL: 'http://graph.example.com/v1.0' }, 'GRAPH_BASE_URL: plain http:// is only allowed for a loopback stand-in (127.0.0.1, localhost, ::1)'],
  ])('%j is refused with a message naming the setting', (env, message) => {
    expect(problems(env)).toContain(message);
  });

  it('refuses to listen beyond loopback unauthenticated unless explicitly asked', () => {
    expect(problems({ HOST: '0.0.0.0' })[0]).toMatch(/^HOST: "0.0.0.0" is not a loopback address and MicrosoftAppId is not set/);
    expect(load({ HOST: '0.0.0.0', ROTA_ALLOW_UNAUTHENTICATED: 'true' }).host).toBe('0.0.0.0');
    const authed = load({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: 'tenant' });
    expect([authed.host, authed.unauthenticated]).toEqual(['0.0.0.0', false]);
  });

  it('MicrosoftAppType: SingleTenant unless told otherwise (new multi-tenant bots cannot be created); a multi-tenant bot needs no tenant id', () => {
    expect(load({}).bot).toEqual({ appType: 'SingleTenant' });
    expect(load({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: 'tenant' }).bot).toEqual({
      appType: 'SingleTenant',
      appId: 'app',
      appPassword: 'pw',
      tenantId: 'tenant',
    });
    expect(load({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'MultiTenant' }).bot.appType).toBe('MultiTenant');
    expect(problems({ MicrosoftAppType: 'Multi' })).toEqual(['MicrosoftAppType: expected MultiTenant, SingleTenant or UserAssignedMSI']);
  });

  it('reports every problem at once', () => {
    expect(problems({ PORT: 'x', LOG_LEVEL: 'loud' })).toHaveLength(2);
  });

  it.each([
    [{}, 'dry-run'],
    [{ GRAPH_BASE_URL: 'http://127.0.0.1:9999/v1.0' }, 'standin'],
    [{ GRAPH_BASE_URL: 'https://127.0.0.1:9999/v1.0' }, 'dry-run'],
    [{ AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's' }, 'live'],
    [{ AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c' }, 'dry-run'],
    [{ IDENTITY_ENDPOINT: 'http://169.254.169.254/msi' }, 'live'],
    [{ GRAPH_BASE_URL: 'http://localhost:1/v1.0', AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's' }, 'live'],
  ])('Graph mode for %j is %s', (env, mode) => {
    expect(load(env).graph.mode).toBe(mode);
  });

  it('describes itself without secrets', () => {
    const c = load({
      DATABASE_URL: 'postgres://rota:hunter2@db/rota',
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'bot-secret',
      MicrosoftAppTenantId: 'tenant',
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_SECRET: 'graph-secret',
    });
    const text = JSON.stringify(describeConfig(c));
    for (const secret of ['hunter2', 'bot-secret', 'graph-secret']) expect(text).not.toContain(secret);
    expect(text).toContain('postgres://rota:***@db/rota');
  });

  it('ROTA_SYNC_HORIZON_WEEKS: default 12 weeks, 1-104, named in the error', () => {
    expect(load({}).sync).toEqual({ reconcileEveryMinutes: 15, horizonWeeks: 12 });
    expect(load({ ROTA_SYNC_HORIZON_WEEKS: '26' }).sync.horizonWeeks).toBe(26);
    expect(problems({ ROTA_SYNC_HORIZON_WEEKS: '0' })).toEqual(['ROTA_SYNC_HORIZON_WEEKS: expected 1-104']);
    expect(problems({ ROTA_SYNC_HORIZON_WEEKS: 'soon' })).toEqual(['ROTA_SYNC_HORIZON_WEEKS: expected a number of weeks']);
  });
});

describe('ROTA_ACK_MINUTES (minutes before an unacknowledged handoff gets a reminder)', () => {
  it('defaults to 30 and accepts a whole number of minutes', () => {
    expect(loadConfig({}, '/srv/rota').handoff).toEqual({ ackMinutes: 30 });
    expect(loadConfig({ ROTA_ACK_MINUTES: '5' }, '/srv/rota').handoff).toEqual({ ackMinutes: 5 });
  });
  it.each([
    ['soon', 'ROTA_ACK_MINUTES: expected a number of minutes'],
    ['2.5', 'ROTA_ACK_MINUTES: expected a whole number of minutes'],
    ['0', 'ROTA_ACK_MINUTES: expected 1-1440'],
  ])('refuses %j', (value, message) => {
    expect(() => loadConfig({ ROTA_ACK_MINUTES: value }, '/srv/rota')).toThrow(message);
  });
});
