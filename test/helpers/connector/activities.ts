import type { StandInTeam } from './teams.js';

/**
 * Activities as Teams sends them to the bot (Bot Framework "Activity schema", Teams' channelData): messages in a
 * personal chat or a channel with their @mentions, Rota's install event, and card clicks (Action.Execute invokes).
 * Ids are unique within a test file.
 */

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
