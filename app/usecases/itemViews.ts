import { personRefs, type ChatDeps, type PersonRef } from './context.js';
import type { StoredItem } from '../../db/items/ItemStore.js';

/*
 * The seam between open items (item commands, escalate, passing at handoffs) and what reads them (morning and
 * evening checks, the handoff card, stats): `openItems` and `itemActivity` below.
 */

export type ItemKind = 'item' | 'escalation';

export interface ItemView {
  /** The number people type: "item done 12". Unique across rotations, never reused. */
  n: number;
  rotationId: string;
  kind: ItemKind;
  text: string;
  holder: PersonRef;
  openedBy: PersonRef;
  openedAt: number;
  /** An escalation: who it went to (the escalation rotation's person on duty then). */
  escalatedTo?: PersonRef[];
  closedBy?: PersonRef;
  closedAt?: number;
  closeNote?: string;
  /** Passed to this holder at a handoff and not yet accepted (the handoff acknowledgement accepts it). */
  awaitingAcceptance?: boolean;
}

/** What happened to a rotation's items in [from, to): for "since the last check" and `stats`. */
export interface ItemActivity {
  opened: ItemView[];
  closed: ItemView[];
  escalations: ItemView[];
  /** Items passed from one holder to the next at a handoff in the window (carried over). */
  carried: Array<{ item: ItemView; from: PersonRef; to: PersonRef; at: number }>;
}

/** A rotation's open items, oldest first. */
export async function openItems(deps: ChatDeps, rotationId: string): Promise<ItemView[]> {
  return itemViews(deps, await deps.stores.items.items({ rotationId }));
}

/**
 * What happened to a rotation's items in [from, to): `opened` holds every item opened (escalations too),
 * `escalations` the escalations among them, `closed` the items closed, `carried` each pass at a handoff.
 */
export async function itemActivity(deps: ChatDeps, rotationId: string, from: number, to: number): Promise<ItemActivity> {
  const events = await deps.stores.items.eventsBetween(rotationId, from, to);
  const numbers = [...new Set(events.map((e) => e.n))];
  const stored = (await Promise.all(numbers.map((n) => deps.stores.items.item(n)))).flatMap((i) => (i ? [i] : []));
  const views = new Map((await itemViews(deps, stored)).map((v) => [v.n, v]));
  const of = (kind: string) => [...new Set(events.filter((e) => e.kind === kind).map((e) => e.n))].flatMap((n) => (views.has(n) ? [views.get(n)!] : []));
  const passes = events.filter((e) => e.kind === 'passed' && e.from && e.to && views.has(e.n));
  const refs = await personRefs(deps.stores, [...new Set(passes.flatMap((e) => [e.from!, e.to!]))]);
  const opened = of('opened');
  return {
    opened,
    closed: of('closed'),
    escalations: opened.filter((i) => i.kind === 'escalation'),
    carried: passes.map((e) => ({ item: views.get(e.n)!, from: refs.get(e.from!)!, to: refs.get(e.to!)!, at: e.at })),
  };
}

/** An item as chat shows it, with everyone in it as a PersonRef. */
export async function itemViews(deps: ChatDeps, items: StoredItem[]): Promise<ItemView[]> {
  const emails = [...new Set(items.flatMap((i) => [i.holder, i.openedBy, ...i.escalatedTo, ...(i.closedBy ? [i.closedBy] : [])]))];
  const refs = await personRefs(deps.stores, emails);
  const ref = (e: string): PersonRef => refs.get(e) ?? { email: e };
  return items.map((i) => ({
    n: i.n,
    rotationId: i.rotationId,
    kind: i.kind,
    text: i.text,
    holder: ref(i.holder),
    openedBy: ref(i.openedBy),
    openedAt: i.openedAt,
    ...(i.kind === 'escalation' ? { escalatedTo: i.escalatedTo.map(ref) } : {}),
    ...(i.closedBy ? { closedBy: ref(i.closedBy) } : {}),
    ...(i.closedAt !== undefined ? { closedAt: i.closedAt } : {}),
    ...(i.closeNote ? { closeNote: i.closeNote } : {}),
    ...(i.awaitingKey ? { awaitingAcceptance: true } : {}),
  }));
}

