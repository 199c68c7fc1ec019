/**
 * The stores the sync reads and writes, as ports: the composition root injects them (today the knex classes of
 * db/ fit them as they are). Only what the sync calls is here.
 */

/** A Teams tag, a shared calendar, or one member's own calendar (`personal`, keyed by their e-mail / UPN). */
export type SyncTarget = 'tag' | 'calendar' | 'personal';

/** What Rota last did to one remote target of one rotation (a sync_state row). */
export interface StoredTarget {
  rotationId: string;
  target: SyncTarget;
  key: string;
  remoteId?: string;
  /** What Rota last wrote (tag members, a member's own events); parsed by the sync, never trusted blindly. */
  written: Record<string, unknown>;
  syncedAt?: number;
  lastError?: string;
  errorAt?: number;
  pending: number;
}

export interface StoredEvent {
  key: string;
  remoteId: string;
  written: { hash: string; start: number; end: number; subject: string };
}

export interface TargetPatch {
  remoteId?: string | null;
  written?: Record<string, unknown>;
  ok?: boolean;
  error?: string;
  pending?: number;
}

export interface Identity {
  objectId: string;
  displayName?: string;
}

export interface SyncStateStore {
  targets(): Promise<StoredTarget[]>;
  target(rotationId: string, target: SyncTarget, key: string): Promise<StoredTarget | undefined>;
  saveTarget(rotationId: string, target: SyncTarget, key: string, patch: TargetPatch, now: number): Promise<void>;
  deleteTarget(rotationId: string, target: SyncTarget, key: string): Promise<void>;
  events(rotationId: string): Promise<StoredEvent[]>;
  saveEvent(rotationId: string, event: StoredEvent, now: number): Promise<void>;
  deleteEvent(rotationId: string, key: string): Promise<void>;
  deleteEvents(rotationId: string): Promise<void>;
  identities(emails: string[]): Promise<Map<string, Identity>>;
  cacheIdentity(email: string, objectId: string, displayName: string | undefined): Promise<void>;
  latestNotes(rotationId: string, before: number): Promise<string | undefined>;
  saveChannelKind(rotationId: string, channel: { team: string; id: string }, membershipType: string | undefined, now: number): Promise<void>;
  keepChannels(current: ReadonlyMap<string, { team: string; id: string }>): Promise<void>;
}

export interface TeamOwnerStore {
  replace(teamId: string, owners: Array<{ userId: string; upn: string; mail?: string }>, now: number): Promise<void>;
  keepOnly(teamIds: string[]): Promise<void>;
  owners(teamId: string): Promise<unknown[]>;
}

export interface LeaseStore {
  tryAcquire(name: string, holder: string, ttlMs: number, now: number): Promise<boolean>;
  release(name: string, holder: string, now: number): Promise<void>;
  holderOf(name: string, now: number): Promise<string | undefined>;
}

/** The channel each rotation was subscribed to in chat (rotation id → channel), which wins over the file's. */
export interface SubscriptionStore {
  subscriptions(): Promise<ReadonlyMap<string, { team: string; id: string }>>;
}

export interface SyncStores {
  state: SyncStateStore;
  owners: TeamOwnerStore;
  leases: LeaseStore;
  subscriptions: SubscriptionStore;
}
