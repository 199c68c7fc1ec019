import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphApi, type RetryPolicy } from '../../sync/graph/GraphApi.js';
import { GraphClient } from '../../sync/graph/GraphClient.js';
import { createSdkClient } from '../../sync/graph/sdkClient.js';
import { personRefs } from '../../app/usecases/context.js';
import { resolveIdentities } from '../../sync/identities.js';
import type { SyncIdentity, SyncStateStore } from '../../sync/SyncStores.js';
import { GraphStandIn } from '../helpers/graph/GraphStandIn.js';
import { NOW, opsFile, startHarness, type SyncHarness } from './syncHarness.js';

const HOUR = 3_600_000;
const FAST: RetryPolicy = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 2_000, sleep: async () => undefined, random: () => 0.5 };

/** The identity cache, in memory, each identity written at `cachedAt`: these tests are about the Graph side (the store has its own tests on both DBs). */
function memoryStore(cached: Record<string, SyncIdentity> = {}, cachedAt = NOW): Pick<SyncStateStore, 'identities' | 'identitiesCachedBefore'> {
  const known = (emails: string[]) => emails.map((e) => e.toLowerCase()).filter((e) => cached[e]);
  return {
    identities: async (emails) => new Map(known(emails).map((e) => [e, cached[e]!])),
    identitiesCachedBefore: async (emails, before) => (cachedAt < before ? known(emails).sort() : []),
  };
}

describe('resolving the addresses of a rotation file to Entra users (the real GraphClient against the stand-in)', () => {
  let graph: GraphStandIn;
  let client: GraphClient;
  beforeEach(async () => {
    graph = new GraphStandIn({ pageSize: 3 });
    client = new GraphClient(new GraphApi(createSdkClient({ baseUrl: await graph.start(), mode: 'standin' }), graph.url, FAST));
  });
  afterEach(() => graph.stop());

  const resolve = (emails: string[], cached: Record<string, SyncIdentity> = {}, now = NOW, cachedAt = NOW) =>
    resolveIdentities(client, memoryStore(cached, cachedAt) as SyncStateStore, emails, now);
  const usersReads = () => graph.requests.filter((r) => r.inBatch && r.path.startsWith('/users')).map((r) => ({ path: r.path, query: r.query, status: r.status }));

  it('by UPN first; a 404 goes on to mail, then to proxy addresses; nobody is unknown with the reason', async () => {
    const alice = graph.addUser('alice@contoso.com', 'Alice Archer');
    const bob = graph.addUser('bob.baker@contoso.onmicrosoft.com', 'Bob Baker', { mail: 'bob@contoso.com' });
    const carol = graph.addUser('ccook@contoso.onmicrosoft.com', 'Carol Cook', { mail: 'carol.cook@contoso.com', proxyAddresses: ['SMTP:carol.cook@contoso.com', 'smtp:carol@contoso.com'] });
    const people = await resolve(['Alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com', 'nobody@contoso.com']);
    expect(people.ids).toEqual(
      new Map([
        ['alice@contoso.com', { objectId: alice.id, displayName: 'Alice Archer', upn: 'alice@contoso.com', mail: 'alice@contoso.com' }],
        ['bob@contoso.com', { objectId: bob.id, displayName: 'Bob Baker', upn: 'bob.baker@contoso.onmicrosoft.com', mail: 'bob@contoso.com' }],
        ['carol@contoso.com', { objectId: carol.id, displayName: 'Carol Cook', upn: 'ccook@contoso.onmicrosoft.com', mail: 'carol.cook@contoso.com' }],
      ]),
    );
    expect(people.fetched).toEqual(people.ids);
    expect(people.unknown).toEqual(new Map([['nobody@contoso.com', 'nobody@contoso.com is not a user in this tenant (no user has it as UPN, mail or proxy address)']]));
    const select = 'id,displayName,userPrincipalName,mail';
    expect(usersReads()).toEqual([
      { path: '/users/alice%40contoso.com', query: { $select: select }, status: 200 },
      { path: '/users/bob%40contoso.com', query: { $select: select }, status: 404 },
      { path: '/users/carol%40contoso.com', query: { $select: select }, status: 404 },
      { path: '/users/nobody%40contoso.com', query: { $select: select }, status: 404 },
      { path: '/users', query: { $filter: "mail eq 'bob@contoso.com'", $select: select, $top: '2' }, status: 200 },
      { path: '/users', query: { $filter: "mail eq 'carol@contoso.com'", $select: select, $top: '2' }, status: 200 },
      { path: '/users', query: { $filter: "mail eq 'nobody@contoso.com'", $select: select, $top: '2' }, status: 200 },
      { path: '/users', query: { $filter: "proxyAddresses/any(x:x eq 'smtp:carol@contoso.com')", $select: select, $top: '2' }, status: 200 },
      { path: '/users', query: { $filter: "proxyAddresses/any(x:x eq 'smtp:nobody@contoso.com')", $select: select, $top: '2' }, status: 200 },
    ]);
    // Three $batch requests, one per step; no advanced-query header inside them (both filters work by default).
    const batches = graph.requests.filter((r) => r.path === '/$batch');
    expect(batches.length).toBe(3);
    const inner = batches.flatMap((b) => (b.body as { requests: Array<{ url: string; headers?: Record<string, string> }> }).requests);
    expect(inner.map((r) => r.headers)).toEqual(inner.map(() => undefined));
    expect(inner[4]!.url).toBe("/users?$filter=mail%20eq%20'bob%40contoso.com'&$select=id,displayName,userPrincipalName,mail&$top=2");
  });

  it('two users with the same mail, or the same proxy address, are an error naming the address', async () => {
    graph.addUser('ops1@contoso.onmicrosoft.com', 'Ops 1', { mail: 'ops@contoso.com' });
    graph.addUser('ops2@contoso.onmicrosoft.com', 'Ops 2', { mail: 'ops@contoso.com' });
    graph.addUser('x1@contoso.onmicrosoft.com', 'X 1', { mail: 'x1@contoso.com', proxyAddresses: ['SMTP:x1@contoso.com', 'smtp:team@contoso.com'] });
    graph.addUser('x2@contoso.onmicrosoft.com', 'X 2', { mail: 'x2@contoso.com', proxyAddresses: ['SMTP:x2@contoso.com', 'smtp:team@contoso.com'] });
    const people = await resolve(['ops@contoso.com', 'team@contoso.com']);
    expect(people.ids.size).toBe(0);
    expect(people.unknown).toEqual(
      new Map([
        ['ops@contoso.com', 'ops@contoso.com is ambiguous: 2 users have mail ops@contoso.com (ops1@contoso.onmicrosoft.com, ops2@contoso.onmicrosoft.com)'],
        ['team@contoso.com', 'team@contoso.com is ambiguous: 2 users have proxy address team@contoso.com (x1@contoso.onmicrosoft.com, x2@contoso.onmicrosoft.com)'],
      ]),
    );
  });

  it('a cached identity is not looked up again within a day: a UPN renamed in the tenant since still has its object id', async () => {
    graph.addUser('alice.archer@contoso.com', 'Alice Archer'); // was alice@contoso.com when the sync first resolved her
    const people = await resolve(['alice@contoso.com'], { 'alice@contoso.com': { objectId: 'oid-alice', upn: 'alice@contoso.com' } }, NOW + 23 * HOUR, NOW);
    expect(people.ids.get('alice@contoso.com')).toEqual({ objectId: 'oid-alice', upn: 'alice@contoso.com' });
    expect(people.fetched.size).toBe(0);
    expect(graph.requests).toEqual([]);
  });

  it('after a day, a cached identity is read again by its object id: the new name, UPN and mail, one batch', async () => {
    const alice = graph.addUser('alice.archer@contoso.com', 'Alice Archer-Smith', { mail: 'alice.archer@contoso.com' });
    const bob = graph.addUser('bob@contoso.com', 'Bob Baker');
    const cached = { 'alice@contoso.com': { objectId: alice.id, displayName: 'Alice Archer', upn: 'alice@contoso.com' }, 'bob@contoso.com': { objectId: bob.id, displayName: 'Bob Baker' } };
    const people = await resolve(['alice@contoso.com', 'bob@contoso.com'], cached, NOW + 25 * HOUR, NOW);
    expect(people.fetched).toEqual(
      new Map([
        ['alice@contoso.com', { objectId: alice.id, displayName: 'Alice Archer-Smith', upn: 'alice.archer@contoso.com', mail: 'alice.archer@contoso.com' }],
        ['bob@contoso.com', { objectId: bob.id, displayName: 'Bob Baker', upn: 'bob@contoso.com', mail: 'bob@contoso.com' }],
      ]),
    );
    expect(people.ids).toEqual(people.fetched);
    const select = 'id,displayName,userPrincipalName,mail';
    expect(usersReads()).toEqual([
      { path: `/users/${alice.id}`, query: { $select: select }, status: 200 },
      { path: `/users/${bob.id}`, query: { $select: select }, status: 200 },
    ]);
    expect(graph.httpRequests().length).toBe(1);
  });

  it('after a day, an address whose user was deleted is resolved again: given to someone new, it is theirs', async () => {
    const old = graph.addUser('alice@contoso.com', 'Alice Archer');
    graph.removeUser(old.id);
    const successor = graph.addUser('alice@contoso.com', 'Alice Abbott');
    const gone = graph.addUser('zoe@contoso.com', 'Zoe Zimmer');
    graph.removeUser(gone.id);
    const cached = { 'alice@contoso.com': { objectId: old.id, displayName: 'Alice Archer' }, 'zoe@contoso.com': { objectId: gone.id, displayName: 'Zoe Zimmer' } };
    const people = await resolve(['alice@contoso.com', 'zoe@contoso.com'], cached, NOW + 25 * HOUR, NOW);
    expect(people.ids).toEqual(new Map([['alice@contoso.com', { objectId: successor.id, displayName: 'Alice Abbott', upn: 'alice@contoso.com', mail: 'alice@contoso.com' }]]));
    expect(people.unknown).toEqual(
      new Map([['zoe@contoso.com', `zoe@contoso.com is not a user in this tenant (no user has it as UPN, mail or proxy address); the user it was resolved to (${gone.id}) no longer exists`]]),
    );
    expect(usersReads().map((r) => `${r.path} ${r.status}`)).toEqual([
      `/users/${old.id} 404`,
      `/users/${gone.id} 404`,
      '/users/alice%40contoso.com 200',
      '/users/zoe%40contoso.com 404',
      '/users 200',
      '/users 200',
    ]);
    expect(graph.httpRequests().length).toBe(4); // re-read, by UPN, by mail, by proxy address
  });

  it('a re-read that fails otherwise keeps the cached identity', async () => {
    const alice = graph.addUser('alice@contoso.com', 'Alice Abbott');
    graph.inject({ path: new RegExp(`^/users/${alice.id}`), inBatch: true }, { kind: 'status', status: 403 });
    const people = await resolve(['alice@contoso.com'], { 'alice@contoso.com': { objectId: alice.id, displayName: 'Alice Archer' } }, NOW + 25 * HOUR, NOW);
    expect(people.ids).toEqual(new Map([['alice@contoso.com', { objectId: alice.id, displayName: 'Alice Archer' }]]));
    expect(people.fetched.size).toBe(0);
    expect(people.unknown.size).toBe(0);
  });

  it("an address with a quote is sent as an OData literal with the quote doubled, and matched", async () => {
    const o = graph.addUser('obrien@contoso.onmicrosoft.com', "Pat O'Brien", { mail: "pat.o'brien@contoso.com" });
    const people = await resolve(["pat.o'brien@contoso.com"]);
    expect(people.ids.get("pat.o'brien@contoso.com")?.objectId).toBe(o.id);
    expect(usersReads().find((r) => r.path === '/users')?.query.$filter).toBe("mail eq 'pat.o''brien@contoso.com'");
  });

  it('a failed read is the reason, not "not a user", and the address is not looked up further', async () => {
    graph.addUser('alice@contoso.com');
    graph.inject({ path: /^\/users\/bob/, inBatch: true }, { kind: 'status', status: 403 });
    const people = await resolve(['alice@contoso.com', 'bob@contoso.com']);
    expect([...people.ids.keys()]).toEqual(['alice@contoso.com']);
    expect(people.unknown.get('bob@contoso.com')).toMatch(/^GET \/users\/bob%40contoso\.com\?\$select=id,displayName,userPrincipalName,mail: 403 Forbidden/);
    expect(usersReads().filter((r) => r.path === '/users')).toEqual([]);
  });
});

describe('a live sync run resolves everyone the chat may need to match', () => {
  let h: SyncHarness;
  afterEach(() => h.stop());

  it('also the members of a rotation with no tag or calendar, cached with their UPN and mail', async () => {
    const dev = `  - id: dev\n    name: Dev of the Week\n    start: 2026-01-05\n    every: 1w\n    handoff: "Mon 09:00"\n    members: [erin@contoso.com]`;
    h = await startHarness('sqlite', opsFile(undefined, dev));
    const erin = h.graph.addUser('erin.ende@contoso.onmicrosoft.com', 'Erin Ende', { mail: 'erin@contoso.com' });
    const report = await h.sync.reconcile(NOW);
    expect(report.targets.flatMap((r) => r.errors)).toEqual([]);
    expect(await h.stores.syncState.identities(['erin@contoso.com'])).toEqual(
      new Map([['erin@contoso.com', { objectId: erin.id, displayName: 'Erin Ende', upn: 'erin.ende@contoso.onmicrosoft.com', mail: 'erin@contoso.com' }]]),
    );
    expect(await h.stores.syncState.addressesOf(erin.id)).toEqual(['erin@contoso.com']);
    h.graph.clearLog();
    await h.sync.reconcile(NOW);
    expect(h.graph.requests.filter((r) => r.inBatch && r.path.startsWith('/users') && !r.path.includes('/calendar'))).toEqual([]); // cached
  });

  it("a name changed in Entra shows in the chat's refs after a day, not before; a deleted user's address goes to its new owner", async () => {
    const dev = `  - id: dev\n    name: Dev of the Week\n    start: 2026-01-05\n    every: 1w\n    handoff: "Mon 09:00"\n    members: [erin@contoso.com, finn@contoso.com]`;
    h = await startHarness('sqlite', opsFile(undefined, dev));
    const erin = h.graph.addUser('erin@contoso.com', 'Erin Ende');
    const finn = h.graph.addUser('finn@contoso.com', 'Finn Fox');
    await h.sync.reconcile(NOW);
    const refs = async () => [...(await personRefs(h.stores, ['erin@contoso.com', 'finn@contoso.com'])).values()];
    h.graph.user(erin.id)!.displayName = 'Erin Ende-Smith';
    h.graph.removeUser(finn.id);
    const finley = h.graph.addUser('finn@contoso.com', 'Finley Frost');
    const userReads = () => h.graph.requests.filter((r) => r.inBatch && /^\/users\/[^/]+$/.test(r.path)).map((r) => `${r.path} ${r.status}`);

    h.graph.clearLog();
    await h.sync.reconcile(NOW + 23 * HOUR);
    expect(userReads()).toEqual([]);
    expect(await refs()).toEqual([
      { email: 'erin@contoso.com', displayName: 'Erin Ende', objectId: erin.id, upn: 'erin@contoso.com' },
      { email: 'finn@contoso.com', displayName: 'Finn Fox', objectId: finn.id, upn: 'finn@contoso.com' },
    ]);

    h.graph.clearLog();
    await h.sync.reconcile(NOW + 25 * HOUR);
    expect(userReads().filter((r) => r.includes(erin.id) || r.includes(finn.id) || r.includes('finn%40'))).toEqual([
      `/users/${erin.id} 200`,
      `/users/${finn.id} 404`,
      '/users/finn%40contoso.com 200',
    ]);
    expect(await refs()).toEqual([
      { email: 'erin@contoso.com', displayName: 'Erin Ende-Smith', objectId: erin.id, upn: 'erin@contoso.com' },
      { email: 'finn@contoso.com', displayName: 'Finley Frost', objectId: finley.id, upn: 'finn@contoso.com' },
    ]);
  });
});
