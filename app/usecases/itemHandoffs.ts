import { segmentsBetween, MS_PER_DAY as DAY } from '../../rotation/index.js';
import type { ChatDeps, RotationInfo, Snapshot } from './context.js';

/** The actor a handoff's passes are recorded with: Rota itself, at the handoff. */
export const HANDOFF_ACTOR = 'rota';

/** Who hands over at `at` and to whom: the last stretch before it and the first from it (as the handoff card reads them). */
export function handoffPeople(snap: Snapshot, rotationId: string, at: number): { outgoing: string[]; incoming: string[] } {
  const around = segmentsBetween(snap.schedule, at - 8 * DAY, at + 8 * DAY).filter((s) => s.rotation === rotationId);
  return { outgoing: around.filter((s) => s.start < at).at(-1)?.members ?? [], incoming: around.find((s) => s.start >= at)?.members ?? [] };
}

/**
 * Who the items go to when several come on duty together: the first of them in the roster's order (someone only an
 * override puts on duty comes after the roster's people). One holder keeps "owned to completion" clear; the others
 * are told on the handoff card and may ask for an item with "item take".
 */
export function passRecipient(rotation: RotationInfo, incoming: string[]): string | undefined {
  const position = (e: string) => {
    const i = rotation.def.members.findIndex((m) => m.toLowerCase() === e.toLowerCase());
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...incoming].sort((a, b) => position(a) - position(b))[0];
}

/**
 * The open items a handoff passes, as its card lists them: once its pass has run (passItemsAt), the items it
 * passed; before, the rotation's items held by outgoing people who go off duty. Items someone else took over stay
 * with them; an outgoing person who stays on duty keeps theirs.
 */
export async function itemsPassingAt(deps: ChatDeps, key: string, rotationId: string, outgoing: string[], incoming: string[]): Promise<Array<{ n: number; text: string }>> {
  const passed = await deps.stores.items.passedAt(key);
  if (passed) return passed;
  if (incoming.length === 0) return [];
  const leaving = new Set(outgoing.filter((e) => !incoming.includes(e)));
  const open = await deps.stores.items.items({ rotationId });
  return open.filter((i) => leaving.has(i.holder)).map((i) => ({ n: i.n, text: i.text }));
}

/**
 * The pass of a handoff (`key`, the handoff post's key), its own step of the minute tick: for every rotation, with a
 * channel or not, before and whether or not the card is posted. Once per key (ItemStore.passAtHandoff): a restart,
 * a crash after it or a second replica passes nothing more. Only items held since before `at`: a pass run late (Rota
 was down across the handoff) leaves what people opened or moved since where they put it. The numbers passed.
 */
export async function passItemsAt(deps: ChatDeps, snap: Snapshot, rotation: RotationInfo, key: string, at: number, now: number): Promise<number[]> {
  const { outgoing, incoming } = handoffPeople(snap, rotation.id, at);
  const to = passRecipient(rotation, incoming);
  if (!to) return [];
  const leaving = outgoing.filter((e) => !incoming.includes(e));
  return deps.stores.items.passAtHandoff(key, rotation.id, leaving, to, { actor: HANDOFF_ACTOR, source: 'system', now }, at);
}
