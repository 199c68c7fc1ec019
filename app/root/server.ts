import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import { BodyError, readActivity, toBotRequest, toBotResponse } from '../../bot/httpBridge.js';
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

/** Rota's routes, as a request listener for a server that is already listening (see `bindServer`). */
export function httpRoutes({ adapter, bot, health, log }: ServerOptions): http.RequestListener {
  return (req, res) => {
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
        const body = await readActivity(req);
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
  };
}

export function createHttpServer(options: ServerOptions): http.Server {
  return http.createServer(httpRoutes(options));
}

/** The port cannot be had (in use by another process, or privileged); the message names it and what to do. */
export class ListenError extends Error {
  constructor(
    readonly port: number,
    readonly host: string,
    readonly code: string | undefined,
  ) {
    super(
      code === 'EADDRINUSE'
        ? `port ${port} on ${host} is already in use (is another Rota running?); stop it or set PORT to a free port`
        : `cannot listen on ${host}:${port} (${code ?? 'unknown error'}); set PORT and HOST to an address this process may use`,
    );
    this.name = 'ListenError';
  }
}

export async function listen(server: http.Server, port: number, host: string): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    const refuse = (err: NodeJS.ErrnoException) => reject(new ListenError(port, host, err.code));
    server.once('error', refuse);
    server.listen(port, host, () => {
      server.off('error', refuse);
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

export interface BoundServer extends RunningServer {
  /** From now on requests get these routes; until then every request is answered 503 "starting". */
  serve(routes: http.RequestListener): void;
}

/**
 * Takes the port before anything else happens, so a second Rota on a busy port stops before it opens, migrates or
 * writes the database.
 */
export async function bindServer(port: number, host: string): Promise<BoundServer> {
  let routes: http.RequestListener = (_req, res) => json(res, 503, { status: 'starting' });
  const running = await listen(
    http.createServer((req, res) => routes(req, res)),
    port,
    host,
  );
  return { ...running, serve: (r) => void (routes = r) };
}
