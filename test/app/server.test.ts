import { afterEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../bot/adapter.js';
import { ActivityHandler } from 'botbuilder';
import { bindServer, createHttpServer, httpRoutes, listen, ListenError, type Health, type RunningServer } from '../../app/root/server.js';
import { createLogger } from '../../app/root/logger.js';

const log = createLogger('silent');
let server: RunningServer | undefined;

async function serve(health: Health): Promise<string> {
  const adapter = createAdapter({ appType: 'MultiTenant' }, log);
  const bot = new ActivityHandler(); // the routes under test never reach the bot
  server = await listen(createHttpServer({ adapter, bot, log, health: async () => health }), 0, '127.0.0.1');
  return server.url;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('HTTP routes', () => {
  it.each([
    [{ database: true, scheduler: true }, 200, { status: 'ok', database: 'up', scheduler: 'up' }],
    [{ database: false, scheduler: true }, 503, { status: 'degraded', database: 'down', scheduler: 'up' }],
    [{ database: true, scheduler: false }, 503, { status: 'degraded', database: 'up', scheduler: 'down' }],
  ])('/healthz with %j answers %i', async (health, status, body) => {
    const res = await fetch(`${await serve(health)}/healthz`);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual(body);
  });

  it('answers clearly for wrong methods, bad bodies and unknown paths', async () => {
    const url = await serve({ database: true, scheduler: true });
    const get = await fetch(`${url}/api/messages`);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    const bad = await fetch(`${url}/api/messages`, { method: 'POST', body: '{not json' });
    expect([bad.status, ((await bad.json()) as { error: string }).error]).toEqual([400, 'request body is not valid JSON']);
    const arr = await fetch(`${url}/api/messages`, { method: 'POST', body: '[]' });
    expect(arr.status).toBe(400);
    const big = await fetch(`${url}/api/messages`, { method: 'POST', body: JSON.stringify({ text: 'x'.repeat(300_000) }) });
    expect(big.status).toBe(413);
    const missing = await fetch(`${url}/nope`);
    expect(missing.status).toBe(404);
  });
});

describe('POST /api/messages checks the activity before botbuilder sees it', () => {
  // A typing activity: valid, and the bot sends nothing back, so no connector is needed.
  const valid = {
    type: 'typing', id: 'a1', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: '29:user', name: 'Alice' },
    recipient: { id: '28:rota' }, conversation: { id: 'a:chat', conversationType: 'personal' },
  };
  const without = (key: string) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key));
  const post = async (body: unknown) => {
    const url = await serve({ database: true, scheduler: true });
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return [res.status, res.status === 200 ? null : await res.json()];
  };

  it.each([
    ['{}', {}, 'activity.type is required; activity.serviceUrl is required; activity.conversation.id is required; activity.from.id is required'],
    ['no conversation', without('conversation'), 'activity.conversation.id is required'],
    ['no from', without('from'), 'activity.from.id is required'],
    ['no serviceUrl', without('serviceUrl'), 'activity.serviceUrl is required'],
    ['a numeric text', { ...valid, type: 'message', text: 5 }, 'activity.text must be a string'],
    ['a conversation that is a string', { ...valid, conversation: 'a:chat' }, 'activity.conversation must be an object with an id'],
    ['an empty from id', { ...valid, from: { id: '' } }, 'activity.from.id must not be empty'],
    ['membersAdded not a list', { ...valid, type: 'conversationUpdate', membersAdded: 5 }, 'activity.membersAdded must be a list of accounts'],
    ['a member without id', { ...valid, type: 'conversationUpdate', membersAdded: [{ id: 'x' }, {}] }, 'activity.membersAdded[1].id is required'],
    ['a serviceUrl that is no URL', { ...valid, serviceUrl: 'smba' }, 'activity.serviceUrl must be a URL'],
  ])('answers 400 naming the field for %s', async (_label, body, error) => {
    expect(await post(body)).toEqual([400, { error }]);
  });

  it('passes a well-formed activity on to the bot', async () => {
    expect(await post(valid)).toEqual([200, null]);
  });
});

describe('binding the port before start-up', () => {
  it('answers 503 "starting" until the routes are handed over, then serves them', async () => {
    const bound = await bindServer(0, '127.0.0.1');
    server = bound;
    const early = await fetch(`${bound.url}/healthz`);
    expect([early.status, await early.json()]).toEqual([503, { status: 'starting' }]);
    const adapter = createAdapter({ appType: 'MultiTenant' }, log);
    bound.serve(httpRoutes({ adapter, bot: new ActivityHandler(), log, health: async () => ({ database: true, scheduler: true }) }));
    expect((await fetch(`${bound.url}/healthz`)).status).toBe(200);
  });

  it('refuses a busy port with an error naming it', async () => {
    const first = await bindServer(0, '127.0.0.1');
    server = first;
    const second = bindServer(first.port, '127.0.0.1');
    await expect(second).rejects.toBeInstanceOf(ListenError);
    await expect(second).rejects.toThrow(`port ${first.port} on 127.0.0.1 is already in use`);
  });
});
