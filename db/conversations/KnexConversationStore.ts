import type { Knex } from 'knex';
import { z } from 'zod';
import { column, jsonColumn } from '../columns.js';
import type { ConversationRecord, ConversationStore } from './ConversationStore.js';

type ConversationRow = {
  conversation_id: string; kind: string; team_id: string | null; tenant_id: string | null; user_email: string | null;
  reference: string; updated_at: number;
};
const Kind = z.enum(['personal', 'groupChat', 'channel']);
const ReferenceColumn = z.record(z.string(), z.unknown());

/** ConversationStore on knex: `conversation_refs`, one row per conversation id. */
export class KnexConversationStore implements ConversationStore {
  private constructor(private readonly db: Knex) {}

  static create(db: Knex): KnexConversationStore {
    return new KnexConversationStore(db);
  }

  async saveConversation(c: ConversationRecord, now: number): Promise<void> {
    const cols = {
      kind: c.kind,
      team_id: c.teamId ?? null,
      tenant_id: c.tenantId ?? null,
      user_email: c.userEmail ?? null,
      reference: JSON.stringify(c.reference),
      updated_at: now,
    };
    await this.db('conversation_refs').insert({ conversation_id: c.conversationId, ...cols }).onConflict('conversation_id').merge(cols);
  }

  async conversation(conversationId: string): Promise<ConversationRecord | undefined> {
    return toConversation(await this.refs().where({ conversation_id: conversationId }).first());
  }

  async personalConversation(email: string): Promise<ConversationRecord | undefined> {
    return toConversation(await this.refs().where({ kind: 'personal', user_email: email.toLowerCase() }).orderBy('updated_at', 'desc').first());
  }

  async teamConversation(teamId: string): Promise<ConversationRecord | undefined> {
    return toConversation(await this.refs().where({ team_id: teamId }).orderBy('updated_at', 'desc').first());
  }

  async anyConversation(): Promise<ConversationRecord | undefined> {
    return toConversation(await this.refs().orderBy('updated_at', 'desc').first());
  }

  private refs() {
    return this.db<ConversationRow>('conversation_refs');
  }
}

function toConversation(r: ConversationRow | undefined): ConversationRecord | undefined {
  if (!r) return undefined;
  const at = (name: string) => ({ table: 'conversation_refs', column: name, id: r.conversation_id });
  return {
    conversationId: r.conversation_id,
    kind: column(Kind, r.kind, at('kind')),
    ...(r.team_id ? { teamId: r.team_id } : {}),
    ...(r.tenant_id ? { tenantId: r.tenant_id } : {}),
    ...(r.user_email ? { userEmail: r.user_email } : {}),
    reference: jsonColumn(ReferenceColumn, r.reference, at('reference')),
  };
}
