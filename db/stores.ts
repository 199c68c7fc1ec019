import type { Knex } from 'knex';
import { KnexChangeStore } from './changes/KnexChangeStore.js';
import type { ChangeStore } from './changes/ChangeStore.js';
import { KnexConversationStore } from './conversations/KnexConversationStore.js';
import type { ConversationStore } from './conversations/ConversationStore.js';
import { KnexDutyStore } from './duties/KnexDutyStore.js';
import type { DutyStore } from './duties/DutyStore.js';
import { KnexHandoverStore } from './handovers/KnexHandoverStore.js';
import type { HandoverStore } from './handovers/HandoverStore.js';
import { KnexItemStore } from './items/KnexItemStore.js';
import type { ItemStore } from './items/ItemStore.js';
import { KnexInstallationStore } from './installations/KnexInstallationStore.js';
import type { InstallationStore } from './installations/InstallationStore.js';
import { KnexLeaseStore } from './leases/KnexLeaseStore.js';
import type { LeaseStore } from './leases/LeaseStore.js';
import { KnexPeopleStore } from './people/KnexPeopleStore.js';
import type { PeopleStore } from './people/PeopleStore.js';
import { KnexPostStore } from './posts/KnexPostStore.js';
import type { PostStore } from './posts/PostStore.js';
import { KnexRotationStore } from './rotations/KnexRotationStore.js';
import type { RotationStore } from './rotations/RotationStore.js';
import { KnexSubscriptionStore } from './subscriptions/KnexSubscriptionStore.js';
import type { SubscriptionStore } from './subscriptions/SubscriptionStore.js';
import { KnexSwapStore } from './swaps/KnexSwapStore.js';
import type { SwapStore } from './swaps/SwapStore.js';
import { KnexSyncStateStore } from './sync/KnexSyncStateStore.js';
import type { SyncStateStore } from './sync/SyncStateStore.js';
import { KnexTeamStore } from './teams/KnexTeamStore.js';
import type { TeamStore } from './teams/TeamStore.js';
import { KnexTeamOwnerStore } from './teamOwners/KnexTeamOwnerStore.js';
import type { TeamOwnerStore } from './teamOwners/TeamOwnerStore.js';
import { KnexOofStore } from './oof/KnexOofStore.js';
import type { OofStore } from './oof/OofStore.js';
import { KnexWebhookStore } from './webhooks/KnexWebhookStore.js';
import type { WebhookStore } from './webhooks/WebhookStore.js';
import { KnexNoticeStore } from './notices/KnexNoticeStore.js';
import type { NoticeStore } from './notices/NoticeStore.js';

/** Every store, by its port: what the composition root and the CLI hand to the use cases, jobs and the sync. */
export interface Stores {
  rotations: RotationStore;
  people: PeopleStore;
  conversations: ConversationStore;
  subscriptions: SubscriptionStore;
  changes: ChangeStore;
  swaps: SwapStore;
  handovers: HandoverStore;
  posts: PostStore;
  syncState: SyncStateStore;
  leases: LeaseStore;
  teamOwners: TeamOwnerStore;
  teams: TeamStore;
  installations: InstallationStore;
  duties: DutyStore;
  items: ItemStore;
  /** Outlook out-of-office questions (issue #13). */
  oof: OofStore;
  webhooks: WebhookStore;
  notices: NoticeStore;
}

/** Builds each store once on one database; call it once per opened database and inject what it returns. */
export function createStores(db: Knex): Stores {
  return {
    rotations: KnexRotationStore.create(db),
    people: KnexPeopleStore.create(db),
    conversations: KnexConversationStore.create(db),
    subscriptions: KnexSubscriptionStore.create(db),
    changes: KnexChangeStore.create(db),
    swaps: KnexSwapStore.create(db),
    handovers: KnexHandoverStore.create(db),
    posts: KnexPostStore.create(db),
    syncState: KnexSyncStateStore.create(db),
    leases: KnexLeaseStore.create(db),
    teamOwners: KnexTeamOwnerStore.create(db),
    teams: KnexTeamStore.create(db),
    installations: KnexInstallationStore.create(db),
    duties: KnexDutyStore.create(db),
    items: KnexItemStore.create(db),
    oof: KnexOofStore.create(db),
    webhooks: KnexWebhookStore.create(db),
    notices: KnexNoticeStore.create(db),
  };
}
