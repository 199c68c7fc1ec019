import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { newUser, usersRoute, type StandInUser, type UserOptions } from './users.js';
import { defaultInternalId, teamRoute } from './teams.js';
import { InstalledApps } from './installedApps.js';
import { refusedTimeZone, supportedZone, timeZoneRefusal } from './timeZones.js';

/**
 * A loopback stand-in for Microsoft Graph v1.0, for exactly what Rota uses. Shapes follow Microsoft's docs:
 * - "Create teamworkTag": POST /teams/{team-id}/tags {displayName (≤ 40 chars), members: [{userId}]} → 201.
 * - "Delete teamworkTag": DELETE /teams/{team-id}/tags/{teamworkTag-id} → 204 (permanent).
 * - "List members in a teamworkTag" / "Create teamworkTagMember" (POST {userId} → 201) /
 *   "Delete teamworkTagMember" (DELETE …/members/{teamworkTagMember-id} → 204). Member ids are not user ids.
 * - "Get channel": GET /teams/{team-id}/channels/{channel-id} → {id, displayName, membershipType, …}.
 * - "List group owners": GET /groups/{id}/owners → 200 directoryObject collection (users with @odata.type,
 *   $select honoured, paged); 404 Request_ResourceNotFound for an unknown group. A team's id is its group's id.
 * - "Get user" and "List users" (by mail, by proxy address): see ./users.ts.
 * - "List calendars" / "Create calendar": /users/{id}/calendars, POST {name} → 201.
 * - "List events" GET /users/{id}/calendars/{id}/events, "Create event" POST → 201, "Update event"
 *   PATCH /users/{id}/events/{id} → 200, "Delete event" → 204; start/end come back in UTC (no Prefer header).
 * - "List calendarView": GET /users/{id}/calendars/{id}/calendarView (or /users/{id}/calendar/calendarView, the
 *   default calendar) with required startDateTime and endDateTime (else 400 ErrorInvalidParameter): the events
 *   that end after startDateTime and begin before endDateTime. "Get calendar": GET /users/{id}/calendar.
 *   "Create event" in the default calendar: POST /users/{id}/events. A plain events list takes no date $filter
 *   here (only the extended-property form below), as Rota must not rely on one.
 * - "Get singleValueLegacyExtendedProperty": $filter=singleValueExtendedProperties/Any(ep: ep/id eq '…' and
 *   ep/value eq '…') and $expand=singleValueExtendedProperties($filter=id eq '…').
 * - "JSON batching": POST /$batch {requests: [{id, method, url, headers?, body?, dependsOn?}]} (≤ 20, else 400)
 *   → 200 {responses: [{id, status, headers, body}]}; a failed dependency is 424; each request is throttled
 *   on its own (429 with Retry-After inside the batch).
 * - "Microsoft Graph error responses": {"error": {"code", "message"}}; paging with @odata.nextLink.
 * - Event time zones outside Windows' and the documented list: 400 TimeZoneNotSupportedException (timeZones.ts).
 * - "List apps installed for user" / "Install app for user": /users/{id}/teamwork/installedApps (installedApps.ts).
 * Not in the docs, so a guess: adding a user who is not in the team to a tag is a 400 BadRequest.
 * Teams are keyed by group id, each with its own thread id (`internalId`); "Get team" and the refusal of a team id
 * that is not a GUID are in teams.ts.
 */

export type { StandInUser } from './users.js';

interface TagMember {
  id: string;
  userId: string;
  displayName: string;
  tenantId: string;
}
interface Tag {
  id: string;
  teamId: string;
  displayName: string;
  description: string | null;
  tagType: 'standard';
  members: Map<string, TagMember>;
}
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
interface ExtendedProperty {
  id: string;
  value: string;
}
export interface StandInEvent {
  id: string;
  calendarId: string;
  subject: string;
  body: { contentType: string; content: string };
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  showAs: string;
  categories: string[];
  isReminderOn: boolean;
  singleValueExtendedProperties: ExtendedProperty[];
}
interface Calendar {
  id: string;
  name: string;
}
interface Mailbox {
  user: StandInUser;
  calendars: Map<string, Calendar>;
  events: Map<string, StandInEvent>;
  /** The user's default calendar ("Calendar"), made when first used. */
  defaultCalendarId?: string;
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

const TENANT = 'bbbbbbbb-0000-4000-8000-000000000001';

function graphError(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } } };
}

/** Graph answers dateTimes as "2026-03-02T11:00:00.0000000" in UTC unless asked otherwise. */
function utcDateTime(value: { dateTime: string; timeZone: string }): { dateTime: string; timeZone: string } {
  const instant = instantOf(value);
  return { dateTime: new Date(instant).toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$10000'), timeZone: 'UTC' };
}

/** The instant of a dateTimeTimeZone in a zone Graph supports (timeZones.ts), Windows names included. */
export function instantOf(value: { dateTime: string; timeZone: string }): number {
  const local = value.dateTime.replace(/\.\d+$/, '');
  const timeZone = supportedZone(value.timeZone) ?? value.timeZone;
  if (timeZone === 'UTC') return Date.parse(`${local}Z`);
  // Find the offset of the zone at that wall-clock time by two passes of Intl.
  const guess = Date.parse(`${local}Z`);
  const offsetAt = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(t);
    const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - t;
  };
  const first = guess - offsetAt(guess);
  return guess - offsetAt(first);
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
    for (const upn of memberUpns) this.addTagMember(tag, this.user(upn)!.id);
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
    if (seg[0] === 'teams' && seg[2] === 'tags') return this.tags(method, seg, query, body);
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
        return this.calendars(mb, method, [seg[0]!, seg[1]!, 'calendars', id, ...seg.slice(3)], query, body);
      }
      if (seg[2] === 'events' && seg.length === 3 && method === 'POST') return this.calendars(mb, method, [seg[0]!, seg[1]!, 'calendars', this.defaultCalendar(mb).id, 'events'], query, body);
      return seg[2] === 'calendars' ? this.calendars(mb, method, seg, query, body) : this.events(mb, method, seg, body);
    }
    return graphError(400, 'BadRequest', `Resource not found for the segment '${seg.at(-1) ?? ''}'.`);
  }

  private tags(method: string, seg: string[], query: URLSearchParams, body: unknown): Reply {
    const team = this.teams.get(seg[1]!);
    if (!team) return graphError(404, 'NotFound', `No team found with Group Id ${seg[1]}`);
    const path = `/${seg.map(encodeURIComponent).join('/')}`;
    if (seg.length === 3) {
      if (method === 'GET') return this.page([...team.tags.values()].map(tagJson), path, query);
      if (method === 'POST') {
        const b = body as { displayName?: unknown; description?: unknown; members?: Array<{ userId?: unknown }> };
        if (typeof b?.displayName !== 'string' || !b.displayName) return graphError(400, 'BadRequest', 'displayName is required.');
        if (b.displayName.length > 40) return graphError(400, 'BadRequest', 'Tag displayName cannot be longer than 40 characters.');
        if (!Array.isArray(b.members) || b.members.length === 0) return graphError(400, 'BadRequest', 'A tag must have at least one member.');
        if (b.members.length > 25) return graphError(400, 'BadRequest', 'A tag can be created with at most 25 members.');
        if ([...team.tags.values()].some((t) => t.displayName.toLowerCase() === b.displayName!.toString().toLowerCase())) {
          return graphError(409, 'Conflict', 'A tag with the same name already exists.');
        }
        const bad = b.members.find((m) => typeof m.userId !== 'string' || !team.memberUserIds.has(m.userId));
        if (bad) return notInTeam(String(bad.userId));
        const tag: Tag = { id: this.newId('tag'), teamId: team.id, displayName: b.displayName, description: typeof b.description === 'string' ? b.description : null, tagType: 'standard', members: new Map() };
        for (const m of b.members) this.addTagMember(tag, String(m.userId));
        team.tags.set(tag.id, tag);
        return { status: 201, body: tagJson(tag) };
      }
    }
    const tag = team.tags.get(seg[3]!);
    if (!tag) return graphError(404, 'NotFound', 'Tag not found.');
    if (seg.length === 4 && method === 'GET') return { status: 200, body: tagJson(tag) };
    if (seg.length === 4 && method === 'DELETE') {
      team.tags.delete(tag.id); // "Delete teamworkTag": permanent, 204 No Content
      return { status: 204 };
    }
    if (seg[4] !== 'members') return graphError(405, 'MethodNotAllowed', 'Method not allowed.');
    if (seg.length === 5 && method === 'GET') return this.page([...tag.members.values()], path, query);
    if (seg.length === 5 && method === 'POST') {
      const userId = (body as { userId?: unknown })?.userId;
      if (typeof userId !== 'string') return graphError(400, 'BadRequest', 'userId is required.');
      if (!team.memberUserIds.has(userId)) return notInTeam(userId);
      if ([...tag.members.values()].some((m) => m.userId === userId)) return graphError(409, 'Conflict', 'The user is already a member of the tag.');
      if (tag.members.size >= 200) return graphError(400, 'BadRequest', 'A tag cannot have more than 200 members.');
      return { status: 201, body: this.addTagMember(tag, userId) };
    }
    if (seg.length === 6 && method === 'DELETE') {
      if (!tag.members.delete(seg[5]!)) return graphError(404, 'NotFound', 'Tag member not found.');
      return { status: 204 };
    }
    return graphError(405, 'MethodNotAllowed', 'Method not allowed.');
  }

  private addTagMember(tag: Tag, userId: string): TagMember {
    const user = this.users.get(userId)!;
    const member = { id: this.newId('tagmember'), userId, displayName: user.displayName, tenantId: TENANT };
    tag.members.set(member.id, member);
    return member;
  }

  private calendars(mb: Mailbox, method: string, seg: string[], query: URLSearchParams, body: unknown): Reply {
    const path = `/${seg.map(encodeURIComponent).join('/')}`;
    if (seg.length === 3 && method === 'GET') return this.page([...mb.calendars.values()].map((c) => ({ id: c.id, name: c.name })), path, query);
    if (seg.length === 3 && method === 'POST') {
      const name = (body as { name?: unknown })?.name;
      if (typeof name !== 'string' || !name) return graphError(400, 'ErrorInvalidRequest', 'name is required.');
      if ([...mb.calendars.values()].some((c) => c.name === name)) return graphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
      const cal = { id: this.newId('calendar'), name };
      mb.calendars.set(cal.id, cal);
      return { status: 201, body: cal };
    }
    const cal = mb.calendars.get(seg[3]!);
    if (!cal) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    if (seg.length === 5 && (seg[4] === 'events' || seg[4] === 'calendarView') && method === 'GET') {
      let events = [...mb.events.values()].filter((e) => e.calendarId === cal.id);
      if (seg[4] === 'calendarView') {
        const from = Date.parse(query.get('startDateTime') ?? query.get('startdatetime') ?? '');
        const to = Date.parse(query.get('endDateTime') ?? query.get('enddatetime') ?? '');
        if (Number.isNaN(from) || Number.isNaN(to)) {
          return graphError(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
        }
        events = events.filter((e) => instantOf(e.end) > from && instantOf(e.start) < to);
      }
      const filter = query.get('$filter');
      if (filter) {
        const m = /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '([^']+)' and ep\/value eq '((?:[^']|'')*)'\)$/.exec(filter);
        if (!m) return graphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
        const [, id, value] = m;
        events = events.filter((e) => e.singleValueExtendedProperties.some((p) => p.id.toLowerCase() === id!.toLowerCase() && p.value.toLowerCase() === value!.replace(/''/g, "'").toLowerCase()));
      }
      const expand = query.get('$expand');
      const wanted = expand ? expandedIds(expand) : undefined;
      if (expand && !wanted) return graphError(400, 'BadRequest', 'Invalid $expand.');
      return this.page(events.map((e) => eventJson(e, wanted)), path, query);
    }
    if (seg.length === 5 && seg[4] === 'events' && method === 'POST') {
      const b = body as Partial<StandInEvent>;
      if (!b?.start || !b.end) return graphError(400, 'ErrorInvalidRequest', 'start and end are required.');
      const zone = refusedTimeZone(b);
      if (zone !== undefined) return refuseZone(zone);
      const event: StandInEvent = {
        id: this.newId('event'),
        calendarId: cal.id,
        subject: b.subject ?? '',
        body: b.body ?? { contentType: 'text', content: '' },
        start: utcDateTime(b.start),
        end: utcDateTime(b.end),
        showAs: b.showAs ?? 'busy',
        categories: b.categories ?? [],
        isReminderOn: b.isReminderOn ?? true,
        singleValueExtendedProperties: b.singleValueExtendedProperties ?? [],
      };
      mb.events.set(event.id, event);
      return { status: 201, body: eventJson(event, undefined) };
    }
    return graphError(405, 'ErrorInvalidRequest', 'Method not allowed.');
  }

  private events(mb: Mailbox, method: string, seg: string[], body: unknown): Reply {
    const event = mb.events.get(seg[3] ?? '');
    if (seg.length !== 4 || !event) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    if (method === 'GET') return { status: 200, body: eventJson(event, undefined) };
    if (method === 'DELETE') {
      mb.events.delete(event.id);
      return { status: 204 };
    }
    if (method === 'PATCH') {
      const b = body as Partial<StandInEvent>;
      const zone = refusedTimeZone(b);
      if (zone !== undefined) return refuseZone(zone);
      if (b.subject !== undefined) event.subject = b.subject;
      if (b.body) event.body = b.body;
      if (b.start) event.start = utcDateTime(b.start);
      if (b.end) event.end = utcDateTime(b.end);
      if (b.showAs) event.showAs = b.showAs;
      if (b.categories) event.categories = b.categories;
      if (b.isReminderOn !== undefined) event.isReminderOn = b.isReminderOn;
      for (const p of b.singleValueExtendedProperties ?? []) {
        const existing = event.singleValueExtendedProperties.find((q) => q.id.toLowerCase() === p.id.toLowerCase());
        if (existing) existing.value = p.value;
        else event.singleValueExtendedProperties.push(p);
      }
      return { status: 200, body: eventJson(event, undefined) };
    }
    return graphError(405, 'ErrorInvalidRequest', 'Method not allowed.');
  }
}

function headersOf(headers: http.IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
}

/** "dateTimeTimeZone resource type": a zone outside Windows' and the documented list is refused (timeZones.ts). */
function refuseZone(zone: string): Reply {
  const r = timeZoneRefusal(zone);
  return graphError(r.status, r.code, r.message);
}

function notInTeam(userId: string): Reply {
  return graphError(400, 'BadRequest', `User ${userId} is not a member of the team, so they cannot be added to a tag.`);
}

function tagJson(tag: Tag) {
  return { id: tag.id, teamId: tag.teamId, displayName: tag.displayName, description: tag.description, memberCount: tag.members.size, tagType: tag.tagType };
}

/** `singleValueExtendedProperties($filter=id eq 'a' or id eq 'b')` → the ids, lower case. */
function expandedIds(expand: string): Set<string> | undefined {
  const m = /^singleValueExtendedProperties\(\$filter=(.+)\)$/.exec(expand);
  if (!m) return undefined;
  const ids = m[1]!.split(/ or /).map((part) => /^id eq '([^']+)'$/.exec(part.trim())?.[1]);
  return ids.every(Boolean) ? new Set(ids.map((i) => i!.toLowerCase())) : undefined;
}

/** Extended properties are only returned when asked for with $expand, as in Graph. */
function eventJson(e: StandInEvent, expanded: Set<string> | undefined) {
  const { calendarId: _calendarId, singleValueExtendedProperties, ...rest } = e;
  const props = expanded ? singleValueExtendedProperties.filter((p) => expanded.has(p.id.toLowerCase())) : [];
  return { ...rest, ...(expanded && props.length ? { singleValueExtendedProperties: props } : {}) };
}
