/** A Teams tag, a shared calendar, or one member's own calendar (`personal`, keyed by their e-mail / UPN). */
export type SyncTarget = 'tag' | 'calendar' | 'personal';

/** What Rota last did to one remote target (a tag, a calendar) of one rotation. */
export interface TargetState {
  rotationId: string;
  target: SyncTarget;
  /** "team/tag name" or "mailbox/calendar name". */
  key: string;
  remoteId?: string;
  /** What Rota last wrote: tag members, or nothing for a calendar (its events have their own rows). */
  written: Record<string, unknown>;
  syncedAt?: number;
  lastError?: string;
  errorAt?: number;
  /** Operations planned but not done by the last run. */
  pending: number;
}

/** One calendar event Rota wrote: keyed by the segment, with the remote id and a hash of what was written. */
export interface EventState {
  key: string;
  remoteId: string;
  written: { hash: string; start: number; end: number; subject: string };
}

/** A Teams channel: the team's group id and the channel id. */
export type ChannelAt = { team: string; id: string };

/** sync_state keys: a tag by team and name, a channel by team and channel id. */
export const tagKey = (t: { team: string; name: string }): string => `${t.team}/${t.name}`;
export const channelKey = (c: ChannelAt): string => `${c.team}/${c.id}`;

/**
 * Who an address of the rotation file is in Entra: the object id is the identity; the UPN and mail Graph gave are
 * aliases (lower case), either of which may differ from the address itself (that may be a proxy address).
 */
export interface SyncIdentity {
  objectId: string;
  displayName?: string;
  upn?: string;
  mail?: string;
}

/** What the Graph sync remembers between runs: per target what it wrote, the events it made, channels, identities. */
export interface SyncStateStore {
  targets(rotationId?: string): Promise<TargetState[]>;
  target(rotationId: string, target: SyncTarget, key: string): Promise<TargetState | undefined>;
  /** Records a run's outcome for a target; fields left out keep their value. */
  saveTarget(
    rotationId: string,
    target: SyncTarget,
    key: string,
    patch: { remoteId?: string | null; written?: Record<string, unknown>; ok?: boolean; error?: string; pending?: number },
    now: number,
  ): Promise<void>;
  /** Forgets a target Rota no longer syncs. */
  deleteTarget(rotationId: string, target: SyncTarget, key: string): Promise<void>;

  /**
   * What the sync last read of a channel a rotation posts to (`membershipType`: standard, private, shared), or
   * forgotten with `undefined`.
   */
  saveChannelKind(rotationId: string, channel: ChannelAt, membershipType: string | undefined, now: number): Promise<void>;
  /** Forgets the channel rows of rotations that no longer post there. */
  keepChannels(current: ReadonlyMap<string, ChannelAt>): Promise<void>;
  channelKind(rotationId: string, channel: ChannelAt): Promise<string | undefined>;
  /**
   * The id of the rotation's synced tag when it may be @mentioned in `channel`: tags work in standard channels
   * only, so a private, shared or not yet read channel gets none.
   */
  mentionableTagId(rotationId: string, tag: { team: string; name: string }, channel: ChannelAt): Promise<string | undefined>;

  events(rotationId: string): Promise<EventState[]>;
  saveEvent(rotationId: string, event: EventState, now: number): Promise<void>;
  deleteEvent(rotationId: string, key: string): Promise<void>;
  /** Forgets every event row of a rotation (its shared calendar is no longer synced). */
  deleteEvents(rotationId: string): Promise<void>;

  /** The cached identities of these addresses (any case), by address in lower case. */
  identities(emails: string[]): Promise<Map<string, SyncIdentity>>;
  /** Those of these addresses (lower case, sorted) whose cached identity was written before `before`: due a re-read. */
  identitiesCachedBefore(emails: string[], before: number): Promise<string[]>;
  /** The addresses (lower case, sorted) the sync resolved to this Entra object id: usually one. */
  addressesOf(objectId: string): Promise<string[]>;
  /** Caches what Graph said of an address (replacing what was cached for it). */
  cacheIdentity(address: string, identity: SyncIdentity, now: number): Promise<void>;
  /** The latest handover notes written for a shift that started before `before`, signed by their author. */
  latestNotes(rotationId: string, before: number): Promise<string | undefined>;
}
