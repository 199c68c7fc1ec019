import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityHandler } from 'botbuilder';
import { createAdapter } from '../../bot/adapter.js';
import { createLogger } from '../../app/root/logger.js';
import { createHttpServer, listen, type RunningServer } from '../../app/root/server.js';

/**
 * Inbound token validation with real signatures: a local stand-in publishes the Bot Connector's OpenID metadata
 * and signing key (with its channel endorsements), and the real CloudAdapter validates tokens against it.
 */
const APP_ID = '11111111-2222-3333-4444-555555555555';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = randomUUID();

let keys: http.Server;
let bot: RunningServer;
let turns = 0;

const b64 = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');

function token(claims: Record<string, unknown>, key = privateKey, keyId = kid): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: keyId });
  const body = b64({ iss: 'https://api.botframework.com', aud: APP_ID, nbf: now - 60, exp: now + 3600, serviceurl: SERVICE_URL, ...claims });
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key);
  return `${head}.${body}.${b64(signature)}`;
}

function activity(): Record<string, unknown> {
  // A typing activity: the bot does not answer it, so no outbound (network) call is made after validation.
  return {
    type: 'typing', id: 'a1', channelId: 'msteams', serviceUrl: SERVICE_URL, from: { id: '29:user' },
    recipient: { id: `28:${APP_ID}` }, conversation: { id: 'a:chat' },
  };
}

async function post(auth?: string): Promise<number> {
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify(activity()),
  });
  return res.status;
}

beforeAll(async () => {
  keys = http.createServer((req, res) => {
    const { port } = keys.address() as AddressInfo;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `http://127.0.0.1:${port}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', endorsements: ['msteams'] }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((r) => keys.listen(0, '127.0.0.1', r));
  const { port } = keys.address() as AddressInfo;
  const log = createLogger('silent');
  const adapter = createAdapter(
    { appId: APP_ID, appPassword: 'not-used', appType: 'MultiTenant', openIdMetadataUrl: `http://127.0.0.1:${port}/.well-known/openidconfiguration` },
    log,
  );
  const handler = new ActivityHandler();
  handler.onTyping(async (_context, next) => {
    turns++;
    await next();
  });
  bot = await listen(createHttpServer({ adapter, bot: handler, log, health: async () => ({ database: true, scheduler: true }) }), 0, '127.0.0.1');
});

afterAll(async () => {
  await bot.close();
  await new Promise((r) => keys.close(r));
});

describe('inbound Bot Framework tokens (app id configured)', () => {
  it('accepts a token signed by the published key for this app and channel', async () => {
    const before = turns;
    expect(await post(token({}))).toBe(200);
    expect(turns).toBe(before + 1);
  });

  it.each([
    ['no token', undefined],
    ['another audience', token({ aud: '99999999-2222-3333-4444-555555555555' })],
    ['another issuer', token({ iss: 'https://evil.example.com' })],
    ['expired', token({ exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 })],
    ['another service URL', token({ serviceurl: 'https://evil.example.com/' })],
  ])('refuses %s with 401 and runs no turn', async (_label, auth) => {
    const before = turns;
    expect(await post(auth)).toBe(401);
    expect(turns).toBe(before);
  });

  it.each([
    ['a key nobody published, under the published key id', kid],
    ['a key nobody published, under an unknown key id', randomUUID()],
  ])('refuses a token signed with %s: 401 and no turn', async (_label, keyId) => {
    const before = turns;
    expect(await post(token({}, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, keyId))).toBe(401);
    expect(turns).toBe(before);
  });

  it('refuses a token that is not valid yet: 401 and no turn', async () => {
    const before = turns;
    const now = Math.floor(Date.now() / 1000);
    expect(await post(token({ nbf: now + 3600, exp: now + 7200 }))).toBe(401);
    expect(turns).toBe(before);
  });
});
