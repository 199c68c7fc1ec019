import type { ChatDeps } from './context.js';

/** The actor a handoff's passes are recorded with: Rota itself, at the handoff. */
export const HANDOFF_ACTOR = 'rota';

/**
 * The open items a handoff passes: the rotation's items held by the outgoing people, to the (first) incoming person.
 * Items someone else took over stay with them; an outgoing person who stays on duty keeps theirs.
 */
export async function itemsPassingAt(deps: ChatDeps, rotationId: string, outgoing: string[], incoming: string[]): Promise<Array<{ n: number; text: string }>> {
  const to = incoming[0];
  if (!to) return [];
  const leaving = new Set(outgoing.filter((e) => !incoming.includes(e)));
  const open = await deps.stores.items.items({ rotationId });
  return open.filter((i) => leaving.has(i.holder)).map((i) => ({ n: i.n, text: i.text }));
}

/** Passes them, once per handoff post (`key`): a restart or a second replica passes nothing more. Their numbers. */
export async function passItemsAtHandoff(deps: ChatDeps, h: { key: string; rotationId: string; outgoing: string[]; incoming: string[] }, now: number): Promise<number[]> {
  const to = h.incoming[0];
  if (!to) return [];
  const leaving = h.outgoing.filter((e) => !h.incoming.includes(e));
  return deps.stores.items.passAtHandoff(h.key, h.rotationId, leaving, to, { actor: HANDOFF_ACTOR, source: 'system', now });
}
