import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { newUser, usersRoute, type StandInUser, type UserOptions } from './users.js';
import { defaultInternalId, teamRoute } from './teams.js';
import { InstalledApps } from './installedApps.js';
import { calendarsRoute, eventsRoute, instantOf, utcDateTime, type Calendar, type CalendarsContext, type Mailbox, type StandInEvent } from './calendars.js';
import { addTagMember, tagsRoute, TENANT, type Tag, type TagsContext } from './tags.js';

/**
 * A loopback stand-in for Microsoft Graph v1.0, for exactly what Rota uses. Shapes follow Microsoft's docs; each
 * resource's routes and the rules they enforce are written in their own file:
 * - Tags and tag members ("Create teamworkTag", "Delete teamworkTag", "… teamworkTagMember"): tags.ts.
 * - Calendars, events and calendar views ("List calendars", "Create event", "List calendarView", extended
 *   properties): calendars.ts; event time zones outside Windows' and the documented list: timeZones.ts.
 * - "Get user" and "List users" (by mail, by proxy address): users.ts. "Get team" and team ids: teams.ts.
 * - "List apps installed for user" / "Install app for user": installedApps.ts.
 * Here:
 * - "Get channel": GET /teams/{team-id}/channels/{channel-id} → {id, displayName, membershipType, …}.
 * - "List group owners": GET /groups/{id}/owners → 200 directoryObject collection (users with @odata.type,
 *   $select honoured, paged); 404 Request_ResourceNotFound for an unknown group. A team's id is its group's id.
 * - The default calendar: "Get calendar" GET /users/{id}/calendar, its calendarView, and "Create event" in it
 *   (POST /users/{id}/events), mapped onto calendars.ts's routes.
 * - "JSON batching": POST /$batch {requests: [{id, method, url, headers?, body?, dependsOn?}]} (≤ 20, else 400)
 *   → 200 {responses: [{id, status, headers, body}]}; a failed dependency is 424; each request is throttled
 *   on its own (429 with Retry-After inside the batch).
 * - "Microsoft Graph error responses": {"error": {"code", "message"}}; paging with @odata.nextLink.
 * Teams are keyed by group id, each with its own thread id (`internalId`).
 */

export type { StandInUser } from './users.js';
export type { StandInEvent } from './calendars.js';
export { instantOf } from './calendars.js';

interface Team {
  id: string;
  /** The Teams thread id ("19:…@thread.tacv2"), distinct from the group id. */
  internalId: string;
  displayName: string;
  memberUserIds: Set<string>;
  ownerUserIds: Set<string>;
  tags: Map<string, Tag>;
  channels: Map<string, { id: string; displayName: string; membershipType: 'standard' | 'private' | 'shared' }>;
}

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

export type Fault =
  | { kind: 'status'; status: 403 | 429 | 500 | 503 | 504; retryAfterSeconds?: number }
  /** Destroys the connection before doing anything. */
  | { kind: 'drop' }
  /** Does the work, then destroys the connection: the client cannot know it succeeded. */
  | { kind: 'dropAfterCommit' }
  /** Does the work, then answers only after `ms` (beyond the client's time-out). */
  | { kind: 'slowAfterCommit'; ms: number };

interface FaultRule {
  match: (method: string, path: string, inBatch: boolean, body: string) => boolean;
  fault: Fault;
  remaining: number;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function graphError(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } } };
}

export interface GraphStandInOptions {
  /** Page size of every collection (small, so paging is exercised). */
  pageSize?: number;
  /** Added to every top-level request. */
  latencyMs?: number;
  /** Called when POST /users/{id}/teamwork/installedApps succeeds (wire it to the connector stand-in's installApp). */
  onAppInstalled?: (userObjectId: string) => void;
}

export class GraphStandIn {
  readonly requests: RecordedRequest[] = [];
  private readonly users = new Map<string, StandInUser>();
  private readonly teams = new Map<string, Team>();
  private readonly mailboxes = new Map<string, Mailbox>();
  private readonly faults: FaultRule[] = [];
  private readonly sockets = new Set<Socket>();
  private server: http.Server | undefined;
  private nextId = 1;
  pageSize: number;
  latencyMs: number;
  url = '';
  /** The app catalog and personal installations (installedApps.ts). */
  readonly installedApps = new InstalledApps(graphError);
  /** What the tag routes (tags.ts) and the calendar routes (calendars.ts) use of this stand-in. */
  private readonly tagsContext: TagsContext = {
    teams: this.teams,
    page: (items, path, query) => this.page(items, path, query),
    newId: (kind) => this.newId(kind),
    displayNameOf: (userId) => this.users.get(userId)!.displayName,
  };
  private readonly calendarsContext: CalendarsContext = { page: (items, path, query) => this.page(items, path, query), newId: (kind) => this.newId(kind) };

  constructor(options: GraphStandInOptions = {}) {
    this.pageSize = options.pageSize ?? 3;
    this.latencyMs = options.latencyMs ?? 0;
    this.installedApps.onAppInstalled = options.onAppInstalled;
  }

  /** Sets (or clears) the hook called after each successful personal installation. */
  set onAppInstalled(hook: ((userObjectId: string) => void) | undefined) {
    this.installedApps.onAppInstalled = hook;
  }

  // ---- seeding and inspection -------------------------------------------------------------------

  /** A user whose mail (default: the UPN) and proxyAddresses (default: `SMTP:` + mail) may differ from the UPN. */
  addUser(upn: string, displayName = upn.split('@')[0]!, options: UserOptions = {}): StandInUser {
    const user = newUser(upn, displayName, options);
    this.users.set(user.id, user);
    this.users.set(upn.toLowerCase(), user);
    return user;
  }

  /**
   * Deletes a user, as an admin would: "Delete a user" moves them to directory/deletedItems ("List deletedItems"),
   * so GET /users/{id} and by UPN answer 404 Request_ResourceNotFound from then on; the UPN is free for someone new.
   */
  removeUser(upnOrId: string): void {
    const user = this.user(upnOrId)!;
    this.users.delete(user.id);
    this.users.delete(user.userPrincipalName.toLowerCase());
  }

  user(upnOrId: string): StandInUser | undefined {
    return this.users.get(upnOrId.toLowerCase()) ?? this.users.get(upnOrId);
  }

  /** A team by its group id (a GUID), with its own thread id; returns the thread id. */
  addTeam(teamId: string, memberUpns: string[], internalId = defaultInternalId(teamId)): string {
    const ids = memberUpns.map((u) => (this.user(u) ?? this.addUser(u)).id);
    this.teams.set(teamId, { id: teamId, internalId, displayName: 'Platform', memberUserIds: new Set(ids), ownerUserIds: new Set(), tags: new Map(), channels: new Map() });
    return internalId;
  }

  addChannel(teamId: string, channelId: string, membershipType: 'standard' | 'private' | 'shared', displayName = 'On call'): void {
    this.teams.get(teamId)!.channels.set(channelId, { id: channelId, displayName, membershipType });
  }

  /** The team's (its group's) owners; owners are members too. */
  setTeamOwners(teamId: string, upns: string[]): void {
    const team = this.teams.get(teamId)!;
    team.ownerUserIds = new Set(upns.map((u) => (this.user(u) ?? this.addUser(u)).id));
    for (const id of team.ownerUserIds) team.memberUserIds.add(id);
  }

  addMailbox(upn: string): void {
    const user = this.user(upn) ?? this.addUser(upn);
    this.mailboxes.set(user.id, { user, calendars: new Map(), events: new Map() });
  }

  /** The UPNs of a tag's members, sorted (undefined when the tag does not exist). */
  tagMembers(teamId: string, displayName: string): string[] | undefined {
    const tag = [...(this.teams.get(teamId)?.tags.values() ?? [])].find((t) => t.displayName === displayName);
    if (!tag) return undefined;
    return [...tag.members.values()].map((m) => this.users.get(m.userId)!.userPrincipalName).sort();
  }

  /** A tag someone made in Teams, before Rota was pointed at it. */
  addTagByHand(teamId: string, displayName: string, memberUpns: string[]): void {
    const team = this.teams.get(teamId)!;
    const tag: Tag = { id: this.newId('tag'), teamId, displayName, description: null, tagType: 'standard', members: new Map() };
    for (const upn of memberUpns) addTagMember(this.tagsContext, tag, this.user(upn)!.id);
    team.tags.set(tag.id, tag);
  }

  /** A hand-made change in Teams: add or remove someone from a tag directly. */
  editTagByHand(teamId: string, displayName: string, change: { add?: string; remove?: string }): void {
    const tag = [...this.teams.get(teamId)!.tags.values()].find((t) => t.displayName === displayName)!;
    if (change.add) {
      const user = this.user(change.add)!;
      const id = this.newId('member');
      tag.members.set(id, { id, userId: user.id, displayName: user.displayName, tenantId: TENANT });
    }
    if (change.remove) {
      const user = this.user(change.remove)!;
      for (const [id, m] of tag.members) if (m.userId === user.id) tag.members.delete(id);
    }
  }

  calendar(mailbox: string, name: string): { id: string; events: StandInEvent[] } | undefined {
    const mb = this.mailbox(mailbox);
    const cal = [...(mb?.calendars.values() ?? [])].find((c) => c.name === name);
    if (!mb || !cal) return undefined;
    const events = [...mb.events.values()].filter((e) => e.calendarId === cal.id).sort((a, b) => instantOf(a.start) - instantOf(b.start));
    return { id: cal.id, events };
  }

  /** An event someone else put into the calendar. */
  addForeignEvent(mailbox: string, calendarName: string, subject: string, start: Date, end: Date): string {
    const mb = this.mailbox(mailbox)!;
    const cal = [...mb.calendars.values()].find((c) => c.name === calendarName)!;
    const id = this.newId('event');
    mb.events.set(id, {
      id,
      calendarId: cal.id,
      subject,
      body: { contentType: 'html', content: '' },
      start: utcDateTime({ dateTime: start.toISOString().slice(0, 19), timeZone: 'UTC' }),
      end: utcDateTime({ dateTime: end.toISOString().slice(0, 19), timeZone: 'UTC' }),
      showAs: 'busy',
      categories: [],
      isReminderOn: true,
      singleValueExtendedProperties: [],
    });
    return id;
  }

  /** Injects a fault into the next `times` requests that match. */
  inject(match: { method?: string; path?: RegExp; inBatch?: boolean; body?: RegExp }, fault: Fault, times = 1): void {
    this.faults.push({
      match: (method, path, inBatch, body) =>
        (!match.method || match.method === method) &&
        (!match.path || match.path.test(path)) &&
        (match.inBatch === undefined || match.inBatch === inBatch) &&
        (!match.body || match.body.test(body)),
      fault,
      remaining: times,
    });
  }

  /** Requests that change something (inside batches or not; the $batch envelope itself is not counted). */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.path !== '/$batch' && r.status < 300);
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

  private takeFault(method: string, path: string, inBatch: boolean, body = ''): Fault | undefined {
    const rule = this.faults.find((f) => f.remaining > 0 && f.match(method, path, inBatch, body));
    if (!rule) return undefined;
    rule.remaining--;
    return rule.fault;
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname.replace(/^\/v1\.0/, '');
    const method = req.method ?? 'GET';
    const fault = this.takeFault(method, path, false, text);
    if (fault?.kind === 'drop') {
      this.requests.push({ method, path, query: Object.fromEntries(url.searchParams), body: undefined, status: 0, inBatch: false });
      req.socket.destroy();
      return;
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return this.send(res, graphError(400, 'BadRequest', 'Unable to read JSON request payload.'));
    }
    let reply: Reply;
    if (fault?.kind === 'status') {
      reply = this.faultReply(fault);
    } else if (path === '/$batch' && method === 'POST') {
      reply = this.batch(body);
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
    this.send(res, reply);
  }

  private faultReply(fault: Extract<Fault, { kind: 'status' }>): Reply {
    const codes = { 403: 'Forbidden', 429: 'TooManyRequests', 500: 'InternalServerError', 503: 'ServiceUnavailable', 504: 'GatewayTimeout' } as const;
    const reply = graphError(fault.status, codes[fault.status], 'Injected by the stand-in.');
    if (fault.retryAfterSeconds !== undefined) reply.headers = { 'Retry-After': String(fault.retryAfterSeconds) };
    return reply;
  }

  private send(res: http.ServerResponse, reply: Reply): void {
    if (res.destroyed) return;
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body !== undefined) headers['Content-Type'] = 'application/json';
    res.writeHead(reply.status, headers);
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private batch(body: unknown): Reply {
    const requests = (body as { requests?: unknown })?.requests;
    if (!Array.isArray(requests)) return graphError(400, 'BadRequest', 'Invalid batch payload: requests is required.');
    if (requests.length > 20) return graphError(400, 'BadRequest', 'The number of batch requests exceeds the limit of 20.');
    const ids = new Set<string>();
    const results = new Map<string, number>();
    const responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: unknown }> = [];
    for (const r of requests as Array<{ id: string; method: string; url: string; body?: unknown; dependsOn?: string[]; headers?: Record<string, string> }>) {
      if (ids.has(String(r.id).toLowerCase())) return graphError(400, 'BadRequest', 'Batch request ids must be unique.');
      ids.add(String(r.id).toLowerCase());
      if (r.body !== undefined && !Object.keys(r.headers ?? {}).some((h) => h.toLowerCase() === 'content-type')) {
        return graphError(400, 'BadRequest', 'Content-Type header is required when a body is given.');
      }
    }
    for (const r of requests as Array<{ id: string; method: string; url: string; body?: unknown; dependsOn?: string[]; headers?: Record<string, string> }>) {
      const url = new URL(r.url.startsWith('/') ? r.url : `/${r.url}`, 'http://stand-in');
      const path = url.pathname;
      let reply: Reply;
      if ((r.dependsOn ?? []).some((d) => (results.get(d) ?? 0) >= 400 || !results.has(d))) {
        reply = graphError(424, 'FailedDependency', 'A request this one depends on failed.');
      } else {
        const fault = this.takeFault(r.method, path, true, JSON.stringify(r.body ?? ''));
        reply = fault?.kind === 'status' ? this.faultReply(fault) : this.route(r.method, path, url.searchParams, r.body, r.headers ?? {});
      }
      results.set(r.id, reply.status);
      this.requests.push({ method: r.method, path, query: Object.fromEntries(url.searchParams), body: r.body, status: reply.status, inBatch: true });
      responses.push({
        id: r.id,
        status: reply.status,
        headers: { ...(reply.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...reply.headers },
        ...(reply.body !== undefined ? { body: reply.body } : {}),
      });
    }
    return { status: 200, body: { responses: responses.reverse() } }; // order is not guaranteed: callers must use ids
  }

  private newId(kind: string): string {
    const id = Buffer.from(`${kind}-${this.nextId++}-${randomUUID()}`).toString('base64').replace(/=+$/, '');
    // Tag and tag-member ids are standard base64 (of "team##user##…"), e.g. "ZmY1ZjdmMjctZDhiNy00MWRkLTk2ZDQtYzcyYmVhMWIw
    // OGYxIyM3ZTVhNGRmZS1kNWNlLTRkOTAtODM4MC04ZDIxM2FkYzYzOGIjI3RiVlVpR01rcg==" (PnP "Get-PnPTeamsTag"; "Get teamworkTag",
    // GET /teams/{team-id}/tags/{teamworkTag-id}), so they may hold '/', '+' and '==': these always do, so a path
    // built without encoding them breaks here (an unencoded '/' splits the path).
    return kind === 'tag' || kind === 'tagmember' || kind === 'member' ? `${id.slice(0, 12)}/${id.slice(12, 20)}+${id.slice(20)}==` : id;
  }

  private mailbox(idOrUpn: string): Mailbox | undefined {
    const user = this.user(decodeURIComponent(idOrUpn));
    return user ? this.mailboxes.get(user.id) : undefined;
  }

  private defaultCalendar(mb: Mailbox): Calendar {
    if (!mb.defaultCalendarId) {
      const cal = { id: this.newId('calendar'), name: 'Calendar' };
      mb.calendars.set(cal.id, cal);
      mb.defaultCalendarId = cal.id;
    }
    return mb.calendars.get(mb.defaultCalendarId)!;
  }

  /** The events of a user's default calendar (their own, "Calendar"), sorted by start. */
  personalEvents(upn: string): StandInEvent[] {
    const mb = this.mailbox(upn);
    if (!mb) return [];
    const id = this.defaultCalendar(mb).id;
    return [...mb.events.values()].filter((e) => e.calendarId === id).sort((a, b) => instantOf(a.start) - instantOf(b.start));
  }

  private page<T>(items: T[], path: string, query: URLSearchParams): Reply {
    const top = Math.min(Number(query.get('$top') ?? this.pageSize) || this.pageSize, this.pageSize);
    const skip = Number(query.get('$skiptoken') ?? 0);
    const value = items.slice(skip, skip + top);
    const body: Record<string, unknown> = { value };
    if (skip + top < items.length) {
      const next = new URLSearchParams(query);
      next.set('$skiptoken', String(skip + top));
      body['@odata.nextLink'] = `${this.url}${path}?${next.toString()}`;
    }
    return { status: 200, body };
  }

  private route(method: string, path: string, query: URLSearchParams, body: unknown, headers: Record<string, string> = {}): Reply {
    const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
    const team = teamRoute(method, seg, query, this.teams);
    if (team) return team;
    const users = usersRoute({ all: () => [...new Set(this.users.values())], byKey: (k) => this.user(k), page: (items, p, q) => this.page(items, p, q) }, method, seg, query, headers);
    if (users) return users;
    if (seg[0] === 'teams' && seg[2] === 'tags') return tagsRoute(this.tagsContext, method, seg, query, body);
    if (seg[0] === 'users' && seg[2] === 'teamwork' && seg[3] === 'installedApps' && seg.length === 4) {
      const user = this.user(seg[1]!);
      return user ? this.installedApps.route(user.id, method, query, body) : graphError(404, 'Request_ResourceNotFound', `Resource '${seg[1]}' does not exist or one of its queried reference-property objects are not present.`);
    }
    if (seg[0] === 'teams' && seg[2] === 'channels' && seg.length === 4 && method === 'GET') {
      // "Get channel": membershipType standard | private | shared; $select narrows the properties.
      const channel = this.teams.get(seg[1]!)?.channels.get(seg[3]!);
      if (!channel) return graphError(404, 'NotFound', 'Channel not found.');
      const select = query.get('$select')?.split(',').map((p) => p.trim());
      return { status: 200, body: select ? Object.fromEntries(Object.entries(channel).filter(([k]) => select.includes(k))) : channel };
    }
    if (seg[0] === 'groups' && seg[2] === 'owners' && seg.length === 3 && method === 'GET') {
      // "List group owners": directoryObjects (users here) with @odata.type; $select narrows the properties.
      const team = this.teams.get(seg[1]!);
      if (!team) return graphError(404, 'Request_ResourceNotFound', `Resource '${seg[1]}' does not exist or one of its queried reference-property objects are not present.`);
      const select = query.get('$select')?.split(',').map((p) => p.trim());
      const owners = [...team.ownerUserIds].map((id) => {
        const u = this.users.get(id)!;
        const full: Record<string, unknown> = { id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName, mail: u.mail };
        const picked = select ? Object.fromEntries(Object.entries(full).filter(([k]) => select.includes(k))) : full;
        return { '@odata.type': '#microsoft.graph.user', ...picked };
      });
      return this.page(owners, `/${seg.map(encodeURIComponent).join('/')}`, query);
    }
    if (seg[0] === 'users' && (seg[2] === 'calendars' || seg[2] === 'events' || seg[2] === 'calendar')) {
      const mb = this.mailbox(seg[1]!);
      if (!mb) return graphError(404, 'ErrorInvalidUser', `The requested user '${seg[1]}' is invalid.`);
      if (seg[2] === 'calendar') {
        // The default calendar: /calendar, /calendar/calendarView, /calendar/events → as /calendars/{its id}/…
        const id = this.defaultCalendar(mb).id;
        if (seg.length === 3 && method === 'GET') return { status: 200, body: { id, name: mb.calendars.get(id)!.name, isDefaultCalendar: true } };
        return calendarsRoute(this.calendarsContext, mb, method, [seg[0]!, seg[1]!, 'calendars', id, ...seg.slice(3)], query, body);
      }
      if (seg[2] === 'events' && seg.length === 3 && method === 'POST') return calendarsRoute(this.calendarsContext, mb, method, [seg[0]!, seg[1]!, 'calendars', this.defaultCalendar(mb).id, 'events'], query, body);
      return seg[2] === 'calendars' ? calendarsRoute(this.calendarsContext, mb, method, seg, query, body) : eventsRoute(mb, method, seg, body);
    }
    return graphError(400, 'BadRequest', `Resource not found for the segment '${seg.at(-1) ?? ''}'.`);
  }
}

function headersOf(headers: http.IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
}
