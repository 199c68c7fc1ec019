import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphStandIn } from '../helpers/graph/GraphStandIn.js';

/** The stand-in's users routes refuse what Graph refuses (test/helpers/graph/users.ts cites the rules). */
describe('Graph stand-in: users known by UPN, mail and proxy addresses', () => {
  let graph: GraphStandIn;
  beforeEach(async () => {
    graph = new GraphStandIn();
    await graph.start();
    graph.addUser('bob.baker@contoso.onmicrosoft.com', 'Bob Baker', { mail: 'bob@contoso.com', proxyAddresses: ['SMTP:bob@contoso.com', 'smtp:bb@contoso.com'] });
  });
  afterEach(() => graph.stop());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${graph.url}${path}`, { headers: { Authorization: 'Bearer x', ...headers } });
    return { status: res.status, body: (await res.json()) as { value?: Array<Record<string, unknown>>; error?: { code: string; message: string } } };
  };
  const filter = (f: string, extra = '') => `/users?$filter=${encodeURIComponent(f)}&$select=userPrincipalName${extra}`;

  it('GET /users/{key} takes an object id or the UPN, never the mail (404 as in Graph)', async () => {
    const id = graph.user('bob.baker@contoso.onmicrosoft.com')!.id;
    expect((await get(`/users/${id}?$select=mail`)).body).toEqual({ mail: 'bob@contoso.com' });
    expect((await get('/users/BOB.BAKER@contoso.onmicrosoft.com?$select=id')).body).toEqual({ id });
    const byMail = await get('/users/bob@contoso.com');
    expect([byMail.status, byMail.body.error?.code]).toEqual([404, 'Request_ResourceNotFound']);
  });

  it.each([
    ["mail eq 'bob@contoso.com'", ['bob.baker@contoso.onmicrosoft.com']],
    ["mail eq 'BOB@Contoso.com'", ['bob.baker@contoso.onmicrosoft.com']],
    ["mail eq 'bb@contoso.com'", []],
    ["proxyAddresses/any(x:x eq 'smtp:bb@contoso.com')", ['bob.baker@contoso.onmicrosoft.com']],
    ["proxyAddresses/any(x:x eq 'smtp:bob@contoso.com')", ['bob.baker@contoso.onmicrosoft.com']],
    ["proxyAddresses/any(x:x eq 'smtp:bob.baker@contoso.onmicrosoft.com')", []],
  ])('%s → %j', async (f, upns) => {
    const res = await get(filter(f));
    expect([res.status, res.body.value?.map((u) => u.userPrincipalName)]).toEqual([200, upns]);
  });

  it.each([
    ["endsWith(mail,'@contoso.com')", 'endsWith'],
    ["mail ne 'bob@contoso.com'", 'ne'],
    ["not(mail eq 'bob@contoso.com')", 'not'],
  ])('%s needs the advanced query parameters: 400 Request_UnsupportedQuery without them', async (f, operator) => {
    const res = await get(filter(f));
    expect([res.status, res.body.error?.code]).toEqual([400, 'Request_UnsupportedQuery']);
    expect(res.body.error?.message).toBe(
      `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
    );
  });

  it('refuses a filter Rota does not send, and a lone quote is a syntax error', async () => {
    const other = await get(filter("displayName eq 'Bob Baker'"));
    expect([other.status, other.body.error?.code]).toEqual([400, 'Request_UnsupportedQuery']);
    const advancedButUnsupported = await get(filter("endsWith(mail,'@contoso.com')", '&$count=true'), { ConsistencyLevel: 'eventual' });
    expect([advancedButUnsupported.status, advancedButUnsupported.body.error?.message]).toEqual([
      400,
      "Unsupported or invalid query filter clause specified for resource 'User' (the stand-in evaluates only the filters Rota sends): endsWith(mail,'@contoso.com')",
    ]);
    const quote = await get(filter("mail eq 'pat.o'brien@contoso.com'"));
    expect([quote.status, quote.body.error?.code]).toEqual([400, 'BadRequest']);
  });

  it("a team owner's mail is the user's, not their UPN", async () => {
    graph.addTeam('5f0c3e7a-2b1d-4c8e-9a6f-0d1e2f3a4b5c', []);
    graph.setTeamOwners('5f0c3e7a-2b1d-4c8e-9a6f-0d1e2f3a4b5c', ['bob.baker@contoso.onmicrosoft.com']);
    const res = await get('/groups/5f0c3e7a-2b1d-4c8e-9a6f-0d1e2f3a4b5c/owners?$select=userPrincipalName,mail');
    expect(res.body.value).toEqual([{ '@odata.type': '#microsoft.graph.user', userPrincipalName: 'bob.baker@contoso.onmicrosoft.com', mail: 'bob@contoso.com' }]);
  });
});
