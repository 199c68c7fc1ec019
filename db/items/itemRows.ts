import { z } from 'zod';
import { column, jsonColumn } from '../columns.js';
import type { ItemEvent, StoredItem, TakeOverRequest } from './ItemStore.js';

// The rows of `items`, `item_events` and `item_requests` (migration 0012) and how they read back: enums and JSON
// columns parsed with their schema, numbers made numbers (PostgreSQL gives bigints as strings).

export type ItemRow = {
  n: number; rotation_id: string; kind: string; text: string; holder: string; opened_by: string; opened_at: number; escalated_to: string;
  awaiting_key: string | null; closed_by: string | null; closed_at: number | null; close_note: string | null; updated_at: number;
};
export type EventRow = { id: number; item_n: number; rotation_id: string; kind: string; actor: string; from_holder: string | null; to_holder: string | null; handoff_key: string | null; note: string | null; at: number };
export type RequestRow = { id: string; item_n: number; requester: string; holder: string; state: string; created_at: number; decided_at: number | null };

const Kind = z.enum(['item', 'escalation']);
const EventKind = z.enum(['opened', 'assigned', 'taken', 'passed', 'accepted', 'closed']);
const RequestState = z.enum(['asked', 'accepted', 'declined', 'stale', 'undelivered']);
const Emails = z.array(z.string());

export function toItem(r: ItemRow): StoredItem {
  const at = { table: 'items', id: String(r.n) };
  return {
    n: Number(r.n),
    rotationId: r.rotation_id,
    kind: column(Kind, r.kind, { ...at, column: 'kind' }),
    text: r.text,
    holder: r.holder,
    openedBy: r.opened_by,
    openedAt: Number(r.opened_at),
    escalatedTo: jsonColumn(Emails, r.escalated_to, { ...at, column: 'escalated_to' }),
    ...(r.awaiting_key ? { awaitingKey: r.awaiting_key } : {}),
    ...(r.closed_by ? { closedBy: r.closed_by } : {}),
    ...(r.closed_at !== null ? { closedAt: Number(r.closed_at) } : {}),
    ...(r.close_note ? { closeNote: r.close_note } : {}),
  };
}

export function toEvent(r: EventRow): ItemEvent {
  return {
    n: Number(r.item_n),
    rotationId: r.rotation_id,
    kind: column(EventKind, r.kind, { table: 'item_events', column: 'kind', id: String(r.id) }),
    actor: r.actor,
    at: Number(r.at),
    ...(r.from_holder ? { from: r.from_holder } : {}),
    ...(r.to_holder ? { to: r.to_holder } : {}),
    ...(r.handoff_key ? { handoffKey: r.handoff_key } : {}),
    ...(r.note ? { note: r.note } : {}),
  };
}

export function toRequest(r: RequestRow): TakeOverRequest {
  return {
    id: r.id,
    n: Number(r.item_n),
    requester: r.requester,
    holder: r.holder,
    state: column(RequestState, r.state, { table: 'item_requests', column: 'state', id: r.id }),
    createdAt: Number(r.created_at),
    ...(r.decided_at !== null ? { decidedAt: Number(r.decided_at) } : {}),
  };
}
