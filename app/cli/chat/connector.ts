import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADDRESS_EXPECTED, isAddress } from '../../../rotation/address.js';

export interface LocalUser {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
}

export interface Delivered {
  conversationId: string;
  method: 'POST' | 'PUT';
  activityId: string;
  activity: Record<string, unknown>;
}

/** What a chat session receives on its stream from the connector, one JSON object a line. */
export type ConnectorEvent = { kind: 'hello'; session: string } | { kind: 'delivery'; delivery: Delivered } | { kind: 'sync'; token: string };

/** Each terminal person's personal chat with Rota has this id, whoever opens it (their session or the bot). */
export const personalConversationId = (email: string) => `a:cli-${email.toLowerCase()}`;

/** The Teams account the terminal chat plays for an e-mail: id `29:<email>`, a name from the address unless given. */
export function localAccount(email: string, name?: string): LocalUser {
  const e = email.toLowerCase();
  const local = e.split('@')[0]!;
  return { id: `29:${e}`, name: name ?? local.charAt(0).toUpperCase() + local.slice(1), aadObjectId: `aad-${e}`, email: e };
}

/** The marker GET /local/connector answers with, so a session knows the port holds a Rota chat connector. */
export const CONNECTOR_MARK = 'rota-chat-connector';

interface Session {
  user: LocalUser;
  conversationId: string;
  res: http.ServerResponse;
}

export interface ChatConnector {
  url: string;
  close(): Promise<void>;
}

const newId = () => randomUUID().replace(/-/g, '').slice(0, 16);

/**
 * The terminal chat's local Bot Connector: one service for every chat session on this machine, as Teams has one
 * for every client. The bot posts, replies, updates cards and opens 1:1 chats with the Bot Connector REST shape
 * (POST /v3/conversations, POST /v3/conversations/{id}/activities[/{replyToId}], PUT …/activities/{id}, GET
 * …/members/{id}, GET …/pagedmembers); each activity goes to the sessions of the person whose personal
 * conversation it is addressed to, or is kept until that person opens a session. Anything else (a channel thread)
 * goes to every session. Sessions subscribe with GET /local/stream and receive one JSON event a line.
 */
export async function startChatConnector(port: number): Promise<ChatConnector> {
  const sessions = new Map<string, Session>();
  const waiting = new Map<string, Delivered[]>();
  let url = '';

  const write = (s: Session, event: ConnectorEvent) => s.res.write(`${JSON.stringify(event)}\n`);
  const route = (d: Delivered) => {
    const personal = d.conversationId.startsWith('a:cli-');
    const to = [...sessions.values()].filter((s) => !personal || s.conversationId === d.conversationId);
    if (to.length) return to.forEach((s) => write(s, { kind: 'delivery', delivery: d }));
    if (!personal) return;
    // Nobody has this chat open: keep it (an update replaces the version kept) until its person starts a session.
    const kept = waiting.get(d.conversationId) ?? [];
    const same = kept.findIndex((k) => k.activityId === d.activityId);
    if (same >= 0) kept[same] = { ...kept[same]!, activity: d.activity };
    else kept.push(d);
    waiting.set(d.conversationId, kept);
  };
  const member = (id: string): LocalUser | undefined => {
    const open = [...sessions.values()].find((s) => s.user.id === id);
    if (open) return open.user;
    const email = /^29:([^\s@]+@[^\s@]+)$/.exec(id)?.[1];
    return email ? localAccount(email) : undefined;
  };

  const subscribe = (res: http.ServerResponse, query: URLSearchParams) => {
    const email = query.get('email') ?? '';
    if (!isAddress(email)) return json(res, 400, { error: { code: 'BadArgument', message: `email: ${ADDRESS_EXPECTED}` } });
    const base = localAccount(email, query.get('name') ?? undefined);
    const user = { ...base, ...(query.get('aad') ? { aadObjectId: query.get('aad')! } : {}) };
    const id = newId();
    const session: Session = { user, conversationId: personalConversationId(email), res };
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    sessions.set(id, session);
    write(session, { kind: 'hello', session: id });
    for (const d of waiting.get(session.conversationId) ?? []) write(session, { kind: 'delivery', delivery: d });
    waiting.delete(session.conversationId);
    res.on('close', () => sessions.delete(id));
  };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const [pathname, search] = (req.url ?? '/').split('?');
      const path = decodeURIComponent(pathname!);
      const method = req.method ?? '';
      if (method === 'GET' && path === '/local/connector') return json(res, 200, { service: CONNECTOR_MARK, sessions: sessions.size });
      if (method === 'GET' && path === '/local/stream') return subscribe(res, new URLSearchParams(search ?? ''));
      const sync = /^\/local\/sync\/([^/]+)$/.exec(path);
      if (method === 'POST' && sync) {
        const s = sessions.get(sync[1]!);
        if (!s) return json(res, 404, { error: { code: 'NotFound', message: `no session ${sync[1]}` } });
        const token = newId();
        write(s, { kind: 'sync', token });
        return json(res, 200, { token });
      }
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        return json(res, 400, { error: { code: 'BadArgument', message: 'invalid JSON' } });
      }
      botConnector(method, path, body, res);
    });
  });

  function botConnector(method: string, path: string, body: Record<string, unknown>, res: http.ServerResponse) {
    const one = /^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/.exec(path);
    if (method === 'GET' && one) {
      const user = member(one[1]!);
      return user ? json(res, 200, { ...user, userPrincipalName: user.email, tenantId: 'local-tenant', userRole: 'user' }) : json(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found' } });
    }
    if (method === 'GET' && /^\/v3\/conversations\/[^/]+\/pagedmembers$/.test(path)) {
      const members = [...new Map([...sessions.values()].map((s) => [s.user.id, s.user])).values()];
      return json(res, 200, { members: members.map((m) => ({ ...m, userPrincipalName: m.email, tenantId: 'local-tenant', userRole: 'user' })) });
    }
    if (method === 'POST' && path === '/v3/conversations') {
      const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
      const to = (body.members as Array<{ id?: string }> | undefined)?.[0]?.id;
      const person = to ? member(to) : undefined;
      const activityId = newId();
      const id = channel ? `${channel};messageid=${activityId}` : person ? personalConversationId(person.email) : `a:chat-${activityId}`;
      if (body.activity) route({ conversationId: id, method: 'POST', activityId, activity: body.activity as Record<string, unknown> });
      return json(res, 201, { id, ...(body.activity ? { activityId } : {}), serviceUrl: url });
    }
    const activity = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (activity && (method === 'POST' || method === 'PUT')) {
      const activityId = method === 'PUT' ? activity[2]! : newId();
      route({ conversationId: activity[1]!, method, activityId, activity: body });
      return json(res, 200, { id: activityId });
    }
    json(res, 404, { error: { code: 'NotFound', message: `no route ${method} ${path}` } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        for (const s of sessions.values()) s.res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
