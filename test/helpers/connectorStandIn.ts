import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelKind, ConnectorTenant } from './connectorRules.js';
import { connectorError, sendAnswer } from './connector/answer.js';
import { conversationsRoute, type ConversationsContext } from './connector/conversations.js';
import { memberById, membersRoute, type StandInMember } from './connector/members.js';
import { TEAM_1, teamDetailsRoute, type StandInTeam } from './connector/teams.js';
import { RateLimits } from './connector/rateLimits.js';

/**
 * A stand-in for the Bot Connector service, for what Rota uses (shapes from the Bot Framework REST API reference),
 * each route with the rules it follows in its own file under connector/:
 * - sending, replying, updating a card in place, and creating a 1:1 chat or a channel thread: conversations.ts;
 * - a member's details and the team roster: members.ts; team details: teams.ts;
 * - the activities Teams sends the bot, for tests to post: activities.ts;
 * and 429 with Retry-After, or 412/502/504, on demand (here). It refuses what Teams refuses (connectorRules.ts): tag
 * mentions outside a standard channel or of a tag the team does not have (400), a 1:1 chat with someone Rota is not
 * installed for (403), and messages over the size limit (413).
 */

export type { StandInMember } from './connector/members.js';
export { TEAM_1, type StandInTeam } from './connector/teams.js';
export { actionInvoke, BOT, installActivity, messageActivity, teamsMessage, type Account } from './connector/activities.js';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

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
  /**
   * From now on, Teams' rate limits (connector/rateLimits.ts) on `clock` (the test's): a request over one is answered
   * 429. The limits' refusals so far.
   */
  limitRates(clock: () => number): RateLimits;
  close(): Promise<void>;
}

export async function startConnectorStandIn(members: StandInMember[] = []): Promise<ConnectorStandIn> {
  const requests: RecordedRequest[] = [];
  const known = new Map(members.map((m) => [m.id, m]));
  let failing: { count: number; status: number; retryAfter?: number } = { count: 0, status: 429 };
  const tenant: ConnectorTenant = { channels: new Map(), tags: new Map() };
  const teams = new Map([[TEAM_1.threadId, TEAM_1]]);
  const personalChats = new Map<string, Set<string>>();
  const conversations: ConversationsContext = { known, personalChats, tenant, next: 1, url: '' };
  let rates: RateLimits | undefined;
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
        return sendAnswer(res, connectorError(400, 'BadArgument', 'invalid JSON'));
      }
      requests.push({ method, path, headers: req.headers, body });
      if (failing.count > 0) {
        failing.count--;
        const code = failing.status === 429 ? 'Throttled' : `Http${failing.status}`;
        const headers: Record<string, string> = failing.retryAfter === undefined ? {} : { 'retry-after': String(failing.retryAfter) };
        return sendAnswer(res, { ...connectorError(failing.status, code, `stand-in answers ${failing.status} on demand`), headers });
      }
      const limited = rates?.check(method, path);
      if (limited) return sendAnswer(res, limited);
      const answer =
        membersRoute({ known, personalChats }, method, path) ??
        teamDetailsRoute(teams, method, path) ??
        conversationsRoute(conversations, method, path, body) ??
        connectorError(404, 'NotFound', `no route ${method} ${path}`);
      sendAnswer(res, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  conversations.url = url;
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
      const m = memberById(known, idOrAadObjectId);
      if (!m) throw new Error(`installApp: the stand-in knows no member ${idOrAadObjectId}`);
      m.installed = true;
    },
    delivered(activity) {
      // A personal chat with a bot exists only once the app is installed for the user: its install event, and any
      // message or click in it, come from someone Rota is installed for.
      const personal = (activity.conversation as { conversationType?: string } | undefined)?.conversationType === 'personal';
      const from = (activity.from as { id?: string } | undefined)?.id;
      const m = personal && from ? memberById(known, from) : undefined;
      if (m) m.installed = true;
    },
    activities() {
      return requests.flatMap((r) => {
        if (r.path === '/v3/conversations' && r.body.activity) return [{ ...r, activity: r.body.activity as Record<string, unknown> }];
        return /\/activities/.test(r.path) ? [{ ...r, activity: r.body }] : [];
      });
    },
    limitRates(clock) {
      rates ??= new RateLimits(clock);
      return rates;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
