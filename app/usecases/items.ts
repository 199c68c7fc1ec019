import type { ItemEvent } from '../../db/items/ItemStore.js';
import { fail, ok, type Outcome } from '../../rotation/result.js';
import { ctxOf, personRefs, snapshot, type Actor, type ChatDeps, type PersonRef, type RotationInfo } from './context.js';
import { findItem, itemRotation, mayMove, nameOf, newHolder } from './itemRotation.js';
import { whyEscalationNotPosted } from './escalationPosts.js';
import { itemViews, type ItemView } from './itemViews.js';

/** At most this many characters of text an item keeps: it is shown on cards and in lists. */
export const MAX_ITEM_TEXT = 500;

/** `item add [rotation] <text or link>`: a new item, held by the person on duty (the asker if they are), or next on duty in a gap. */
export async function addItem(deps: ChatDeps, actor: Actor, args: string): Promise<Outcome<{ item: ItemView; rotation: RotationInfo; onDutyFrom?: number }>> {
  const snap = await snapshot(deps);
  const chosen = itemRotation(snap, actor.email, actor.now, args);
  if (!chosen.ok) return chosen;
  const { rotation, rest: text } = chosen.value;
  if (!text) return fail(`What is the item? Write it after the command: "item add ${rotation.id} Nightly backup failed".`);
  if ([...text].length > MAX_ITEM_TEXT) return fail(`text: at most ${MAX_ITEM_TEXT} characters, this item has ${[...text].length}. Shorten it (a link is fine).`);
  const { holder, onDutyFrom } = newHolder(snap, rotation, actor.email, actor.now);
  const stored = await deps.stores.items.openItem({ rotationId: rotation.id, kind: 'item', text, holder }, ctxOf(actor));
  return ok({ item: (await itemViews(deps, [stored]))[0]!, rotation, ...(onDutyFrom !== undefined ? { onDutyFrom } : {}) });
}

/** `items [rotation] [all]`: the open items (with `all`, the closed ones too), oldest first. */
export async function listItems(deps: ChatDeps, args: string): Promise<Outcome<{ items: ItemView[]; rotations: RotationInfo[]; all: boolean; fileZone: string }>> {
  const snap = await snapshot(deps);
  const words = args.trim().split(/\s+/).filter(Boolean);
  const all = words.includes('all') || words.includes('closed');
  const named = words.filter((w) => w !== 'all' && w !== 'closed').join(' ');
  const rotation = named ? snap.rotations.find((r) => r.id === named || r.name.toLowerCase() === named.toLowerCase()) : undefined;
  if (named && !rotation) return fail(`I know no rotation "${named}". Rotations here: ${snap.rotations.map((r) => `${r.id} (${r.name})`).join(', ') || '(none)'}.`);
  const stored = await deps.stores.items.items({ ...(rotation ? { rotationId: rotation.id } : {}), closed: all });
  return ok({ items: await itemViews(deps, stored), rotations: rotation ? [rotation] : snap.rotations, all, fileZone: snap.state.settings.timezone });
}

/** One line of an item's history, with its people. */
export interface ItemHistoryLine {
  kind: ItemEvent['kind'];
  at: number;
  actor: PersonRef;
  from?: PersonRef;
  to?: PersonRef;
  atHandoff: boolean;
  note?: string;
}

/** `item <n>`: the item and who opened, held, passed and closed it, and when; an escalation never posted says why. */
export async function showItem(deps: ChatDeps, args: string): Promise<Outcome<{ item: ItemView; rotation?: RotationInfo; history: ItemHistoryLine[]; notPosted?: string; zone: string }>> {
  const found = await findItem(deps, args, true);
  if (!found.ok) return found;
  const events = await deps.stores.items.events(found.value.n);
  const refs = await personRefs(deps.stores, [...new Set(events.flatMap((e) => [e.actor, ...(e.from ? [e.from] : []), ...(e.to ? [e.to] : [])]))]);
  const ref = (e: string) => refs.get(e) ?? { email: e };
  const history = events.map((e) => ({
    kind: e.kind, at: e.at, actor: ref(e.actor), atHandoff: e.handoffKey !== undefined,
    ...(e.from ? { from: ref(e.from) } : {}), ...(e.to ? { to: ref(e.to) } : {}), ...(e.note ? { note: e.note } : {}),
  }));
  const snap = await snapshot(deps);
  const rotation = snap.rotations.find((r) => r.id === found.value.rotationId);
  // A rotation since removed from the file: the item's times in the file's zone.
  const zone = rotation?.timezone ?? snap.state.settings.timezone;
  const notPosted = found.value.kind === 'escalation' ? await whyEscalationNotPosted(deps, found.value.n) : undefined;
  return ok({ item: (await itemViews(deps, [found.value]))[0]!, ...(rotation ? { rotation } : {}), history, zone, ...(notPosted ? { notPosted } : {}) });
}

/** Who may close or pass an item, for the refusal. */
const whoMay = (holder: string) => `only its holder (${holder}), the person on duty or an admin can`;

/** `item done <n> [note]`: closed by its holder, the person on duty or an admin, once. */
export async function closeItem(deps: ChatDeps, actor: Actor, args: string): Promise<Outcome<ItemView>> {
  const [number = '', ...note] = args.trim().split(/\s+/);
  const found = await findItem(deps, number);
  if (!found.ok) return found;
  const item = found.value;
  if (!mayMove(await snapshot(deps), item, actor.email, actor.now)) return fail(`#${item.n} is not yours to close: ${whoMay(await nameOf(deps, item.holder))}. Nothing changed.`);
  const text = note.join(' ').trim();
  if (!(await deps.stores.items.closeItem(item.n, text || undefined, ctxOf(actor)))) return fail(`#${item.n} was closed already; nothing changed.`);
  return ok((await itemViews(deps, [(await deps.stores.items.item(item.n))!]))[0]!);
}

/** `item assign <n> @person`: passed to a rotation member by its holder, the person on duty or an admin. */
export async function assignItem(deps: ChatDeps, actor: Actor, args: string, to: PersonRef | undefined): Promise<Outcome<{ item: ItemView; from: PersonRef; rotationName: string }>> {
  const [number = ''] = args.trim().split(/\s+/);
  const found = await findItem(deps, number);
  if (!found.ok) return found;
  const item = found.value;
  if (!to) return fail(`Pass #${item.n} to whom? Mention them: item assign ${item.n} @person`);
  const snap = await snapshot(deps);
  const members = new Set(snap.rotations.flatMap((r) => r.def.members.map((m) => m.toLowerCase())));
  if (!members.has(to.email)) return fail(`${to.displayName ?? to.email} is in no rotation, so #${item.n} cannot go to them. Nothing changed.`);
  if (!mayMove(snap, item, actor.email, actor.now)) return fail(`#${item.n} is not yours to pass: ${whoMay(await nameOf(deps, item.holder))}. Nothing changed.`);
  if (item.holder === to.email) return fail(`#${item.n} is already held by ${to.displayName ?? to.email}; nothing changed.`);
  if (!(await deps.stores.items.moveItem(item.n, item.holder, to.email, 'assigned', ctxOf(actor)))) return fail(`#${item.n} changed hands or closed just now; say "item ${item.n}" and try again.`);
  const [view] = await itemViews(deps, [(await deps.stores.items.item(item.n))!]);
  const rotationName = snap.rotations.find((r) => r.id === item.rotationId)?.name ?? item.rotationId;
  return ok({ item: view!, from: (await personRefs(deps.stores, [item.holder])).get(item.holder)!, rotationName });
}
