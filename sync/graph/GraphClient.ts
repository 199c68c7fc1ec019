import { DateTime } from 'luxon';
import { z } from 'zod';
import { GraphRequestError, type BatchRequest, type BatchResult, type GraphApi } from './GraphApi.js';
import { messageOf } from '../../rotation/messageOf.js';
import type { Result } from '../../rotation/result.js';
import { odataString } from './odata.js';
import { CONTENT_PROPERTY, KEY_PROPERTY } from './rotaProperties.js';

/**
 * Rota's Microsoft Graph client: one typed method per resource it uses, and the only place a Graph URL is built.
 * Lists are async iterators over @odata.nextLink pages (as Backstage's MicrosoftGraphClient); the `…Of` methods
 * read many resources in $batch requests and page each one on from its first page. Answers are parsed here, so
 * callers see typed values or a GraphRequestError (with the request, Graph's status and code), never raw JSON.
 */

/** One resource read in a $batch: its value, or why not (Graph's answer, or an answer that did not parse). */
export type Read<T> = Result<T, GraphRequestError>;
/** One collection read in a $batch: its items (the first page is in hand; the rest are read as it is iterated). */
export type ListRead<T> = Result<AsyncIterable<T>, GraphRequestError>;

const Tag = z.object({ id: z.string(), displayName: z.string() });
const TagMember = z.object({ id: z.string(), userId: z.string(), displayName: z.string().nullish() });
const User = z.object({ id: z.string(), displayName: z.string().nullish(), userPrincipalName: z.string().nullish(), mail: z.string().nullish() });
const UserPage = z.object({ value: z.array(User) });
const Calendar = z.object({ id: z.string(), name: z.string() });
const Id = z.object({ id: z.string() });
const Owner = z.object({ id: z.string(), userPrincipalName: z.string(), mail: z.string().nullish() });
const Channel = z.object({ membershipType: z.string() });
const Team = z.object({ id: z.string(), internalId: z.string() }).transform((t) => ({ groupId: t.id, threadId: t.internalId }));
const Installation = z.object({ id: z.string(), teamsApp: z.object({ id: z.string(), externalId: z.string().nullish() }).nullish() });
const DateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string() });
const Event = z.object({
  id: z.string(),
  subject: z.string().nullish(),
  start: DateTimeTimeZone,
  end: DateTimeTimeZone,
  singleValueExtendedProperties: z.array(z.object({ id: z.string(), value: z.string() })).optional(),
});

export type GraphTag = z.infer<typeof Tag>;
export type GraphTagMember = z.infer<typeof TagMember>;
export type GraphUser = z.infer<typeof User>;
export type GraphOwner = z.infer<typeof Owner>;
export type GraphInstallation = z.infer<typeof Installation>;
/** One of Rota's events (it carries Rota's key), its times as instants. */
export interface GraphEvent {
  id: string;
  key: string;
  start: number;
  end: number;
  subject: string;
  hash?: string;
}

/** The stretch of a calendar read: events that end after `start` and begin before `end`. */
export interface EventWindow {
  start: number;
  end: number;
}

/** Events of one calendar (undefined: the mailbox's default calendar) whose extended property has a value. */
export interface CalendarView {
  mailbox: string;
  calendarId: string | undefined;
  where: { property: string; value: string };
  window: EventWindow;
}

export type EventWrite = { kind: 'create'; payload: unknown } | { kind: 'update'; id: string; payload: unknown } | { kind: 'delete'; id: string };
/** A write's answer; `id` is the event id after a create. */
export type WriteResult = Pick<BatchResult, 'status' | 'error'> & { id?: string };

const enc = encodeURIComponent;
const USER_FIELDS = 'id,displayName,userPrincipalName,mail';
const user = (upn: string) => `/users/${enc(upn)}`;
const tags = (team: string) => `/teams/${enc(team)}/tags`;
const tagMembers = (team: string, tagId: string) => `${tags(team)}/${enc(tagId)}/members`;
const calendarEvents = (mailbox: string, calendarId: string) => `${user(mailbox)}/calendars/${enc(calendarId)}/events`;
const event = (mailbox: string, eventId: string) => `${user(mailbox)}/events/${enc(eventId)}`;
const installedApps = (userId: string) => `${user(userId)}/teamwork/installedApps`;

/**
 * Lists a rotation's events in a window, with Rota's properties expanded. A plain /events list has no date bound
 * that works with the extended-property $filter (Graph answers 400 to `end/dateTime ge …` on events), so Rota
 * reads the calendar view: startDateTime/endDateTime bound it (required, ISO 8601 with an offset) and the
 * $filter on the extended property narrows it to Rota's events ("List calendarView", "Get
 * singleValueLegacyExtendedProperty").
 */
export function calendarViewPath({ mailbox, calendarId, where, window }: CalendarView): string {
  const f = `singleValueExtendedProperties/Any(ep: ep/id eq '${where.property}' and ep/value eq '${where.value.replace(/'/g, "''")}')`;
  const expand = `singleValueExtendedProperties($filter=id eq '${KEY_PROPERTY}' or id eq '${CONTENT_PROPERTY}')`;
  const calendar = calendarId === undefined ? 'calendar' : `calendars/${enc(calendarId)}`;
  const iso = (t: number) => enc(new Date(t).toISOString());
  return `${user(mailbox)}/${calendar}/calendarView?startDateTime=${iso(window.start)}&endDateTime=${iso(window.end)}&$filter=${enc(f)}&$expand=${enc(expand)}&$top=100`;
}

export class GraphClient {
  constructor(private readonly api: GraphApi) {}

  /** HTTP requests sent so far (a $batch counts once). */
  get requestCount(): number {
    return this.api.requestCount;
  }

  // ---- users ----------------------------------------------------------------------------------------------

  /** "Get user": `GET /users/{id | userPrincipalName}` finds a user by object id or UPN only, never by mail (404). */
  users(upns: string[]): Promise<Array<Read<GraphUser>>> {
    return this.reads(upns.map((upn) => `${user(upn)}?$select=${USER_FIELDS}`), (body) => User.parse(body));
  }

  /** The users whose `mail` is each address ("List users", `$filter=mail eq '…'`): none, one, or (a tenant's mistake) more. */
  usersByMail(addresses: string[]): Promise<Array<Read<GraphUser[]>>> {
    return this.matches(addresses.map((a) => `mail eq ${odataString(a)}`));
  }

  /**
   * The users who have each address as an alias. The primary (`SMTP:`) address is the user's mail, tried first; aliases
   * are stored with a lower-case `smtp:` (user resource, proxyAddresses: `['SMTP: bob@contoso.com', 'smtp:
   * bob@sales.contoso.com']`), so that is the prefix sent, whether or not the directory compares case-blind.
   */
  usersByProxyAddress(addresses: string[]): Promise<Array<Read<GraphUser[]>>> {
    return this.matches(addresses.map((a) => `proxyAddresses/any(x:x eq ${odataString(`smtp:${a}`)})`));
  }

  /**
   * One `GET /users?$filter=…&$top=2` per filter, in $batch requests (two are enough to know a match is ambiguous).
   * `eq` on mail and inside `any` on proxyAddresses work by default (the property table of "Advanced query
   * capabilities on Microsoft Entra ID objects"), so no `ConsistencyLevel: eventual` / `$count=true`: they would
   * make the answer eventually consistent, missing a user created a moment ago.
   */
  private matches(filters: string[]): Promise<Array<Read<GraphUser[]>>> {
    return this.reads(filters.map((f) => `/users?$filter=${enc(f)}&$select=${USER_FIELDS}&$top=2`), (body) => UserPage.parse(body).value);
  }

  // ---- tags -----------------------------------------------------------------------------------------------

  async *tags(team: string): AsyncGenerator<GraphTag> {
    for await (const t of this.api.items(tags(team))) yield Tag.parse(t);
  }

  /** The id of the team's tag of that name; a failed read stays a failure (it is not "no such tag"). */
  async findTag(team: string, name: string): Promise<string | undefined> {
    for await (const t of this.tags(team)) if (t.displayName === name) return t.id;
    return undefined;
  }

  tagMembersOf(list: Array<{ team: string; tagId: string }>): Promise<Array<ListRead<GraphTagMember>>> {
    return this.listReads(list.map((t) => `${tagMembers(t.team, t.tagId)}?$top=100`), (item) => TagMember.parse(item));
  }

  async createTag(team: string, name: string, userIds: string[]): Promise<GraphTag> {
    return Tag.parse(await this.api.post(tags(team), { displayName: name, members: userIds.map((userId) => ({ userId })) }));
  }

  deleteTag(team: string, tagId: string): Promise<void> {
    return this.api.delete(`${tags(team)}/${enc(tagId)}`);
  }

  addTagMembers(team: string, tagId: string, userIds: string[]): Promise<BatchResult[]> {
    return this.api.batch(userIds.map((userId) => ({ method: 'POST', url: tagMembers(team, tagId), body: { userId } })));
  }

  /** `memberIds` are the tag memberships' own ids, not the users'. */
  removeTagMembers(team: string, tagId: string, memberIds: string[]): Promise<BatchResult[]> {
    return this.api.batch(memberIds.map((id) => ({ method: 'DELETE', url: `${tagMembers(team, tagId)}/${enc(id)}` })));
  }

  // ---- calendars ------------------------------------------------------------------------------------------

  async findCalendar(mailbox: string, name: string): Promise<string | undefined> {
    for await (const c of this.api.items(`${user(mailbox)}/calendars`)) {
      const calendar = Calendar.parse(c);
      if (calendar.name === name) return calendar.id;
    }
    return undefined;
  }

  async createCalendar(mailbox: string, name: string): Promise<string> {
    return Calendar.parse(await this.api.post(`${user(mailbox)}/calendars`, { name })).id;
  }

  /** The id of each mailbox's default calendar. */
  defaultCalendarsOf(mailboxes: string[]): Promise<Array<Read<string>>> {
    return this.reads(mailboxes.map((m) => `${user(m)}/calendar?$select=id`), (body) => Id.parse(body).id);
  }

  rotaEventsOf(views: CalendarView[]): Promise<Array<ListRead<GraphEvent>>> {
    return this.listReads(views.map(calendarViewPath), rotaEvent);
  }

  async *rotaEvents(view: CalendarView): AsyncGenerator<GraphEvent> {
    for await (const e of this.api.items(calendarViewPath(view))) {
      const parsed = rotaEvent(e);
      if (parsed) yield parsed;
    }
  }

  /** Creates, updates and deletes events in $batch requests; results in the order asked. */
  async writeEvents(mailbox: string, calendarId: string, writes: EventWrite[]): Promise<WriteResult[]> {
    const requests = writes.map((w): BatchRequest =>
      w.kind === 'create'
        ? { method: 'POST', url: calendarEvents(mailbox, calendarId), body: w.payload }
        : w.kind === 'update'
          ? { method: 'PATCH', url: event(mailbox, w.id), body: w.payload }
          : { method: 'DELETE', url: event(mailbox, w.id) },
    );
    const results = await this.api.batch(requests);
    return results.map((r, i) => ({ status: r.status, ...(r.error ? { error: r.error } : writes[i]!.kind === 'create' ? { id: Id.parse(r.body).id } : {}) }));
  }

  async createEvent(mailbox: string, calendarId: string, payload: unknown): Promise<string> {
    return Id.parse(await this.api.post(calendarEvents(mailbox, calendarId), payload)).id;
  }

  async updateEvent(mailbox: string, eventId: string, payload: unknown): Promise<void> {
    await this.api.patch(event(mailbox, eventId), payload);
  }

  deleteEvent(mailbox: string, eventId: string): Promise<void> {
    return this.api.delete(event(mailbox, eventId));
  }

  // ---- teams ----------------------------------------------------------------------------------------------

  /** Each team's thread id, its `internalId` ("Get team": `GET /teams/{group-id}`; Graph refuses a thread id there). */
  teamsOf(groupIds: string[]): Promise<Array<Read<z.output<typeof Team>>>> {
    return this.reads(groupIds.map((id) => `/teams/${enc(id)}?$select=id,internalId`), (body) => Team.parse(body));
  }

  /** Owners are directoryObjects: users carry a UPN; anything else (a service principal) is skipped. */
  ownersOf(teams: string[]): Promise<Array<ListRead<GraphOwner>>> {
    return this.listReads(teams.map((team) => `/groups/${enc(team)}/owners?$select=id,userPrincipalName,mail&$top=100`), (item) => {
      const owner = Owner.safeParse(item);
      return owner.success ? owner.data : undefined;
    });
  }

  /** Each channel's membershipType (standard, private, shared). */
  channelsOf(channels: Array<{ team: string; id: string }>): Promise<Array<Read<string>>> {
    return this.reads(channels.map((c) => `/teams/${enc(c.team)}/channels/${enc(c.id)}?$select=id,membershipType`), (body) => Channel.parse(body).membershipType);
  }

  // ---- app installations (personal scope) ------------------------------------------------------------------

  /**
   * Each user's installations of the app whose manifest id is `externalId`: an empty list when it is not installed
   * ("List apps installed for user", $filter on teamsApp/externalId with $expand=teamsApp, which also gives the
   * catalog id).
   */
  installationsOf(userIds: string[], externalId: string): Promise<Array<ListRead<GraphInstallation>>> {
    const query = `$expand=teamsApp&$filter=${enc(`teamsApp/externalId eq '${externalId.replace(/'/g, "''")}'`)}`;
    return this.listReads(userIds.map((id) => `${installedApps(id)}?${query}`), (item) => Installation.parse(item));
  }

  /**
   * Installs the catalog app for each user ("Install app for user": 201 Created; 409 when it already is). The bind
   * names the catalog id on Graph's own root, as the documentation's example does.
   */
  installApp(userIds: string[], catalogAppId: string): Promise<BatchResult[]> {
    const body = { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${enc(catalogAppId)}` };
    return this.api.batch(userIds.map((id) => ({ method: 'POST', url: installedApps(id), body })));
  }

  private async reads<T>(urls: string[], parse: (body: unknown) => T): Promise<Array<Read<T>>> {
    const results = await this.api.batch(urls.map((url) => ({ method: 'GET', url })));
    return results.map((r, i) => {
      if (r.error) return { ok: false, error: r.error };
      try {
        return { ok: true, value: parse(r.body) };
      } catch (err) {
        return { ok: false, error: new GraphRequestError('GET', urls[i]!, r.status, 'UnexpectedAnswer', messageOf(err)) };
      }
    });
  }

  /** `parse` answers undefined for an item that is skipped (not Rota's, not a user). */
  private async listReads<T>(urls: string[], parse: (item: unknown) => T | undefined): Promise<Array<ListRead<T>>> {
    const results = await this.api.batch(urls.map((url) => ({ method: 'GET', url })));
    const api = this.api;
    return results.map((r, i) => {
      if (r.error) return { ok: false, error: r.error };
      const items = async function* () {
        for await (const item of api.items(urls[i]!, r.body)) {
          const parsed = parse(item);
          if (parsed !== undefined) yield parsed;
        }
      };
      return { ok: true, value: items() };
    });
  }
}

/** Only events that carry Rota's key are Rota's; a foreign event parses to undefined. */
function rotaEvent(item: unknown): GraphEvent | undefined {
  const e = Event.parse(item);
  const prop = (id: string) => e.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id.toLowerCase())?.value;
  const key = prop(KEY_PROPERTY);
  if (!key) return undefined;
  const hash = prop(CONTENT_PROPERTY);
  return { id: e.id, key, start: instantOf(e.start), end: instantOf(e.end), subject: e.subject ?? '', ...(hash ? { hash } : {}) };
}

/** Graph answers in UTC unless asked otherwise; other zones are read with luxon. */
function instantOf(v: { dateTime: string; timeZone: string }): number {
  const zone = v.timeZone === 'UTC' || v.timeZone === 'tzone://Microsoft/Utc' ? 'UTC' : v.timeZone;
  return DateTime.fromISO(v.dateTime.replace(/(\.\d{3})\d+$/, '$1'), { zone }).toMillis();
}
