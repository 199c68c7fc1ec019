import type { StoredItem } from '../../db/items/ItemStore.js';
import { fail, ok, type Outcome } from '../../rotation/result.js';
import { segmentsBetween, MS_PER_DAY as DAY } from '../../rotation/index.js';
import { mayAct, onDutyFor, onDutyNow } from './onDuty.js';
import { personRefs, splitRotation, type ChatDeps, type RotationInfo, type Snapshot } from './context.js';

/** The rotation an item command is about, and the text that remains: "item add ops Backups failed" → ops, "Backups failed". */
export function itemRotation(snap: Snapshot, email: string, now: number, text: string, command = 'item add'): Outcome<{ rotation: RotationInfo; rest: string }> {
  const named = leadingRotation(snap, text);
  if (named) return ok(named);
  const onDuty = snap.rotations.filter((r) => onDutyNow(snap, r.id, now).includes(email));
  if (onDuty.length === 1) return ok({ rotation: onDuty[0]!, rest: text.trim() });
  const member = snap.rotations.filter((r) => r.def.members.some((m) => m.toLowerCase() === email));
  if (onDuty.length === 0 && member.length === 1) return ok({ rotation: member[0]!, rest: text.trim() });
  const candidates = onDuty.length ? onDuty : member.length ? member : snap.rotations;
  const among = candidates.map((r) => `${r.id} (${r.name})`).join(', ') || '(none)';
  return fail(`Which rotation? Name it first, e.g. "${command} ${candidates[0]?.id ?? 'ops'} …". Rotations: ${among}.`);
}

/**
 * A rotation named at the start of the text only: splitRotation also looks at the end, and an item's text may well
 * end with a word that is a rotation's id ("restart the nightly build on dev").
 */
function leadingRotation(snap: Snapshot, text: string): { rotation: RotationInfo; rest: string } | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  for (let n = Math.min(words.length, 6); n >= 1; n--) {
    const split = splitRotation(snap, words.slice(0, n).join(' '));
    if (split.rotation && split.rest === '') return { rotation: split.rotation, rest: words.slice(n).join(' ') };
  }
  return undefined;
}

export { onDutyNow };

/** Who holds a new item, and from when they are on duty when that is later than `now`. */
export interface NewHolder {
  holder: string;
  /** In an `hours` gap: the start of the holder's next stretch ("held by Dave, on duty from 20:00"). */
  onDutyFrom?: number;
}

/**
 * Who holds a new item: the asker when on duty, else the rotation's person on duty now; in an `hours` gap (nobody on
 * the night on call at 10:00) the people of the next stretch (onDutyFor), so the item passes on with their shift
 * instead of staying for good with whoever opened it. Nobody within a week: the asker.
 */
export function newHolder(snap: Snapshot, rotation: RotationInfo, email: string, now: number): NewHolder {
  const onDuty = onDutyNow(snap, rotation.id, now);
  if (onDuty.length) return { holder: onDuty.includes(email) ? email : onDuty[0]! };
  const next = onDutyFor(snap, rotation.id, now);
  if (next.length === 0) return { holder: email };
  const holder = next.includes(email) ? email : next[0]!;
  const from = onDutyFrom(snap, rotation.id, holder, now);
  return { holder, ...(from !== undefined ? { onDutyFrom: from } : {}) };
}

/** The start of the first stretch of the rotation after `now` that `email` is on duty in, within a week (onDutyFor's horizon). */
export function onDutyFrom(snap: Snapshot, rotationId: string, email: string, now: number): number | undefined {
  return segmentsBetween(snap.schedule, now, now + 8 * DAY).find((s) => s.rotation === rotationId && s.start >= now && s.members.includes(email))?.start;
}

/** Only the holder, the rotation's person on duty now or an admin closes or passes an item. */
export function mayMove(snap: Snapshot, item: StoredItem, email: string, now: number): boolean {
  return mayAct(snap, item.rotationId, email, now, [item.holder]);
}

/** "#12": the number people type, with or without the hash; undefined when it is not one. */
export function itemNumber(text: string): number | undefined {
  const m = /^#?(\d{1,9})$/.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

/** An item by the number typed, refused with what was wrong: not a number, unknown, or (unless `closedToo`) closed. */
export async function findItem(deps: ChatDeps, text: string, closedToo = false): Promise<Outcome<StoredItem>> {
  const n = itemNumber(text);
  if (n === undefined) return fail(`"${text.trim() || '(nothing)'}" is not an item number: write it as in "items", e.g. #12.`);
  const item = await deps.stores.items.item(n);
  if (!item) return fail(`There is no item #${n}. Say "items" to see the open ones.`);
  if (item.closedAt !== undefined && !closedToo) return fail(`#${n} is closed already${item.closedBy ? ` (by ${await nameOf(deps, item.closedBy)})` : ''}; nothing changed.`);
  return ok(item);
}

/** A person as an answer names them without pinging them: their name, else their address. */
export async function nameOf(deps: ChatDeps, email: string): Promise<string> {
  return (await personRefs(deps.stores, [email])).get(email)?.displayName ?? email;
}
