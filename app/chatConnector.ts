import http from 'node:http';
import type { AddressInfo } from 'node:net';

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

/**
 * A small local Bot Connector endpoint for the terminal chat: it receives what the bot sends (replies, proactive
 * posts, card updates, new conversations) and answers the member look-ups (GET …/members/{id}) from a local roster.
 */
export async function startChatConnector(roster: Map<string, LocalUser>, onActivity: (d: Delivered) => void): Promise<{ url: string; close(): Promise<void> }> {
  let next = 1;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const path = decodeURIComponent(req.url ?? '/');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        return send(400, { error: { code: 'BadArgument', message: 'invalid JSON' } });
      }
      const member = /^\/v3\/conversations\/[^/]+\/members\/(.+)$/.exec(path);
      if (req.method === 'GET' && member) {
        const user = roster.get(member[1]!);
        return user ? send(200, { ...user, userPrincipalName: user.email }) : send(404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
      }
      if (req.method === 'POST' && path === '/v3/conversations') {
        const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
        const id = channel ? `${channel};messageid=${next}` : `a:chat-${next}`;
        const activityId = `m${next++}`;
        if (body.activity) onActivity({ conversationId: id, method: 'POST', activityId, activity: body.activity as Record<string, unknown> });
        return send(201, { id, activityId });
      }
      const activity = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      if (activity && (req.method === 'POST' || req.method === 'PUT')) {
        const activityId = req.method === 'PUT' ? activity[2]! : `m${next++}`;
        onActivity({ conversationId: activity[1]!, method: req.method, activityId, activity: body });
        return send(200, { id: activityId });
      }
      send(404, { error: { code: 'NotFound', message: `no route ${req.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
