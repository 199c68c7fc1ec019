/** A Teams channel: its team's group id and the channel's id. */
export interface ChannelRef {
  team: string;
  id: string;
}

/**
 * Where a rotation's handoffs go: the channel an admin subscribed in Teams (`subscribe`), else the rotation
 * file's `channel`, else nowhere. The one rule the chat's posts and the sync's channel check both follow.
 */
export function postingChannel(
  subscribed: ReadonlyMap<string, ChannelRef>,
  rotationId: string,
  def: { channel?: ChannelRef | undefined } | undefined,
): ChannelRef | undefined {
  return subscribed.get(rotationId) ?? def?.channel;
}
