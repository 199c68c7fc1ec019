import type { ChangeContext } from '../types.js';

/** A Teams channel: the team's group id and the channel id. */
export interface ChannelRef {
  team: string;
  id: string;
}

/** `subscribe`: the channel that receives a rotation's handoff posts instead of the rotation file's `channel`. */
export interface SubscriptionStore {
  subscribe(rotationId: string, channel: ChannelRef, ctx: ChangeContext): Promise<void>;
  /** Rotation id → the channel subscribed in Teams. */
  subscriptions(): Promise<Map<string, ChannelRef>>;
}
