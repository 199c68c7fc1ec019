import { subscribeChannel, subscriptionTarget } from './changes.js';
import { teamIds, type Actor, type ChatDeps, type RotationInfo } from './context.js';
import type { TeamPair } from '../../rotation/teamIds.js';
import { ok, fail, type Outcome } from '../../rotation/result.js';
import type { ConversationRecord } from './conversations.js';

/** A channel `subscribe` was said in: the conversation, its team and the channel's own id. */
export interface SubscribingChannel {
  conversation: ConversationRecord;
  team: string;
  channelId: string;
}

/** `subscribe` is said in the team channel that should receive the posts; anywhere else it is refused at once. */
export function subscriptionPlace(here: ConversationRecord, channelId: string | undefined): Outcome<SubscribingChannel> {
  if (here.kind !== 'channel' || !here.teamId) return fail('Say this in the team channel that should receive the handoff posts: @Rota subscribe ops');
  return ok({ conversation: here, team: here.teamId, channelId: channelId ?? here.conversationId });
}

/**
 * `subscribe [rotation]` in a channel (admins only): the channel is remembered and receives the rotation's handoff
 * posts. The subscription names the team by its thread id (what Teams sends); the sync needs its group id, so when
 * Rota does not know the pair yet (it was added to the team before it kept pairs) `learnTeam` asks Teams for it.
 */
export async function subscribeHere(
  deps: ChatDeps,
  actor: Actor,
  args: string,
  place: SubscribingChannel,
  learnTeam: () => Promise<TeamPair | undefined> = async () => undefined,
): Promise<Outcome<RotationInfo>> {
  const target = await subscriptionTarget(deps, actor.email, args);
  if (!target.ok) return target;
  const rotation = target.value;
  if (!(await teamIds(deps.stores)).groupIdOf(place.team)) {
    const pair = await learnTeam();
    if (pair) await deps.stores.teams.savePair(pair, 'teams', actor.now);
  }
  await deps.stores.conversations.saveConversation({ ...place.conversation, conversationId: place.channelId, kind: 'channel' }, actor.now);
  await subscribeChannel(deps, actor, rotation, { team: place.team, id: place.channelId });
  return ok(rotation);
}
