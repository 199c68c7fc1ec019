import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import { BodyError, readJsonBody, toBotRequest, toBotResponse } from '../bot/httpBridge.js';
import type { Logger } from './logger.js';

export interface Health {
  database: boolean;
  scheduler: boolean;
}

export interface ServerOptions {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  health: () => Promise<Health>;
  log: Logger;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting, lets requests in flight finish, then resolves. */
  close(): Promise<void>;
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

export function createHttpServer({ adapter, bot, health, log }: ServerOptions): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method} ${url.pathname}`;
    const handle = async (): Promise<void> => {
      if (route === 'GET /healthz') {
        const h = await health();
        const up = h.database && h.scheduler;
        return json(res, up ? 200 : 503, {
          status: up ? 'ok' : 'degraded',
          database: h.database ? 'up' : 'down',
          scheduler: h.scheduler ? 'up' : 'down',
        });
      }
      if (url.pathname === '/api/messages') {
        if (req.method !== 'POST') {
          res.setHeader('allow', 'POST');
          return json(res, 405, { error: 'use POST for /api/messages' });
        }
        const body = await readJsonBody(req);
        return adapter.process(toBotRequest(req, body), toBotResponse(res), (context) => bot.run(context));
      }
      return json(res, 404, { error: `no route for ${route}` });
    };
    handle().catch((err: unknown) => {
      if (err instanceof BodyError) return json(res, err.status, { error: err.message });
      log.error({ err, route }, 'request failed');
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
}

export async function listen(server: http.Server, port: number, host: string): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
