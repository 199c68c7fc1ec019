import { afterEach, describe, expect, it } from 'vitest';
import { localAccount, type Delivered } from '../../app/cli/chat/connector.js';
import { joinChatConnector, type ConnectorMembership } from '../../app/cli/chat/session.js';
import { freePort } from './cliChatKit.js';

/** The shared local connector, spoken to as the bot speaks to the Bot Connector (REST shapes of the v3 API). */
describe('the terminal chat connector routes by conversation id', () => {
  const open: ConnectorMembership[] = [];
  afterEach(async () => {
    for (const m of open.splice(0).reverse()) await m.close();
  });
  const join = async (port: number, email: string) => {
    const got: Delivered[] = [];
    const m = await joinChatConnector(port, localAccount(email), (d) => got.push(d), (line) => got.push({ conversationId: 'notice', method: 'POST', activityId: '', activity: { text: line } }));
    open.push(m);
    return { m, got };
  };
  const call = async (url: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it("opens a 1:1 chat in the person's own conversation and delivers there only; replies and updates follow the id", async () => {
    const port = await freePort();
    const alice = await join(port, 'alice@contoso.com');
    const bob = await join(port, 'bob@contoso.com');
    const url = alice.m.url;
    const created = await call(url, 'POST', '/v3/conversations', { isGroup: false, bot: { id: '28:rota' }, members: [{ id: '29:bob@contoso.com', name: '' }], tenantId: 'local-tenant' });
    expect(created).toEqual({ status: 201, body: { id: 'a:cli-bob@contoso.com', serviceUrl: url } });
    const sent = await call(url, 'POST', `/v3/conversations/${encodeURIComponent('a:cli-bob@contoso.com')}/activities`, { type: 'message', text: 'card for Bob' });
    expect(sent.status).toBe(200);
    const id = String(sent.body.id);
    await call(url, 'PUT', `/v3/conversations/${encodeURIComponent('a:cli-bob@contoso.com')}/activities/${id}`, { type: 'message', id, text: 'card for Bob, decided' });
    await Promise.all([alice.m.sync(), bob.m.sync()]);
    expect(alice.got).toEqual([]);
    expect(bob.got).toEqual([
      { conversationId: 'a:cli-bob@contoso.com', method: 'POST', activityId: id, activity: { type: 'message', text: 'card for Bob' } },
      { conversationId: 'a:cli-bob@contoso.com', method: 'PUT', activityId: id, activity: { type: 'message', id, text: 'card for Bob, decided' } },
    ]);
  });

  it('answers member look-ups with the e-mail, and 404 for an account that is not a person', async () => {
    const port = await freePort();
    const { m } = await join(port, 'alice@contoso.com');
    const bob = await call(m.url, 'GET', `/v3/conversations/x/members/${encodeURIComponent('29:bob@contoso.com')}`);
    expect(bob).toMatchObject({ status: 200, body: { id: '29:bob@contoso.com', name: 'Bob', email: 'bob@contoso.com', userPrincipalName: 'bob@contoso.com' } });
    expect((await call(m.url, 'GET', '/v3/conversations/x/members/28%3Asomething')).status).toBe(404);
  });

  it('keeps what is sent to a closed terminal, updated in place, until that person opens one', async () => {
    const port = await freePort();
    const { m } = await join(port, 'alice@contoso.com');
    const path = `/v3/conversations/${encodeURIComponent('a:cli-erin@contoso.com')}/activities`;
    const first = await call(m.url, 'POST', path, { type: 'message', text: 'v1' });
    await call(m.url, 'PUT', `${path}/${String(first.body.id)}`, { type: 'message', text: 'v2' });
    await call(m.url, 'POST', path, { type: 'message', text: 'second' });
    const erin = await join(port, 'erin@contoso.com');
    await erin.m.sync();
    expect(erin.got.map((d) => [d.method, d.activity.text])).toEqual([
      ['POST', 'v2'],
      ['POST', 'second'],
    ]);
  });

  it('posts a channel thread to every terminal', async () => {
    const port = await freePort();
    const alice = await join(port, 'alice@contoso.com');
    const bob = await join(port, 'bob@contoso.com');
    const thread = await call(alice.m.url, 'POST', '/v3/conversations', { isGroup: true, channelData: { channel: { id: '19:ops@thread.tacv2' } }, activity: { type: 'message', text: 'handoff' } });
    expect(thread.status).toBe(201);
    expect(String(thread.body.id)).toBe(`19:ops@thread.tacv2;messageid=${String(thread.body.activityId)}`);
    await Promise.all([alice.m.sync(), bob.m.sync()]);
    for (const who of [alice, bob]) expect(who.got.map((d) => [d.conversationId, d.activity.text])).toEqual([[thread.body.id, 'handoff']]);
  });
});
