import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { batchReply } from './batch.js';
import { channelRoute } from './channels.js';
import { faultReply, Faults, type Fault, type FaultMatch } from './faults.js';
import { mailboxRoute } from './mailboxes.js';
import { ownersRoute } from './owners.js';
import { graphError, headersOf, pageOf, sendReply, type Reply } from './replies.js';
import { tagsRoute } from './tags.js';
import { scheduleRoute } from './schedule.js';
import { teamRoute } from './teams.js';
import { GraphTenant } from './tenant.js';
import { usersRoute } from './users.js';

/**
 * A loopback stand-in for Microsoft Graph v1.0, for exactly what Rota uses. Shapes follow Microsoft's docs; each
 * resource's routes and the rules they enforce are written in their own file:
 * - Tags and tag members ("Create teamworkTag", "Delete teamworkTag", "… teamworkTagMember"): tags.ts; tags made
 *   and edited by hand in Teams: tagsByHand.ts.
 * - Calendars, events and calendar views ("List calendars", "Create event", "List calendarView", extended
 *   properties): calendars.ts; event time zones outside Windows' and the documented list: timeZones.ts; the
 *   default calendar ("Get calendar", POST /users/{id}/events): mailboxes.ts.
 * - "Get user" and "List users" (by mail, by proxy address): users.ts. "Get team" and team ids: teams.ts.
 *   "Get channel": channels.ts. "List group owners": owners.ts.
 * - "List apps installed for user" / "Install app for user": installedApps.ts.
 * - "calendar: getSchedule" (free/busy, out of office; its limits): schedule.ts.
 * - "JSON batching" (POST /$batch): batch.ts. Error responses and paging (@odata.nextLink): replies.ts. Injected
 *   faults (throttling, dropped connections, slow answers): faults.ts.
 * - What the tenant holds and how a test seeds it (users, teams, mailboxes, tags by hand): tenant.ts.
 * Here: the server and its request log. A request without a Bearer token is 401 InvalidAuthenticationToken, a
 * body that is not JSON 400 BadRequest, any path no resource knows 400 BadRequest.
 */

export type { StandInUser } from './users.js';
export type { StandInEvent } from './calendars.js';
export { instantOf } from './calendars.js';
export type { Fault } from './faults.js';

export interface RecordedRequest {
  method: string;
  /** Path without the version prefix, e.g. /teams/t1/tags. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** True for a request that arrived inside a $batch. */
  inBatch: boolean;
}

export interface GraphStandInOptions {
  /** Page size of every collection (small, so paging is exercised). */
  pageSize?: number;
  /** Added to every top-level request. */
  latencyMs?: number;
  /** Called when POST /users/{id}/teamwork/installedApps succeeds (wire it to the connector stand-in's installApp). */
  onAppInstalled?: (userObjectId: string) => void;
}

export class GraphStandIn extends GraphTenant {
  readonly requests: RecordedRequest[] = [];
  private readonly faults = new Faults();
  private readonly sockets = new Set<Socket>();
  private server: http.Server | undefined;
  pageSize: number;
  latencyMs: number;
  url = '';

  constructor(options: GraphStandInOptions = {}) {
    super();
    this.pageSize = options.pageSize ?? 3;
    this.latencyMs = options.latencyMs ?? 0;
    this.installedApps.onAppInstalled = options.onAppInstalled;
  }

  /** Injects a fault into the next `times` requests that match. */
  inject(match: FaultMatch, fault: Fault, times = 1): void {
    this.faults.add(match, fault, times);
  }

  /** Requests that change something (inside batches or not; the $batch envelope itself is not counted; getSchedule is a POST that reads). */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.path !== '/$batch' && !r.path.endsWith('/calendar/getSchedule') && r.status < 300);
  }

  /** HTTP requests that reached the server (a $batch counts once). */
  httpRequests(): RecordedRequest[] {
    return this.requests.filter((r) => !r.inBatch);
  }

  clearLog(): void {
    this.requests.length = 0;
  }

  // ---- server -----------------------------------------------------------------------------------

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.onRequest(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/v1.0`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname.replace(/^\/v1\.0/, '');
    const method = req.method ?? 'GET';
    const fault = this.faults.take(method, path, false, text);
    if (fault?.kind === 'drop') {
      this.requests.push({ method, path, query: Object.fromEntries(url.searchParams), body: undefined, status: 0, inBatch: false });
      req.socket.destroy();
      return;
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return sendReply(res, graphError(400, 'BadRequest', 'Unable to read JSON request payload.'));
    }
    let reply: Reply;
    if (fault?.kind === 'status') {
      reply = faultReply(fault);
    } else if (path === '/$batch' && method === 'POST') {
      reply = batchReply({ faults: this.faults, route: (...r) => this.route(...r), record: (r) => this.requests.push({ ...r, inBatch: true }) }, body);
    } else if (!req.headers.authorization?.startsWith('Bearer ')) {
      reply = graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    } else {
      reply = this.route(method, path, url.searchParams, body, headersOf(req.headers));
    }
    this.requests.push({ method, path, query: Object.fromEntries(url.searchParams), body, status: reply.status, inBatch: false });
    if (fault?.kind === 'dropAfterCommit') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'slowAfterCommit') await new Promise((r) => setTimeout(r, fault.ms));
    sendReply(res, reply);
  }

  protected page<T>(items: T[], path: string, query: URLSearchParams): Reply {
    return pageOf(items, path, query, this.pageSize, this.url);
  }

  /** Each resource's routes in turn (the first that knows the path answers); Graph's 400 for any other path. */
  private route(method: string, path: string, query: URLSearchParams, body: unknown, headers: Record<string, string> = {}): Reply {
    const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
    const page = (items: unknown[], p: string, q: URLSearchParams) => this.page(items, p, q);
    const reply =
      teamRoute(method, seg, query, this.teams) ??
      usersRoute({ all: () => [...new Set(this.users.values())], byKey: (k) => this.user(k), page }, method, seg, query, headers) ??
      (seg[0] === 'teams' && seg[2] === 'tags' ? tagsRoute(this.tagsContext, method, seg, query, body) : undefined) ??
      this.installedAppsRoute(method, seg, query, body) ??
      channelRoute(method, seg, query, this.teams) ??
      ownersRoute({ teams: this.teams, userById: (id) => this.users.get(id)!, page }, method, seg, query) ??
      scheduleRoute({ user: (k) => this.user(k), hasMailbox: (k) => this.mailbox(k) !== undefined, eventsOf: (a) => this.eventsByAddress(a) }, method, seg, body) ??
      mailboxRoute(this.calendarsContext, (key) => this.mailbox(key), method, seg, query, body);
    return reply ?? graphError(400, 'BadRequest', `Resource not found for the segment '${seg.at(-1) ?? ''}'.`);
  }

  /** "List apps installed for user" / "Install app for user" (installedApps.ts), for a user Graph knows. */
  private installedAppsRoute(method: string, seg: string[], query: URLSearchParams, body: unknown): Reply | undefined {
    if (!(seg[0] === 'users' && seg[2] === 'teamwork' && seg[3] === 'installedApps' && seg.length === 4)) return undefined;
    const user = this.user(seg[1]!);
    return user ? this.installedApps.route(user.id, method, query, body) : graphError(404, 'Request_ResourceNotFound', `Resource '${seg[1]}' does not exist or one of its queried reference-property objects are not present.`);
  }
}
