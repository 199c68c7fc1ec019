/**
 * What the Bot Connector refuses, for the stand-in (connectorStandIn.ts). Each rule names the page it comes from.
 */

export type ChannelKind = 'standard' | 'private' | 'shared';

/** What the stand-in knows of the tenant beyond its members: channels by id, and the tags of each team. */
export interface ConnectorTenant {
  channels: Map<string, { team: string; kind: ChannelKind }>;
  tags: Map<string, Set<string>>;
}

export interface Refusal {
  status: number;
  body: { error: { code: string; message: string } };
}

const refuse = (status: number, code: string, message: string): Refusal => ({ status, body: { error: { code, message } } });

/**
 * The message size limit. "Format your bot messages" (https://learn.microsoft.com/microsoftteams/platform/bots/
 * how-to/format-your-bot-messages) gives 40 KB for the whole payload encoded as UTF-16 in one version and 100 KB
 * (80 KB advised) in a later one, answered with 413 RequestEntityTooLarge and error code MessageSizeTooBig; "Create
 * an Incoming Webhook" (…/webhooks-and-connectors/how-to/add-incoming-webhook) says 28 KB. The stand-in holds Rota
 * to the strictest: 28 KB of UTF-8 JSON, and 40 KB counted as UTF-16 (two bytes a code unit).
 */
export const MAX_ACTIVITY_UTF8_BYTES = 28 * 1024;
export const MAX_ACTIVITY_UTF16_BYTES = 40 * 1024;

export function sizeRefusal(activity: Record<string, unknown>): Refusal | undefined {
  const json = JSON.stringify(activity);
  if (Buffer.byteLength(json, 'utf8') <= MAX_ACTIVITY_UTF8_BYTES && json.length * 2 <= MAX_ACTIVITY_UTF16_BYTES) return undefined;
  return refuse(413, 'MessageSizeTooBig', 'The message is too big: the request entity is larger than Teams accepts');
}

interface MentionEntity {
  type?: string;
  mentioned?: { id?: string; type?: string };
}

/** Tag mentions in an activity: its own entities and those declared in its Adaptive Cards (`msteams.entities`). */
export function tagMentions(activity: Record<string, unknown>): string[] {
  const own = (activity.entities as MentionEntity[] | undefined) ?? [];
  const inCards = ((activity.attachments as Array<{ content?: { msteams?: { entities?: MentionEntity[] } } }> | undefined) ?? []).flatMap((a) => a.content?.msteams?.entities ?? []);
  return [...own, ...inCards].filter((e) => e.type === 'mention' && e.mentioned?.type === 'tag').map((e) => e.mentioned?.id ?? '');
}

/**
 * Tag mentions. "Channel and group chat conversations with a bot", section "Tag mention", table "Error code"
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations):
 * 400 Bad Request with "Mentioned tag with ID {id} doesn't exist in current team", "Tag can only be mentioned in
 * channel" or "Invalid mentioned tag because no tag exists in the team"; and under "Limitations", tag mentions are
 * not supported in shared and private channels (the stand-in answers those with the "only in channel" 400 too).
 * `conversationId` is where the activity goes; a thread's id is its channel's id with `;messageid=…`.
 */
export function tagRefusal(tenant: ConnectorTenant, conversationId: string, activity: Record<string, unknown>): Refusal | undefined {
  const tags = tagMentions(activity);
  if (tags.length === 0) return undefined;
  const channel = tenant.channels.get(conversationId.split(';')[0]!);
  if (!channel || channel.kind !== 'standard') return refuse(400, 'BadRequest', 'Tag can only be mentioned in channel');
  const known = tenant.tags.get(channel.team);
  if (!known || known.size === 0) return refuse(400, 'BadRequest', 'Invalid mentioned tag because no tag exists in the team');
  const unknown = tags.find((id) => !known.has(id));
  return unknown === undefined ? undefined : refuse(400, 'BadRequest', `Mentioned tag with ID ${unknown} doesn't exist in current team`);
}

/**
 * A 1:1 chat needs the app installed for the user. "Proactive messages" (https://learn.microsoft.com/microsoftteams/
 * platform/bots/how-to/conversations/send-proactive-messages): "For a user to receive proactive messages, install the
 * app for the user"; creating the conversation by Teams id or Entra object id works only then. Teams answers 403
 * `{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}`
 * (reported in MicrosoftDocs/bot-docs#1527 and OfficeDev/microsoft-teams-apps-company-communicator#744). A user the
 * tenant does not know is refused the same way by the stand-in. Installed means a personal installation (the user's
 * own, or Graph's "Install app for user"); the page also counts membership of a team where the app is installed,
 * which the stand-in does not (stricter: Rota installs proactively for everyone it may message 1:1).
 */
export function installRefusal(member: { installed?: boolean } | undefined): Refusal | undefined {
  if (member?.installed === true) return undefined;
  return refuse(403, 'BotNotInConversationRoster', 'The bot is not part of the conversation roster.');
}
