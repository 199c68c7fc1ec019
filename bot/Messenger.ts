import { TeamsInfo, type Activity, type CloudAdapter, type ConversationReference, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { withConnectorRetries, type Sleep } from './connectorRetry.js';

export interface Delivered {
  conversationId: string;
  activityId?: string;
}

export interface MessengerLogger {
  warn(obj: object, msg: string): void;
}

const realSleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export interface MessengerOptions {
  /** Attempts in all for an answer Teams says to retry (connectorRetry.ts). */
  maxAttempts?: number;
  /** How the back-off waits; tests inject one that does not wait on real time. */
  sleep?: Sleep;
}

/**
 * Proactive messages through stored conversation references and the adapter's continue-conversation API.
 * Teams throttles bots per conversation (about 7 messages a second): sends to one conversation are queued, and a
 * 429, 412, 502 or 504 is retried with back-off (connectorRetry.ts).
 */
export class Messenger {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly maxAttempts: number;
  private readonly sleep: Sleep;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly log: MessengerLogger,
    options: MessengerOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 4;
    this.sleep = options.sleep ?? realSleep;
  }

  /**
   * Runs `work` with a turn context and a connector client for the conversation of `reference`. A failure is thrown
   * to the caller (to retry, post without the tag, or record the person as unreachable): left inside the turn, the
   * adapter's onTurnError would take it and answer "Sorry…" into the conversation instead.
   */
  private async withConnector<T>(reference: Partial<ConversationReference>, work: (client: ConnectorClient, context: TurnContext) => Promise<T>): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; err: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      const client = context.turnState.get<ConnectorClient>(this.adapter.ConnectorClientKey);
      outcome = await work(client, context).then(
        (value) => ({ ok: true as const, value }),
        (err: unknown) => ({ ok: false as const, err }),
      );
    });
    if (!outcome) throw new Error('the Bot Connector turn ended before the call was made');
    if (!outcome.ok) throw outcome.err;
    return outcome.value;
  }

  private queued<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.retrying(work));
    this.queues.set(conversationId, run);
    void run.finally(() => this.queues.get(conversationId) === run && this.queues.delete(conversationId)).catch(() => undefined);
    return run;
  }

  private retrying<T>(work: () => Promise<T>): Promise<T> {
    return withConnectorRetries(work, { maxAttempts: this.maxAttempts, sleep: this.sleep, log: this.log });
  }

  /**
   * Asks Teams about a member of a team (GET /v3/conversations/{teamThreadId}/members/{userId}), through a stored
   * conversation of that team (its service URL): a team knows all its members by Teams id, UPN or Entra object id.
   */
  teamMember(reference: Partial<ConversationReference>, teamThreadId: string, userId: string): Promise<TeamsChannelAccount> {
    return this.retrying(() => this.withConnector(reference, (_client, context) => TeamsInfo.getTeamMember(context, teamThreadId, userId)));
  }

  /** Runs a call of the turn's own (a reply, an update) with the same retries as proactive sends. */
  retry<T>(work: () => Promise<T>): Promise<T> {
    return this.retrying(work);
  }

  /** Posts into an existing conversation (a personal chat, a group chat, a channel thread). */
  send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<Delivered> {
    const conversationId = reference.conversation!.id;
    return this.queued(conversationId, () =>
      this.withConnector(reference, async (client) => {
        const res = await client.conversations.sendToConversation(conversationId, { type: 'message', ...activity } as Activity);
        return { conversationId, ...(res.id ? { activityId: res.id } : {}) };
      }),
    );
  }

  /** Replaces a card or message the bot sent earlier (PUT …/activities/{id}). */
  update(reference: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void> {
    const conversationId = reference.conversation!.id;
    return this.queued(conversationId, () =>
      this.withConnector(reference, async (client) => {
        await client.conversations.updateActivity(conversationId, activityId, { type: 'message', id: activityId, ...activity } as Activity);
      }),
    );
  }

  /**
   * Opens a 1:1 chat with a user (POST /v3/conversations), using any stored reference in the same tenant for the
   * service URL, then posts the activity there. Returns where it went and the new chat's reference. `user.id` is
   * the Teams user id (29:…) or the Entra object id: "Proactive messages" (https://learn.microsoft.com/
   * microsoftteams/platform/bots/how-to/conversations/send-proactive-messages) creates the conversation with either,
   * and only once the app is installed for the user (else 403 BotNotInConversationRoster).
   */
  async sendPersonal(
    via: Partial<ConversationReference>,
    user: { id: string },
    tenantId: string | undefined,
    activity: Partial<Activity>,
  ): Promise<Delivered & { reference: Partial<ConversationReference> }> {
    const created = await this.retrying(() =>
      this.withConnector(via, (client) =>
        client.conversations.createConversation({
          isGroup: false,
          bot: via.bot!,
          members: [{ id: user.id, name: '' }],
          ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
        } as Parameters<ConnectorClient['conversations']['createConversation']>[0]),
      ),
    );
    const reference: Partial<ConversationReference> = {
      ...via,
      conversation: { id: created.id!, conversationType: 'personal', isGroup: false, ...(tenantId ? { tenantId } : {}) } as ConversationReference['conversation'],
      user: { id: user.id, name: '' },
    };
    delete (reference as { activityId?: string }).activityId;
    const sent = await this.send(reference, activity);
    return { ...sent, reference };
  }

  /** Starts a new thread in a Teams channel (POST /v3/conversations with the channel and the first activity). */
  async startThread(via: Partial<ConversationReference>, channelId: string, tenantId: string | undefined, activity: Partial<Activity>): Promise<Delivered> {
    const created = await this.queued(channelId, () =>
      this.withConnector(via, (client) =>
        client.conversations.createConversation({
          isGroup: true,
          bot: via.bot!,
          channelData: { channel: { id: channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
          activity: { type: 'message', ...activity } as Activity,
          ...(tenantId ? { tenantId } : {}),
        } as Parameters<ConnectorClient['conversations']['createConversation']>[0]),
      ),
    );
    return { conversationId: created.id!, ...(created.activityId ? { activityId: created.activityId } : {}) };
  }
}

/** A reference for a conversation id on the same service as `base` (e.g. a channel thread). */
export function referenceFor(base: Partial<ConversationReference>, conversationId: string): Partial<ConversationReference> {
  const { activityId: _a, ...rest } = base as Partial<ConversationReference> & { activityId?: string };
  return { ...rest, conversation: { ...(base.conversation ?? {}), id: conversationId } as ConversationReference['conversation'] };
}
