import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../db/stores.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

const ctx = (actor: string, now = 1000) => ({ actor, source: 'chat' as const, now });

describe.each(ENGINES)('the chat stores (people, posts, swaps, changes, conversations, handovers) on %s', (engine) => {
  let t: TestDatabase;
  let stores: Stores;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    stores = createStores(t.db);
    await t.db('rotations').insert({ id: 'ops', name: 'Ops', timezone: 'UTC', every: '1w', handoff: 'Mon 12:00', on_duty: 1, start_date: '2026-01-05', created_at: 0, updated_at: 0 });
  });
  afterEach(() => t.destroy());

  it('caches people by AAD id and Teams id, and moves ids when a UPN changes', async () => {
    await stores.people.rememberPerson({ email: 'Alice@Contoso.com', aadObjectId: 'aad-1', teamsId: '29:a', displayName: 'Alice' }, 1);
    expect(await stores.people.personByAadId('aad-1')).toEqual({ email: 'alice@contoso.com', aadObjectId: 'aad-1', teamsId: '29:a', displayName: 'Alice', reminders: true });
    await stores.people.rememberPerson({ email: 'alice.archer@contoso.com', aadObjectId: 'aad-1', teamsId: '29:a' }, 2);
    expect((await stores.people.personByTeamsId('29:a'))?.email).toBe('alice.archer@contoso.com');
    await stores.people.setReminders('alice.archer@contoso.com', false, ctx('alice.archer@contoso.com'));
    expect((await stores.people.people(['alice.archer@contoso.com'])).get('alice.archer@contoso.com')?.reminders).toBe(false);
  });

  it('claims a post exactly once; a failed one may be claimed again; the first ack wins', async () => {
    const post = { key: 'handoff:ops:1', kind: 'handoff', rotationId: 'ops', detail: { a: 1 } };
    const claims = await Promise.all([stores.posts.claimPost(post, 'r1', 1), stores.posts.claimPost(post, 'r2', 1)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await stores.posts.markFailed(post.key, 2);
    expect(await stores.posts.claimPost(post, 'r2', 3)).toBe(true);
    await stores.posts.markPosted(post.key, { conversationId: 'c', activityId: 'x' }, 4);
    expect(await stores.posts.claimPost(post, 'r1', 5)).toBe(false);
    expect(await stores.posts.postsAwaitingAck('handoff', 10)).toHaveLength(1);
    expect(await stores.posts.ackPost(post.key, 'bob@contoso.com', ctx('bob@contoso.com', 6))).toBe(true);
    expect(await stores.posts.ackPost(post.key, 'carol@contoso.com', ctx('carol@contoso.com', 7))).toBe(false);
    expect(await stores.posts.post(post.key)).toMatchObject({ state: 'posted', ackedBy: 'bob@contoso.com', ackedAt: 6, activityId: 'x' });
    expect(await stores.posts.postsAwaitingAck('handoff', 10)).toEqual([]);
  });

  it('decides a swap once, writing both overrides and the audit row in one transaction', async () => {
    const swap = await stores.swaps.createSwap(
      { rotationId: 'ops', proposer: 'a@contoso.com', counterpart: 'b@contoso.com', proposerShiftStart: 100, counterpartShiftStart: 200, expiresAt: 150 },
      ctx('a@contoso.com'),
    );
    const overrides = [
      { rotationId: 'ops', start: 100, end: 200, member: 'b@contoso.com', replaces: 'a@contoso.com' },
      { rotationId: 'ops', start: 200, end: 300, member: 'a@contoso.com', replaces: 'b@contoso.com' },
    ];
    const results = await Promise.all([stores.swaps.decideSwap(swap.id, 'accepted', overrides, ctx('b@contoso.com')), stores.swaps.decideSwap(swap.id, 'declined', [], ctx('b@contoso.com'))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const state = (await stores.swaps.swap(swap.id))!.state;
    expect(await t.db('overrides').where({ swap_id: swap.id }).pluck('member')).toHaveLength(state === 'accepted' ? 2 : 0);
    expect(await t.db('audit_log').whereLike('action', 'swap.%').pluck('action')).toEqual(['swap.proposed', `swap.${state}`]);
  });

  it('a failing write leaves no audit row (one transaction)', async () => {
    await expect(stores.changes.addOverride({ rotationId: 'no-such-rotation', start: 1, end: 2, member: 'a@contoso.com' }, ctx('a@contoso.com'))).rejects.toThrow();
    expect(await t.db('audit_log').pluck('id')).toEqual([]);
  });

  it('stores conversation references and finds personal chats and team conversations', async () => {
    await stores.conversations.saveConversation({ conversationId: '19:gen', kind: 'channel', teamId: 'team-1', tenantId: 't', reference: { serviceUrl: 'https://x' } }, 1);
    await stores.conversations.saveConversation({ conversationId: 'a:1', kind: 'personal', userEmail: 'a@contoso.com', reference: { serviceUrl: 'https://x' } }, 2);
    expect((await stores.conversations.teamConversation('team-1'))?.conversationId).toBe('19:gen');
    expect((await stores.conversations.personalConversation('A@contoso.com'))?.conversationId).toBe('a:1');
    await stores.handovers.saveHandover({ rotationId: 'ops', shiftStart: 5, author: 'a@contoso.com', notes: 'n', openItems: ['x'] }, ctx('a@contoso.com'));
    await stores.handovers.saveHandover({ rotationId: 'ops', shiftStart: 5, author: 'a@contoso.com', notes: 'n2', openItems: [] }, ctx('a@contoso.com', 9));
    expect(await stores.handovers.handover('ops', 5)).toMatchObject({ notes: 'n2', openItems: [], updatedAt: 9 });
  });
});
