import type { BatchResult, GraphApi } from './GraphApi.js';
import * as calendars from './calendars.js';
import type { CalendarView, EventWrite, GraphEvent, WriteResult } from './calendars.js';
import type { ListRead, Read } from './graphReads.js';
import * as installations from './installations.js';
import type { GraphInstallation } from './installations.js';
import * as tags from './tags.js';
import type { GraphTag, GraphTagMember } from './tags.js';
import * as teams from './teams.js';
import type { GraphOwner, GraphTeam } from './teams.js';
import * as users from './users.js';
import * as schedule from './schedule.js';
import type { ScheduleRead } from './schedule.js';
import type { GraphUser } from './users.js';

export type { ListRead, Read } from './graphReads.js';
export type { GraphUser } from './users.js';
export type { GraphTag, GraphTagMember } from './tags.js';
export type { GraphOwner, GraphTeam } from './teams.js';
export type { GraphInstallation } from './installations.js';
export { MAX_SCHEDULES, MAX_WINDOW_MS, type ScheduleItem, type ScheduleRead } from './schedule.js';
export { calendarViewPath, type CalendarView, type EventWindow, type EventWrite, type GraphEvent, type WriteResult } from './calendars.js';

/**
 * Rota's Microsoft Graph client: one typed method per resource it uses. Every Graph URL is built in sync/graph/, one
 * file per resource (users.ts, tags.ts, calendars.ts, teams.ts, installations.ts), where each method's Graph rules
 * are written; this facade is what the sync calls. Lists are async iterators over @odata.nextLink pages (as
 * Backstage's MicrosoftGraphClient); the `…Of` methods read many resources in $batch requests and page each one on
 * from its first page. Answers are parsed there, so callers see typed values or a GraphRequestError (with the
 * request, Graph's status and code), never raw JSON.
 */
export class GraphClient {
  constructor(private readonly api: GraphApi) {}

  /** HTTP requests sent so far (a $batch counts once). */
  get requestCount(): number {
    return this.api.requestCount;
  }

  // ---- users (users.ts) -------------------------------------------------------------------------------------

  /** By object id or UPN ("Get user"); anything else is a 404. */
  users(idsOrUpns: string[]): Promise<Array<Read<GraphUser>>> {
    return users.users(this.api, idsOrUpns);
  }
  usersByMail(addresses: string[]): Promise<Array<Read<GraphUser[]>>> {
    return users.usersByMail(this.api, addresses);
  }
  usersByProxyAddress(addresses: string[]): Promise<Array<Read<GraphUser[]>>> {
    return users.usersByProxyAddress(this.api, addresses);
  }

  // ---- tags (tags.ts) ---------------------------------------------------------------------------------------

  tags(team: string): AsyncGenerator<GraphTag> {
    return tags.tags(this.api, team);
  }
  findTag(team: string, name: string): Promise<string | undefined> {
    return tags.findTag(this.api, team, name);
  }
  tagMembersOf(list: Array<{ team: string; tagId: string }>): Promise<Array<ListRead<GraphTagMember>>> {
    return tags.tagMembersOf(this.api, list);
  }
  createTag(team: string, name: string, userIds: string[]): Promise<GraphTag> {
    return tags.createTag(this.api, team, name, userIds);
  }
  deleteTag(team: string, tagId: string): Promise<void> {
    return tags.deleteTag(this.api, team, tagId);
  }
  addTagMembers(team: string, tagId: string, userIds: string[]): Promise<BatchResult[]> {
    return tags.addTagMembers(this.api, team, tagId, userIds);
  }
  /** `memberIds` are the tag memberships' own ids, not the users'. */
  removeTagMembers(team: string, tagId: string, memberIds: string[]): Promise<BatchResult[]> {
    return tags.removeTagMembers(this.api, team, tagId, memberIds);
  }

  // ---- calendars (calendars.ts) -----------------------------------------------------------------------------

  findCalendar(mailbox: string, name: string): Promise<string | undefined> {
    return calendars.findCalendar(this.api, mailbox, name);
  }
  createCalendar(mailbox: string, name: string): Promise<string> {
    return calendars.createCalendar(this.api, mailbox, name);
  }
  defaultCalendarsOf(mailboxes: string[]): Promise<Array<Read<string>>> {
    return calendars.defaultCalendarsOf(this.api, mailboxes);
  }
  rotaEventsOf(views: CalendarView[]): Promise<Array<ListRead<GraphEvent>>> {
    return calendars.rotaEventsOf(this.api, views);
  }
  rotaEvents(view: CalendarView): AsyncGenerator<GraphEvent> {
    return calendars.rotaEvents(this.api, view);
  }
  /** Creates, updates and deletes events in $batch requests; results in the order asked. */
  writeEvents(mailbox: string, calendarId: string, writes: EventWrite[]): Promise<WriteResult[]> {
    return calendars.writeEvents(this.api, mailbox, calendarId, writes);
  }
  createEvent(mailbox: string, calendarId: string, payload: unknown): Promise<string> {
    return calendars.createEvent(this.api, mailbox, calendarId, payload);
  }
  updateEvent(mailbox: string, eventId: string, payload: unknown): Promise<void> {
    return calendars.updateEvent(this.api, mailbox, eventId, payload);
  }
  deleteEvent(mailbox: string, eventId: string): Promise<void> {
    return calendars.deleteEvent(this.api, mailbox, eventId);
  }

  // ---- teams (teams.ts) -------------------------------------------------------------------------------------

  teamsOf(groupIds: string[]): Promise<Array<Read<GraphTeam>>> {
    return teams.teamsOf(this.api, groupIds);
  }
  ownersOf(teamIds: string[]): Promise<Array<ListRead<GraphOwner>>> {
    return teams.ownersOf(this.api, teamIds);
  }
  channelsOf(channels: Array<{ team: string; id: string }>): Promise<Array<Read<string>>> {
    return teams.channelsOf(this.api, channels);
  }

  // ---- app installations, personal scope (installations.ts) -------------------------------------------------

  installationsOf(userIds: string[], externalId: string): Promise<Array<ListRead<GraphInstallation>>> {
    return installations.installationsOf(this.api, userIds, externalId);
  }
  installApp(userIds: string[], catalogAppId: string): Promise<BatchResult[]> {
    return installations.installApp(this.api, userIds, catalogAppId);
  }

  // ---- free/busy (schedule.ts) ------------------------------------------------------------------------------

  /** Free/busy of up to MAX_SCHEDULES addresses over at most MAX_WINDOW_MS, asked as `asUser` (an object id or UPN). */
  schedulesOf(asUser: string, schedules: string[], window: { start: number; end: number }): Promise<ScheduleRead[]> {
    return schedule.schedulesOf(this.api, asUser, schedules, window);
  }
}
