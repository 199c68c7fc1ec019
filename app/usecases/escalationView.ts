import type { ConversationRecord } from './conversations.js';
import type { PersonRef, RotationInfo } from './context.js';
import type { ItemView } from './itemViews.js';

/** An escalation recorded as an open item, and where its post goes (`channel`), or why it cannot (`notPosted`). */
export interface Escalation {
  /** The post's key in bot_posts: its outcome (posted, undelivered) is recorded there. */
  key: string;
  item: ItemView;
  rotation: RotationInfo;
  escalation: { id: string; name: string; timezone: string };
  from: PersonRef;
  /** Who is on duty in the escalation rotation, or (nobody is now: an `hours` gap) next, from `toFrom`. */
  to: PersonRef[];
  toFrom?: number;
  /** The holder's next stretch when nobody is on duty in the rotation now (newHolder). */
  holderFrom?: number;
  tag?: { id: string; name: string };
  channel?: { conversation: ConversationRecord; channelId: string };
  notPosted?: string;
}
