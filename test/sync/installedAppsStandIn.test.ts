import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphStandIn } from '../helpers/graph/GraphStandIn.js';
import { startStandIn } from './syncHarness.js';

/** The Graph stand-in refuses what "Install app for user" refuses, so Rota's calls cannot drift from Graph's. */
describe('Graph stand-in: /users/{id}/teamwork/installedApps', () => {
  let graph: GraphStandIn;
  let userId: string;
  let hooked: string[];
  const BIND = 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/catalog-1';
  beforeEach(async () => {
    hooked = [];
    graph = await startStandIn({ users: ['bob@contoso.com'], team: [] });
    graph.onAppInstalled = (id) => hooked.push(id);
    graph.installedApps.publish({ id: 'catalog-1', externalId: 'manifest-1', displayName: 'Rota' });
    userId = graph.user('bob@contoso.com')!.id;
  });
  afterEach(() => graph.stop());

  const call = async (method: string, user: string, body?: unknown, query = '') => {
    const res = await fetch(`${graph.url}/users/${encodeURIComponent(user)}/teamwork/installedApps${query}`, {
      method,
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as { value?: unknown[]; error?: { code: string } }) : undefined };
  };

  it('installs (201, no body), calls the hook once, and answers 409 the second time', async () => {
    expect(await call('POST', userId, { 'teamsApp@odata.bind': BIND })).toEqual({ status: 201, body: undefined });
    expect(hooked).toEqual([userId]);
    expect((await call('POST', 'bob@contoso.com', { 'teamsApp@odata.bind': BIND })).status).toBe(409);
    expect(hooked).toEqual([userId]);
  });

  it.each([
    [{}, 400],
    [{ teamsApp: 'catalog-1' }, 400],
    [{ 'teamsApp@odata.bind': 'catalog-1' }, 400],
    [{ 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/manifest-1' }, 404], // the manifest id is not the catalog id
  ])('refuses %j with %i and installs nothing', async (body, status) => {
    expect((await call('POST', userId, body)).status).toBe(status);
    expect(hooked).toEqual([]);
    expect(graph.installedApps.isInstalled(userId, 'catalog-1')).toBe(false);
  });

  it('lists installations filtered on the manifest id; teamsApp only with $expand; an unknown user is 404', async () => {
    const filter = `?$filter=${encodeURIComponent("teamsApp/externalId eq 'manifest-1'")}`;
    expect((await call('GET', userId, undefined, filter)).body).toEqual({ value: [] });
    await call('POST', userId, { 'teamsApp@odata.bind': BIND });
    const plain = (await call('GET', userId, undefined, filter)).body!.value as Array<Record<string, unknown>>;
    expect(plain).toHaveLength(1);
    expect(plain[0]).not.toHaveProperty('teamsApp');
    expect(plain[0]!.id).not.toBe('catalog-1'); // an installation's id is not the app's
    const expanded = (await call('GET', userId, undefined, `${filter}&$expand=teamsApp`)).body!.value as Array<{ teamsApp: { id: string; externalId: string } }>;
    expect(expanded[0]!.teamsApp).toMatchObject({ id: 'catalog-1', externalId: 'manifest-1' });
    expect((await call('GET', userId, undefined, `?$filter=${encodeURIComponent("teamsApp/displayName eq 'Rota'")}`)).status).toBe(400);
    expect((await call('GET', 'nobody@contoso.com')).status).toBe(404);
  });
});
