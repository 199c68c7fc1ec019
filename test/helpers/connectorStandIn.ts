import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { installRefusal, sizeRefusal, tagRefusal, type ChannelKind, type ConnectorTenant } from './connectorRules.js';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A Teams user as the connector's member API returns it (a TeamsChannelAccount). */
export interface StandInMember {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
  userPrincipalName?: string;
  /**
   * Rota installed for them (personal scope). Default false, as in a tenant: a 1:1 chat cannot be created (403)
   * until they install Rota themselves (`installActivity` in a personal chat, or any activity there, told through `delivered`) or the
   * sync installs it for them (`installApp`, which the Graph stand-in's onAppInstalled calls).
   */
  installed?: boolean;
}

/**
 * A team as Teams knows it: by its thread id (`channelData.team.id`, the Bot Connector's team id) and, on install
 * only, by its Microsoft 365 group id too (`channelData.team.aadGroupId`; Teams "Conversation events in your bot").
 */
export interface StandInTeam {
  threadId: string;
  groupId: string;
  name: string;
}

/** The team the tests' bot is in: ids distinct, as in a real tenant. */
export const TEAM_1: StandInTeam = { threadId: '19:0f5e1d2c3b4a49588776655443322110@thread.tacv2', groupId: 'b5d8e2f1-7a3c-4e9b-8d6f-1c2a3b4c5d6e', name: 'Platform' };

export interface ConnectorStandIn {
  url: string;
  /** Teams the bot is in, by thread id: `GET /v3/teams/{teamId}` answers their details (TEAM_1 by default). */
  teams: Map<string, StandInTeam>;
  requests: RecordedRequest[];
  /** Teams accounts the member API knows, by Teams id. */
  members: Map<string, StandInMember>;
  /** The next `count` requests are answered 429 with `Retry-After: seconds` (Teams throttling). */
  throttle(count: number, seconds?: number): void;
  /** The next `count` requests are answered `status` (412, 502, 504: what Teams says to retry), with Retry-After when given. */
  failNext(count: number, status: number, retryAfterSeconds?: number): void;
  /** A channel of a team, and its kind (tags can be mentioned in standard channels only). */
  addChannel(team: string, channelId: string, kind?: ChannelKind): void;
  /** A tag of a team (by its Graph id), which may then be @mentioned in the team's standard channels. */
  addTag(team: string, tagId: string): void;
  removeTag(team: string, tagId: string): void;
  /**
   * Someone wrote in a personal chat (the test harness says so for each activity it posts there): the chat's member
   * API then knows them. A 1:1 chat Rota opens knows the member it was opened with.
   */
  inPersonalChat(conversationId: string, userId: string): void;
  /** Rota installed for a member (as Graph's proactive installation does), by Teams id or Entra object id. */
  installApp(idOrAadObjectId: string): void;
  /**
   * What Teams knows of an activity it sends the bot (test harnesses call it for each): one in a personal chat (the
   * personal-scope install event, a message, a click) comes from someone Rota is installed for.
   */
  delivered(activity: Record<string, unknown>): void;
  /** Recorded requests that carried an activity (posts, replies, updates, new conversations with a first message). */
  activities(): Array<RecordedRequest & { activity: Record<string, unknown> }>;
  close(): Promise<void>;
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/**
 * A stand-in for the Bot Connector service, for what Rota uses (shapes from the Bot Framework REST API reference):
 * - POST /v3/conversations/{id}/activities[/{replyToId}] (send, reply) → ResourceResponse `{id}`
 * - PUT /v3/conversations/{id}/activities/{activityId} (update a card in place) → `{id}`
 * - POST /v3/conversations (create a 1:1 chat or a channel thread) → ConversationResourceResponse `{id, activityId?, serviceUrl}`
 * - GET /v3/conversations/{id}/members/{userId} (a Teams id, UPN or Entra object id) → a TeamsChannelAccount with
 *   email, userPrincipalName, aadObjectId; a personal chat (a:…) knows only its own user, a team's conversation
 *   every member (else 404 MemberNotFoundInConversation)
 * - GET /v3/conversations/{teamId}/pagedmembers → `{members}` (the team roster, one page)
 * - GET /v3/teams/{teamId} → TeamDetails `{id, name, aadGroupId}`, by the thread id only ("Get Teams specific
 *   context for your bot", "Get team details"); a group id or an unknown team is 404
 * and 429 with Retry-After, or 412/502/504, on demand. It refuses what Teams refuses (connectorRules.ts): tag
 * mentions outside a standard channel or of a tag the team does not have (400), a 1:1 chat with someone Rota is not
 * installed for (403), and messages over the size limit (413).
 */
export async function startConnectorStandIn(members: StandInMember[] = []): Promise<ConnectorStandIn> {
  const requests: RecordedRequest[] = [];
  const known = new Map(members.map((m) => [m.id, m]));
  let failing: { count: number; status: number; retryAfter?: number } = { count: 0, status: 429 };
  const tenant: ConnectorTenant = { channels: new Map(), tags: new Map() };
  const memberById = (id: string) => known.get(id) ?? [...known.values()].find((m) => m.aadObjectId === id);
  const teams = new Map([[TEAM_1.threadId, TEAM_1]]);
  const personalChats = new Map<string, Set<string>>();
  let next = 1;
  let url = '';
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const path = req.url ?? '/';
      const method = req.method ?? '';
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        return json(res, 400, { error: { code: 'BadArgument', message: 'invalid JSON' } });
      }
      requests.push({ method, path, headers: req.headers, body });
      if (failing.count > 0) {
        failing.count--;
        const code = failing.status === 429 ? 'Throttled' : `Http${failing.status}`;
        return json(res, failing.status, { error: { code, message: `stand-in answers ${failing.status} on demand` } }, failing.retryAfter === undefined ? {} : { 'retry-after': String(failing.retryAfter) });
      }
      const member = /^\/v3\/conversations\/[^/]+\/members\/([^/?]+)$/.exec(path);
      if (method === 'GET' && member) {
        // "Get single member details" takes the Teams user id, the UPN or the Entra object id (msteams-docs, "Get
        // Teams specific context for your bot"; https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context).
        // Not the mail address: a person whose mail differs from their UPN is not found by it.
        // Which conversation asks matters: a personal chat knows only its user (and the bot), a team's conversation
        // (a channel, the team's thread id) all the team's members; elsewhere 404 MemberNotFoundInConversation
        // ("Get single member details": the user must be a member of the conversation).
        const conversation = decodeURIComponent(path.split('/')[3]!);
        const m = memberBy(known, decodeURIComponent(member[1]!));
        const chat = personalChats.get(conversation);
        const inChat = !conversation.startsWith('a:') || (m !== undefined && (chat?.has(m.id) || chat?.has(m.aadObjectId)));
        if (!m || !inChat) return json(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found' } });
        return json(res, 200, { ...m, userPrincipalName: m.userPrincipalName ?? m.email, givenName: m.name.split(' ')[0], tenantId: 'tenant-1', userRole: 'user' });
      }
      if (method === 'GET' && /^\/v3\/conversations\/[^/]+\/pagedmembers(\?.*)?$/.test(path)) {
        const members = [...known.values()].map((m) => ({ ...m, userPrincipalName: m.userPrincipalName ?? m.email, tenantId: 'tenant-1', userRole: 'user' }));
        return json(res, 200, { members });
      }
      const teamDetails = /^\/v3\/teams\/([^/?]+)$/.exec(path);
      if (method === 'GET' && teamDetails) {
        const team = teams.get(decodeURIComponent(teamDetails[1]!));
        if (!team) return json(res, 404, { error: { code: 'NotFound', message: 'team not found' } });
        return json(res, 200, { id: team.threadId, name: team.name, aadGroupId: team.groupId });
      }
      if (method === 'POST' && path === '/v3/conversations') {
        const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
        const first = body.activity as Record<string, unknown> | undefined;
        const refused = channel
          ? first && (sizeRefusal(first) ?? tagRefusal(tenant, channel, first))
          : installRefusal(memberById(((body.members as Array<{ id?: string }> | undefined) ?? [])[0]?.id ?? ''));
        if (refused) return json(res, refused.status, refused.body);
        const id = channel ? `${channel};messageid=thread-${next}` : `a:new-chat-${next}`;
        if (!channel) personalChats.set(id, new Set([((body.members as Array<{ id?: string }> | undefined) ?? [])[0]?.id ?? '']));
        const activityId = body.activity ? `reply-${next}` : undefined;
        next++;
        return json(res, 201, { id, ...(activityId ? { activityId } : {}), serviceUrl: url });
      }
      if (/^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(path) && (method === 'POST' || method === 'PUT')) {
        const refused = sizeRefusal(body) ?? tagRefusal(tenant, decodeURIComponent(path.split('/')[3]!), body);
        if (refused) return json(res, refused.status, refused.body);
        const id = method === 'PUT' ? decodeURIComponent(path.split('/').pop()!) : `reply-${next++}`;
        return json(res, 200, { id });
      }
      return json(res, 404, { error: { code: 'NotFound', message: `no route ${method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    teams,
    requests,
    members: known,
    throttle(count, seconds = 1) {
      failing = { count, status: 429, retryAfter: seconds };
    },
    failNext(count, status, retryAfterSeconds) {
      failing = { count, status, ...(retryAfterSeconds === undefined ? {} : { retryAfter: retryAfterSeconds }) };
    },
    addChannel(team, channelId, kind = 'standard') {
      tenant.channels.set(channelId, { team, kind });
    },
    addTag(team, tagId) {
      tenant.tags.set(team, new Set([...(tenant.tags.get(team) ?? []), tagId]));
    },
    removeTag(team, tagId) {
      tenant.tags.get(team)?.delete(tagId);
    },
    inPersonalChat(conversationId, userId) {
      personalChats.set(conversationId, new Set([...(personalChats.get(conversationId) ?? []), userId]));
    },
    installApp(idOrAadObjectId) {
      const m = memberById(idOrAadObjectId);
      if (!m) throw new Error(`installApp: the stand-in knows no member ${idOrAadObjectId}`);
      m.installed = true;
    },
    delivered(activity) {
      // A personal chat with a bot exists only once the app is installed for the user: its install event, and any
      // message or click in it, come from someone Rota is installed for.
      const personal = (activity.conversation as { conversationType?: string } | undefined)?.conversationType === 'personal';
      const from = (activity.from as { id?: string } | undefined)?.id;
      const m = personal && from ? memberById(from) : undefined;
      if (m) m.installed = true;
    },
    activities() {
      return requests.flatMap((r) => {
        if (r.path === '/v3/conversations' && r.body.activity) return [{ ...r, activity: r.body.activity as Record<string, unknown> }];
        return /\/activities/.test(r.path) ? [{ ...r, activity: r.body }] : [];
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A member by Teams user id, else by Entra object id or UPN (case-insensitive), as "Get single member details" finds them. */
function memberBy(known: Map<string, StandInMember>, userId: string): StandInMember | undefined {
  const lower = userId.toLowerCase();
  return known.get(userId) ?? [...known.values()].find((m) => m.aadObjectId === userId || (m.userPrincipalName ?? m.email).toLowerCase() === lower);
}

export interface Account {
  id: string;
  name: string;
  aadObjectId?: string;
}

export const BOT: Account = { id: '28:rota-bot', name: 'Rota' };

/** Who sends an activity when a test does not say. */
const DEFAULT_USER: Account = { id: '29:user-1', name: 'Alice Archer', aadObjectId: '00000000-0000-0000-0000-0000000000a1' };
const PERSONAL_CHAT = { id: 'a:personal-chat-1', conversationType: 'personal' };

/** What every activity from Teams to the bot carries, up to its conversation. */
function envelope(type: string, id: string, serviceUrl: string, from: Account = DEFAULT_USER): Record<string, unknown> {
  return { type, id, channelId: 'msteams', serviceUrl, from, recipient: BOT };
}

/** A Teams-like message activity addressed to the bot. */
export function messageActivity(serviceUrl: string, text: string): Record<string, unknown> {
  return { ...teamsMessage({ serviceUrl, text }), id: 'activity-1' };
}

let activitySeq = 0;

/** A Teams message: in a personal chat by default, or in a channel (`team`/`channel`), with people @mentioned. */
export function teamsMessage(o: {
  serviceUrl: string;
  text: string;
  from?: Account;
  conversation?: { id: string; conversationType: 'personal' | 'groupChat' | 'channel' };
  /** In a channel: Teams names the team by its thread id only (no aadGroupId on a message). */
  team?: StandInTeam;
  mentions?: Account[];
  value?: unknown;
  replyToId?: string;
}): Record<string, unknown> {
  const mentioned = o.mentions ?? [];
  const entities = [
    ...(o.text.includes('<at>Rota</at>') ? [{ type: 'mention', text: '<at>Rota</at>', mentioned: BOT }] : []),
    ...mentioned.map((m) => ({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: { id: m.id, name: m.name } })),
  ];
  return {
    ...envelope('message', `activity-${++activitySeq + 1}`, o.serviceUrl, o.from),
    timestamp: new Date(0).toISOString(),
    conversation: { ...(o.conversation ?? PERSONAL_CHAT), tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' }, ...(o.team ? { team: { id: o.team.threadId }, channel: { id: o.conversation?.id.split(';')[0] } } : {}) },
    text: o.text,
    ...(entities.length ? { entities } : {}),
    ...(o.value !== undefined ? { value: o.value } : {}),
    ...(o.replyToId ? { replyToId: o.replyToId } : {}),
  };
}

/**
 * Rota added to a team (conversationUpdate in the General channel, whose id is the team's thread id) or to a
 * personal chat. In a team Teams sends `team.id` (thread id) and `team.aadGroupId` (group id) together.
 */
export function installActivity(serviceUrl: string, o: { team?: StandInTeam; channel?: string; from?: Account } = {}): Record<string, unknown> {
  const channel = o.channel ?? o.team?.threadId;
  return {
    ...envelope('conversationUpdate', `install-${++activitySeq}`, serviceUrl, o.from),
    membersAdded: [BOT],
    conversation: channel ? { id: channel, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' } : { ...PERSONAL_CHAT, tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' }, ...(o.team ? { team: { id: o.team.threadId, aadGroupId: o.team.groupId, name: o.team.name }, channel: { id: channel }, eventType: 'teamMemberAdded' } : {}) },
  };
}

/** A click on an Action.Execute button: an `adaptiveCard/action` invoke. */
export function actionInvoke(serviceUrl: string, o: { verb: string; data: Record<string, unknown>; from?: Account; conversation?: { id: string; conversationType: string }; replyToId?: string }): Record<string, unknown> {
  return {
    ...envelope('invoke', `invoke-${++activitySeq}`, serviceUrl, o.from),
    name: 'adaptiveCard/action',
    conversation: { ...(o.conversation ?? PERSONAL_CHAT), tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...(o.replyToId ? { replyToId: o.replyToId } : {}),
    value: { action: { type: 'Action.Execute', verb: o.verb, data: o.data }, trigger: 'manual' },
  };
}
