import { randomUUID } from 'node:crypto';
import type { CalendarsContext, Mailbox, StandInEvent } from './calendars.js';
import type { StandInChannel } from './channels.js';
import { InstalledApps } from './installedApps.js';
import { addForeignEvent, calendarNamed, defaultCalendarEvents } from './mailboxes.js';
import { graphError, type Reply } from './replies.js';
import type { Tag, TagsContext } from './tags.js';
import { addTagByHand, editTagByHand, tagMemberUpns } from './tagsByHand.js';
import { defaultInternalId } from './teams.js';
import { newUser, type StandInUser, type UserOptions } from './users.js';

/**
 * What the Graph stand-in's tenant holds (users, teams with their tags, channels and owners, mailboxes, the app
 * catalog) and how a test seeds and inspects it; GraphStandIn.ts serves it over HTTP. Teams are keyed by group id,
 * each with its own thread id (`internalId`).
 */

export interface StandInTeam {
  id: string;
  /** The Teams thread id ("19:…@thread.tacv2"), distinct from the group id. */
  internalId: string;
  displayName: string;
  memberUserIds: Set<string>;
  ownerUserIds: Set<string>;
  tags: Map<string, Tag>;
  channels: Map<string, StandInChannel>;
}

export abstract class GraphTenant {
  /** By object id and by lower-case UPN. */
  protected readonly users = new Map<string, StandInUser>();
  protected readonly teams = new Map<string, StandInTeam>();
  protected readonly mailboxes = new Map<string, Mailbox>();
  private nextId = 1;
  /** The app catalog and personal installations (installedApps.ts). */
  readonly installedApps = new InstalledApps(graphError);
  /** What the tag routes (tags.ts) and the calendar routes (calendars.ts) use of this stand-in. */
  protected readonly tagsContext: TagsContext = {
    teams: this.teams,
    page: (items, path, query) => this.page(items, path, query),
    newId: (kind) => this.newId(kind),
    displayNameOf: (userId) => this.users.get(userId)!.displayName,
  };
  protected readonly calendarsContext: CalendarsContext = { page: (items, path, query) => this.page(items, path, query), newId: (kind) => this.newId(kind) };

  /** One page of a collection, as the server pages it. */
  protected abstract page<T>(items: T[], path: string, query: URLSearchParams): Reply;

  /** Sets (or clears) the hook called after each successful personal installation. */
  set onAppInstalled(hook: ((userObjectId: string) => void) | undefined) {
    this.installedApps.onAppInstalled = hook;
  }

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

  addChannel(teamId: string, channelId: string, membershipType: StandInChannel['membershipType'], displayName = 'On call'): void {
    this.teams.get(teamId)!.channels.set(channelId, { id: channelId, displayName, membershipType });
  }

  /** The team's (its group's) owners; owners are members too. */
  setTeamOwners(teamId: string, upns: string[]): void {
    const team = this.teams.get(teamId)!;
    team.ownerUserIds = new Set(upns.map((u) => (this.user(u) ?? this.addUser(u)).id));
    for (const id of team.ownerUserIds) team.memberUserIds.add(id);
  }

  /** The UPNs of a tag's members, sorted (undefined when the tag does not exist). */
  tagMembers(teamId: string, displayName: string): string[] | undefined {
    return tagMemberUpns(this.teams, teamId, displayName, (id) => this.users.get(id)!);
  }

  /** A tag someone made in Teams, before Rota was pointed at it. */
  addTagByHand(teamId: string, displayName: string, memberUpns: string[]): void {
    addTagByHand(this.tagsContext, teamId, displayName, memberUpns.map((upn) => this.user(upn)!.id));
  }

  /** A hand-made change in Teams: add or remove someone from a tag directly. */
  editTagByHand(teamId: string, displayName: string, change: { add?: string; remove?: string }): void {
    const known = (upn: string | undefined) => (upn ? this.user(upn)! : undefined);
    editTagByHand(this.tagsContext, teamId, displayName, { add: known(change.add), remove: known(change.remove) });
  }

  addMailbox(upn: string): void {
    const user = this.user(upn) ?? this.addUser(upn);
    this.mailboxes.set(user.id, { user, calendars: new Map(), events: new Map() });
  }

  calendar(mailbox: string, name: string): { id: string; events: StandInEvent[] } | undefined {
    return calendarNamed(this.mailbox(mailbox), name);
  }

  /** An event someone else put into the calendar. */
  addForeignEvent(mailbox: string, calendarName: string, subject: string, start: Date, end: Date): string {
    return addForeignEvent(this.mailbox(mailbox)!, calendarName, subject, start, end, this.newId('event'));
  }

  /** The events of a user's default calendar (their own, "Calendar"), sorted by start. */
  personalEvents(upn: string): StandInEvent[] {
    return defaultCalendarEvents(this.mailbox(upn), (kind) => this.newId(kind));
  }

  /** An event in a user's own (default) calendar as Outlook marks it: `showAs: 'oof'` is an out-of-office block. */
  addPersonalEvent(upn: string, subject: string, start: Date, end: Date, showAs = 'busy'): string {
    const mb = this.mailbox(upn)!;
    defaultCalendarEvents(mb, (kind) => this.newId(kind)); // makes the default calendar when first used
    const id = addForeignEvent(mb, 'Calendar', subject, start, end, this.newId('event'));
    mb.events.get(id)!.showAs = showAs;
    return id;
  }

  /** The default-calendar events of the mailbox an SMTP address reaches (mail, UPN or alias); undefined: nobody's. */
  protected eventsByAddress(address: string): StandInEvent[] | undefined {
    const a = address.toLowerCase();
    const user = [...new Set(this.users.values())].find((u) => u.userPrincipalName.toLowerCase() === a || u.mail?.toLowerCase() === a || u.proxyAddresses.some((p) => p.toLowerCase() === `smtp:${a}`));
    const mb = user ? this.mailboxes.get(user.id) : undefined;
    return mb ? defaultCalendarEvents(mb, (kind) => this.newId(kind)) : undefined;
  }

  /** A user's mailbox by object id or UPN, as a path segment may carry either (URL-encoded). */
  protected mailbox(idOrUpn: string): Mailbox | undefined {
    const user = this.user(decodeURIComponent(idOrUpn));
    return user ? this.mailboxes.get(user.id) : undefined;
  }

  protected newId(kind: string): string {
    const id = Buffer.from(`${kind}-${this.nextId++}-${randomUUID()}`).toString('base64').replace(/=+$/, '');
    // Tag and tag-member ids are standard base64 (of "team##user##…"), e.g. "ZmY1ZjdmMjctZDhiNy00MWRkLTk2ZDQtYzcyYmVhMWIw
    // OGYxIyM3ZTVhNGRmZS1kNWNlLTRkOTAtODM4MC04ZDIxM2FkYzYzOGIjI3RiVlVpR01rcg==" (PnP "Get-PnPTeamsTag"; "Get teamworkTag",
    // GET /teams/{team-id}/tags/{teamworkTag-id}), so they may hold '/', '+' and '==': these always do, so a path
    // built without encoding them breaks here (an unencoded '/' splits the path).
    return kind === 'tag' || kind === 'tagmember' || kind === 'member' ? `${id.slice(0, 12)}/${id.slice(12, 20)}+${id.slice(20)}==` : id;
  }
}
