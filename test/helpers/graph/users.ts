import { randomUUID } from 'node:crypto';

/**
 * The users routes of the Graph stand-in, as Microsoft's docs describe them:
 * - "Get user" (https://learn.microsoft.com/graph/api/user-get): GET /users/{id | userPrincipalName} → 200, or 404
 *   Request_ResourceNotFound. A mail or proxy address that is not the UPN is NOT a key: 404, as in Graph.
 * - "List users" (https://learn.microsoft.com/graph/api/user-list): GET /users?$filter=… with $select and $top. Only
 *   the two forms Rota sends are evaluated: `mail eq '…'` and `proxyAddresses/any(x:x eq '…')`. Both are marked
 *   "Default" (no advanced query parameters) in the property table of "Advanced query capabilities on Microsoft
 *   Entra ID objects" (https://learn.microsoft.com/graph/aad-advanced-queries).
 * - The same page: `ne`, `not`, `endsWith` and `/$count` inside a filter need the advanced query parameters
 *   (`ConsistencyLevel: eventual` header and `$count=true`); without them Graph answers 400 Request_UnsupportedQuery
 *   "… Try adding $count=true query parameter and ConsistencyLevel:eventual header". In a $batch the header goes in
 *   each request's own `headers`. Any other filter is refused with 400 Request_UnsupportedQuery (Rota must not
 *   start relying on something the stand-in does not check).
 * - "Use query parameters to customize responses", Escaping single quotes: a quote inside a string literal is
 *   doubled (`'let''s meet'`); a lone quote is a syntax error (400 BadRequest, "Invalid filter clause").
 * - proxyAddresses (user resource): `SMTP:` marks the primary address, `smtp:` the aliases. Directory string
 *   comparisons are taken to be case-blind, prefix included (the B2B invitation guidance looks up
 *   `proxyAddresses/any(x:x eq 'SMTP:{0}')` to find any existing address): a guess where the docs are silent.
 */

export interface StandInUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  /** May differ from the UPN, or be null (no mailbox). */
  mail: string | null;
  /** `SMTP:primary`, `smtp:alias`, … */
  proxyAddresses: string[];
}

export interface UserOptions {
  mail?: string | null;
  proxyAddresses?: string[];
}

/** A user as Graph holds one: mail defaults to the UPN, proxyAddresses to the primary SMTP address. */
export function newUser(upn: string, displayName: string, options: UserOptions = {}): StandInUser {
  const mail = options.mail === undefined ? upn : options.mail;
  return { id: randomUUID(), userPrincipalName: upn, displayName, mail, proxyAddresses: options.proxyAddresses ?? (mail ? [`SMTP:${mail}`] : []) };
}

interface Reply {
  status: number;
  body?: unknown;
}

function graphError(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } } };
}

export interface UsersContext {
  /** Every user once (not once per key). */
  all: () => StandInUser[];
  /** By object id or UPN (any case). */
  byKey: (idOrUpn: string) => StandInUser | undefined;
  page: (items: unknown[], path: string, query: URLSearchParams) => Reply;
}

const LITERAL = "'((?:[^']|'')*)'";
const MAIL_EQ = new RegExp(`^mail eq ${LITERAL}$`, 'i');
const PROXY_EQ = new RegExp(`^proxyAddresses/any\\((\\w+):\\s*\\1 eq ${LITERAL}\\)$`, 'i');
const ADVANCED = /\b(ne|not|endsWith)\b|\/\$count/i;

/** GET /users/{key} and GET /users?$filter=…; undefined for any other users path (calendars are the stand-in's). */
export function usersRoute(ctx: UsersContext, method: string, seg: string[], query: URLSearchParams, headers: Record<string, string>): Reply | undefined {
  if (seg[0] !== 'users' || method !== 'GET' || seg.length > 2) return undefined;
  const select = query.get('$select')?.split(',').map((p) => p.trim());
  const shown = (u: StandInUser) => {
    const { id, userPrincipalName, displayName, mail, proxyAddresses } = u;
    const full: Record<string, unknown> = { id, userPrincipalName, displayName, mail, proxyAddresses };
    return select ? Object.fromEntries(Object.entries(full).filter(([k]) => select.includes(k))) : full;
  };
  if (seg.length === 2) {
    const user = ctx.byKey(seg[1]!);
    return user ? { status: 200, body: shown(user) } : graphError(404, 'Request_ResourceNotFound', `Resource '${seg[1]}' does not exist or one of its queried reference-property objects are not present.`);
  }
  const filter = query.get('$filter');
  if (filter === null) return ctx.page(ctx.all().map(shown), '/users', query);
  const matched = evaluate(filter.trim(), ctx.all(), query, headers);
  return 'status' in matched ? matched : ctx.page(matched.users.map(shown), '/users', query);
}

function evaluate(filter: string, users: StandInUser[], query: URLSearchParams, headers: Record<string, string>): Reply | { users: StandInUser[] } {
  const unquote = (s: string) => s.replace(/''/g, "'").toLowerCase();
  const mail = MAIL_EQ.exec(filter);
  if (mail) return { users: users.filter((u) => u.mail?.toLowerCase() === unquote(mail[1]!)) };
  const proxy = PROXY_EQ.exec(filter);
  if (proxy) return { users: users.filter((u) => u.proxyAddresses.some((p) => p.toLowerCase() === unquote(proxy[2]!))) };
  if ((filter.replace(/''/g, '').match(/'/g) ?? []).length % 2 === 1) return graphError(400, 'BadRequest', `Invalid filter clause: syntax error in '${filter}'.`);
  const advanced = ADVANCED.exec(filter);
  const consistency = Object.entries(headers).find(([k]) => k.toLowerCase() === 'consistencylevel')?.[1];
  if (advanced && (consistency !== 'eventual' || query.get('$count') !== 'true')) {
    return graphError(
      400,
      'Request_UnsupportedQuery',
      `Operator '${advanced[0]}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
    );
  }
  return graphError(400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified for resource 'User' (the stand-in evaluates only the filters Rota sends): ${filter}`);
}
