import type { ConversationStore } from '../db/conversations/ConversationStore.js';
import type { InstallationStore } from '../db/installations/InstallationStore.js';
import type { LeaseStore } from '../db/leases/LeaseStore.js';
import type { SubscriptionStore } from '../db/subscriptions/SubscriptionStore.js';
import type { SyncStateStore } from '../db/sync/SyncStateStore.js';
import type { TeamOwnerStore } from '../db/teamOwners/TeamOwnerStore.js';
import type { TeamStore } from '../db/teams/TeamStore.js';
import type { OofStore } from '../db/oof/OofStore.js';

export type { EventState, SyncIdentity, SyncStateStore, SyncTarget, TargetState } from '../db/sync/SyncStateStore.js';

/** The stores the sync reads and writes, by their ports; the composition root injects them (db/stores.ts builds them). */
export interface SyncStores {
  syncState: SyncStateStore;
  leases: LeaseStore;
  teamOwners: TeamOwnerStore;
  /** Each team's group id and thread id, as learned (rotation files may name a team by either). */
  teams: TeamStore;
  /** The channel each rotation was subscribed to in chat, which wins over the file's. */
  subscriptions: Pick<SubscriptionStore, 'subscriptions'>;
  /** Who has a personal chat with the bot (no installation needed), read only. */
  conversations: Pick<ConversationStore, 'personalConversation'>;
  /** Each person's proactive-installation outcome, for `rota status`. */
  installations: InstallationStore;
  /** Outlook out-of-office questions the sync finds (absent: not looked for). */
  oof?: OofStore;
}
