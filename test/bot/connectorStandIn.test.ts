import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEAM_1, installActivity, startConnectorStandIn, type ConnectorStandIn } from '../helpers/connectorStandIn.js';

// The stand-in must refuse what the Bot Connector refuses (connectorRules.ts cites each rule's page).
const TAG = 'NTI4/ZGJl+M2Y==';
const tagged = (id = TAG) => ({ type: 'message', text: '<at>ops-oncall</at>', entities: [{ type: 'mention', text: '<at>ops-oncall</at>', mentioned: { id, name: 'ops-oncall', type: 'tag' } }] });
const inCard = (id = TAG) => ({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [], msteams: { entities: tagged(id).entities } } }] });

describe('the Bot Connector stand-in refuses what Teams refuses', () => {
  let c: ConnectorStandIn;
  beforeEach(async () => {
    c = await startConnectorStandIn([
      { id: '29:alice', name: 'Alice Archer', aadObjectId: 'aad-alice', email: 'alice@contoso.com', installed: true },
      { id: '29:dave', name: 'Dave Dunn', aadObjectId: 'aad-dave', email: 'dave@contoso.com' },
      { id: '29:erin', name: 'Erin Ende', aadObjectId: 'aad-erin', email: 'erin@contoso.com' },
    ]);
    c.addChannel('team-1', '19:ops@thread.tacv2', 'standard');
    c.addChannel('team-1', '19:secret@thread.tacv2', 'private');
    c.addTag('team-1', TAG);
  });
  afterEach(() => c.close());

  const call = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${c.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
  };
  const send = (conversation: string, activity: unknown) => call('POST', `/v3/conversations/${encodeURIComponent(conversation)}/activities`, activity);

  it.each([
    ['a known tag in a standard channel', '19:ops@thread.tacv2', tagged(), 200, undefined],
    ['the same tag declared in a card', '19:ops@thread.tacv2;messageid=1', inCard(), 200, undefined],
    ['a tag the team does not have', '19:ops@thread.tacv2', tagged('b3RoZXI='), 400, `Mentioned tag with ID b3RoZXI= doesn't exist in current team`],
    ['a tag in a private channel', '19:secret@thread.tacv2', inCard(), 400, 'Tag can only be mentioned in channel'],
    ['a tag in a personal chat', 'a:chat-alice', tagged(), 400, 'Tag can only be mentioned in channel'],
  ])('%s → %i', async (_case, conversation, activity, status, message) => {
    const res = await send(conversation, activity);
    expect(res.status).toBe(status);
    if (message) expect(res.body.error).toEqual({ code: 'BadRequest', message });
  });

  it('a tag removed from the team, when it was its last: "no tag exists in the team"', async () => {
    c.removeTag('team-1', TAG);
    expect((await send('19:ops@thread.tacv2', tagged())).body.error?.message).toBe('Invalid mentioned tag because no tag exists in the team');
  });

  it('a thread started with a tag mention is checked like a post', async () => {
    const res = await call('POST', '/v3/conversations', { isGroup: true, channelData: { channel: { id: '19:secret@thread.tacv2' } }, activity: tagged() });
    expect(res.status).toBe(400);
  });

  it.each([
    ['19,000 ASCII characters (38 KB as UTF-16)', 'x'.repeat(19_000), 200],
    ['21,000 ASCII characters (over 40 KB as UTF-16)', 'x'.repeat(21_000), 413],
    ['13,000 Cyrillic letters (26 KB as UTF-8)', 'ж'.repeat(13_000), 200],
    ['15,000 Cyrillic letters (over 28 KB as UTF-8, 30 KB as UTF-16)', 'ж'.repeat(15_000), 413],
  ])('a message of %s → %i', async (_case, text, status) => {
    const res = await send('a:chat-alice', { type: 'message', text });
    expect(res.status).toBe(status);
    if (status === 413) expect(res.body.error?.code).toBe('MessageSizeTooBig');
  });

  it('a 1:1 chat with someone Rota is not installed for: 403 until installApp (by Teams id or Entra object id)', async () => {
    const open = (id: string) => call('POST', '/v3/conversations', { isGroup: false, bot: { id: '28:rota-bot' }, members: [{ id }], tenantId: 'tenant-1' });
    expect(await open('aad-dave')).toEqual({ status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } });
    expect((await open('29:dave')).status).toBe(403);
    expect((await open('29:nobody')).status).toBe(403);
    expect((await open('aad-alice')).status).toBe(201);
    c.installApp('aad-dave');
    expect((await open('29:dave')).status).toBe(201);
  });

  it('Rota is installed for someone once Teams delivers an activity from their personal chat (the install event), not a channel\'s', async () => {
    const open = (id: string) => call('POST', '/v3/conversations', { isGroup: false, bot: { id: '28:rota-bot' }, members: [{ id }], tenantId: 'tenant-1' });
    c.delivered(installActivity(c.url, { team: TEAM_1, from: { id: '29:dave', name: 'Dave Dunn' } }));
    expect((await open('29:dave')).status).toBe(403);
    c.delivered(installActivity(c.url, { from: { id: '29:erin', name: 'Erin Ende' } }));
    expect((await open('aad-erin')).status).toBe(201);
  });

  it('"Get single member details": a personal chat knows only its own user, a team conversation every member', async () => {
    const get = (conversation: string, user: string) => fetch(`${c.url}/v3/conversations/${encodeURIComponent(conversation)}/members/${encodeURIComponent(user)}`).then(async (r) => ({ status: r.status, body: (await r.json()) as { id?: string; error?: { code: string } } }));
    c.inPersonalChat('a:chat-alice', '29:alice');
    expect(await get('a:chat-alice', 'aad-alice')).toMatchObject({ status: 200, body: { id: '29:alice' } });
    expect(await get('a:chat-alice', 'aad-dave')).toMatchObject({ status: 404, body: { error: { code: 'MemberNotFoundInConversation' } } });
    expect((await get('a:chat-unknown', '29:alice')).status).toBe(404);
    expect(await get('19:team@thread.tacv2', 'aad-dave')).toMatchObject({ status: 200, body: { id: '29:dave' } });
    c.installApp('aad-alice');
    const opened = await call('POST', '/v3/conversations', { isGroup: false, bot: { id: '28:rota-bot' }, members: [{ id: 'aad-alice' }], tenantId: 'tenant-1' });
    const chat = (opened.body as { id?: string }).id!;
    expect((await get(chat, '29:alice')).status).toBe(200);
    expect((await get(chat, '29:dave')).status).toBe(404);
  });

  it.each([412, 502, 504])('answers %i on demand, then as usual', async (status) => {
    c.failNext(1, status);
    expect((await send('a:chat-alice', { type: 'message', text: 'hi' })).status).toBe(status);
    expect((await send('a:chat-alice', { type: 'message', text: 'hi' })).status).toBe(200);
  });
});
