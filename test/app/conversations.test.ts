import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personalRoute, rememberInstall } from '../../app/usecases/conversations.js';
import { RotaService } from '../../app/usecases/RotaService.js';
import { subscriptionPlace } from '../../app/usecases/subscribeHere.js';
import { createStores, type Stores } from '../../db/stores.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const ref = (id: string) => ({ serviceUrl: 'https://smba.example/', conversation: { id } });
const channel = { conversationId: '19:ops@thread.tacv2', kind: 'channel' as const, teamId: 'team-1', tenantId: 'tenant-1', reference: ref('19:ops@thread.tacv2') };

describe.each(ENGINES)('where Rota posts: conversations (%s)', (engine) => {
  let t: TestDatabase;
  let stores: Stores;
  let deps: { service: RotaService; stores: Stores };

  beforeEach(async () => {
    t = await freshDatabase(engine);
    stores = createStores(t.db);
    deps = { service: new RotaService(stores), stores };
  });
  afterEach(() => t.destroy());

  it('an install in a channel thread remembers the thread and the channel itself', async () => {
    const thread = { ...channel, conversationId: '19:ops@thread.tacv2;messageid=7', reference: ref('19:ops@thread.tacv2;messageid=7') };
    await rememberInstall(deps, thread, '19:ops@thread.tacv2', 1000);
    expect((await stores.conversations.conversation('19:ops@thread.tacv2;messageid=7'))?.kind).toBe('channel');
    expect(await stores.conversations.conversation('19:ops@thread.tacv2')).toEqual({ ...channel, reference: ref('19:ops@thread.tacv2;messageid=7') });
  });

  it('reaches a person through their stored chat, else opens one only when allowed and a Teams id is known', async () => {
    await stores.conversations.saveConversation(channel, 1000);
    await stores.people.rememberPerson({ email: 'bob@contoso.com', teamsId: '29:bob' }, 1000);
    expect(await personalRoute(deps, 'bob@contoso.com')).toBeUndefined();
    expect(await personalRoute(deps, 'bob@contoso.com', { via: channel, userId: undefined })).toBeUndefined();
    expect(await personalRoute(deps, 'bob@contoso.com', { via: channel, userId: '29:bob-from-teams' })).toEqual({ open: { via: channel, userId: '29:bob-from-teams' } });
    expect(await personalRoute(deps, 'bob@contoso.com', 'any')).toEqual({ open: { via: channel, userId: '29:bob' } });
    expect(await personalRoute(deps, 'carol@contoso.com', 'any')).toBeUndefined();
    const chat = { conversationId: 'a:chat-bob', kind: 'personal' as const, tenantId: 'tenant-1', userEmail: 'bob@contoso.com', reference: ref('a:chat-bob') };
    await stores.conversations.saveConversation(chat, 2000);
    expect(await personalRoute(deps, 'bob@contoso.com')).toEqual({ stored: chat });
    expect(await personalRoute(deps, 'bob@contoso.com', 'any')).toEqual({ stored: chat });
  });

  it('opens a chat with someone who never wrote by the Entra object id Teams gave, since createConversation takes it', async () => {
    await stores.conversations.saveConversation(channel, 1000);
    await stores.people.rememberPerson({ email: 'dave@contoso.com', aadObjectId: 'aad-dave' }, 1000);
    expect(await personalRoute(deps, 'dave@contoso.com', 'any')).toEqual({ open: { via: channel, userId: 'aad-dave' } });
  });
});

describe('where subscribe may be said', () => {
  it.each([
    ['a team channel', channel, undefined, { ok: true, value: { conversation: channel, team: 'team-1', channelId: '19:ops@thread.tacv2' } }],
    ['a thread, naming its channel', { ...channel, conversationId: '19:ops@thread.tacv2;messageid=7' }, '19:ops@thread.tacv2', { ok: true, value: { conversation: { ...channel, conversationId: '19:ops@thread.tacv2;messageid=7' }, team: 'team-1', channelId: '19:ops@thread.tacv2' } }],
    ['a personal chat', { conversationId: 'a:chat-bob', kind: 'personal' as const, reference: ref('a:chat-bob') }, undefined, { ok: false, error: 'Say this in the team channel that should receive the handoff posts: @Rota subscribe ops' }],
    ['a channel without its team', { ...channel, teamId: undefined }, undefined, { ok: false, error: 'Say this in the team channel that should receive the handoff posts: @Rota subscribe ops' }],
  ])('in %s', (_where, here, channelId, expected) => {
    expect(subscriptionPlace(here, channelId)).toEqual(expected);
  });
});
