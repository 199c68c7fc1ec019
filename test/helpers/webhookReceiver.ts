import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got, with whether its signature checked out against the receiver's own copy of the secret. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
  signed: boolean;
}

/** What the receiver answers next: a status (and headers), or `hold` until the test releases it (a slow receiver). */
export type Answer = { status: number; headers?: Record<string, string> } | 'hold';

/**
 * A webhook receiver on loopback, as a Power Automate flow or any endpoint would be: it checks `X-Rota-Signature`
 * the way the README tells receivers to (HMAC-SHA256 of "<t>.<body>" with the shared secret, compared in constant
 * time), answers from a queue (200 once the queue is empty), and can hold an answer to play a slow receiver.
 */
export async function webhookReceiver(secret: string | undefined): Promise<{
  url: string;
  received: Received[];
  answers: Answer[];
  release(): void;
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const answers: Answer[] = [];
  const held: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ path: req.url ?? '', headers: req.headers, body, json: JSON.parse(body) as Record<string, unknown>, signed: verify(secret, req.headers['x-rota-signature'], body) });
      const answer = answers.shift() ?? { status: 200 };
      if (answer === 'hold') held.push(() => res.writeHead(200).end());
      else res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/rota?sig=not-for-logs`,
    received,
    answers,
    release: () => held.splice(0).forEach((f) => f()),
    close: () => new Promise<void>((resolve) => {
      held.splice(0).forEach((f) => f());
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The README's verification: `t=<seconds>,v1=<hex>`; v1 must equal HMAC-SHA256(secret, "<t>.<body>"). */
function verify(secret: string | undefined, header: string | string[] | undefined, body: string): boolean {
  if (!secret || typeof header !== 'string') return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
