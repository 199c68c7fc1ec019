/** Where Rota can post: a personal chat, a group chat or a channel, with the botbuilder reference to reach it. */
export interface ConversationRecord {
  conversationId: string;
  kind: 'personal' | 'groupChat' | 'channel';
  teamId?: string;
  tenantId?: string;
  userEmail?: string;
  /** A botbuilder ConversationReference, as JSON. */
  reference: Record<string, unknown>;
}

/** The conversation references Teams gave the bot, so it can post proactively later. */
export interface ConversationStore {
  saveConversation(c: ConversationRecord, now: number): Promise<void>;
  conversation(conversationId: string): Promise<ConversationRecord | undefined>;
  /** The newest personal chat with `email`. */
  personalConversation(email: string): Promise<ConversationRecord | undefined>;
  /** Any conversation in a team (to reach the team's service URL and tenant), newest first. */
  teamConversation(teamId: string): Promise<ConversationRecord | undefined>;
  /** Any stored conversation (for its service URL and tenant when opening a new 1:1 chat). */
  anyConversation(): Promise<ConversationRecord | undefined>;
}
