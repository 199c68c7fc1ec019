import type { TakeOverRequest } from '../../db/items/ItemStore.js';
import { fail, ok, type Outcome } from '../../rotation/result.js';
import { ctxOf, isAdmin, personRefs, snapshot, type Actor, type ChatDeps, type PersonRef } from './context.js';
import { findItem } from './itemRotation.js';
import { itemViews, type ItemView } from './itemViews.js';

/** What the take-over card shows: who asks for which item, and once answered, the answer. */
export interface TakeOverView {
  requestId: string;
  item: ItemView;
  rotationName: string;
  /** The rotation's zone (the file's once the rotation is gone), for the times shown. */
  zone: string;
  requester: PersonRef;
  holder: PersonRef;
  state: TakeOverRequest['state'];
  decidedAt?: number;
}

async function viewOf(deps: ChatDeps, request: TakeOverRequest): Promise<TakeOverView> {
  const item = (await deps.stores.items.item(request.n))!;
  const snap = await snapshot(deps);
  const rotation = snap.rotations.find((r) => r.id === item.rotationId);
  const refs = await personRefs(deps.stores, [request.requester, request.holder]);
  return {
    requestId: request.id,
    item: (await itemViews(deps, [item]))[0]!,
    rotationName: rotation?.name ?? item.rotationId,
    // A rotation since removed from the file: its times in the file's zone, as the rest of Rota shows them.
    zone: rotation?.timezone ?? snap.state.settings.timezone,
    requester: refs.get(request.requester)!,
    holder: refs.get(request.holder)!,
    state: request.state,
    ...(request.decidedAt !== undefined ? { decidedAt: request.decidedAt } : {}),
  };
}

/**
 * `item take <n>`: a team member (of the item's rotation, someone it was escalated to, or an admin) asks its holder,
 * who answers on a card; nothing moves until they do.
 */
export async function askTakeOver(deps: ChatDeps, actor: Actor, args: string): Promise<Outcome<TakeOverView>> {
  const found = await findItem(deps, args);
  if (!found.ok) return found;
  const item = found.value;
  if (item.holder === actor.email) return fail(`#${item.n} is already yours.`);
  const rotation = (await snapshot(deps)).rotations.find((r) => r.id === item.rotationId);
  const member = rotation && (rotation.def.members.some((m) => m.toLowerCase() === actor.email) || isAdmin(rotation, actor.email));
  if (!member && !item.escalatedTo.includes(actor.email)) return fail(`Only members of ${rotation?.name ?? item.rotationId} can take over #${item.n}; nothing changed.`);
  const request = await deps.stores.items.askTakeOver({ n: item.n, requester: actor.email, holder: item.holder }, ctxOf(actor));
  return ok(await viewOf(deps, request));
}

/** "Let them" / "Keep it" on the take-over card: only the holder asked answers, once; a moved item makes it stale. */
export async function answerTakeOver(deps: ChatDeps, actor: Actor, requestId: string, accept: boolean): Promise<Outcome<TakeOverView & { answeredNow: boolean }>> {
  const request = await deps.stores.items.takeOverRequest(requestId);
  if (!request) return fail('I know nothing about this take-over request; nothing changed.');
  if (request.holder !== actor.email) {
    const holder = (await personRefs(deps.stores, [request.holder])).get(request.holder)!;
    return fail(`Only ${holder.displayName ?? holder.email} can answer this: #${request.n} was theirs when it was asked. Nothing changed.`);
  }
  const answer = await deps.stores.items.answerTakeOver(requestId, accept, ctxOf(actor));
  return ok({ ...(await viewOf(deps, answer.request)), answeredNow: answer.outcome !== 'already' });
}

/**
 * The take-over card could not reach the holder: the request is closed with the reason (audited; nothing moves, and
 * a card that turns up later finds it closed), and the requester's answer says so. Only the requester closes it.
 */
export async function takeOverUndelivered(deps: ChatDeps, actor: Actor, requestId: string, reason: string): Promise<Outcome<TakeOverView>> {
  const request = await deps.stores.items.takeOverRequest(requestId);
  if (!request || request.requester !== actor.email) return fail('I know nothing about this take-over request; nothing changed.');
  await deps.stores.items.closeUndelivered(requestId, reason, ctxOf(actor));
  return ok(await viewOf(deps, (await deps.stores.items.takeOverRequest(requestId))!));
}
