import type { HandoverRecord } from '../../db/handovers/HandoverStore.js';
import { dutyNowOf } from './changes.js';
import { ctxOf, type Actor, type ChatDeps, type RotationInfo } from './context.js';
import { fail, ok, type Outcome } from '../../rotation/result.js';

/**
 * What a handover may hold, in characters: the form's `maxLength` (bot/cards.ts handoverForm) is these, and the save
 * checks them again, as an Action.Submit fallback or a hand-made submission skips the client's limit. The handoff
 * card also cuts what does not fit its byte budget (4,000 CJK characters are 12 KB of UTF-8).
 */
export const MAX_HANDOVER_NOTES = 4000;
/** The open items as the form holds them: one a line. */
export const MAX_HANDOVER_ITEMS_TEXT = 4000;

const characters = (s: string) => [...s].length;
const n = (x: number) => x.toLocaleString('en-US');

/** The first field over its limit, named with the limit and what it holds; undefined when both fit. */
export function handoverTooLong(notes: string, openItems: string[]): string | undefined {
  const checks: Array<[string, number, number]> = [
    ['notes', characters(notes), MAX_HANDOVER_NOTES],
    ['openItems', characters(openItems.join('\n')), MAX_HANDOVER_ITEMS_TEXT],
  ];
  const over = checks.find(([, has, max]) => has > max);
  return over && `${over[0]}: at most ${n(over[2])} characters, this handover has ${n(over[1])}. Shorten it and save again.`;
}

/** `handover`: one form per shift the person is on duty in now, with what they wrote for it so far. */
export async function handoverForms(
  deps: ChatDeps,
  email: string,
  now: number,
  rotationId?: string,
): Promise<Outcome<Array<{ rotation: RotationInfo; existing?: HandoverRecord }>>> {
  const duty = await dutyNowOf(deps, email, now, rotationId);
  if (!duty.ok) return duty;
  const forms = [];
  for (const d of duty.value) {
    const existing = await deps.stores.handovers.handover(d.rotation.id, d.shiftStart);
    forms.push({ rotation: d.rotation, ...(existing ? { existing } : {}) });
  }
  return ok(forms);
}

/** "Save handover": notes and open items for the shift in progress, refused when over the limits above. */
export async function saveHandover(
  deps: ChatDeps,
  actor: Actor,
  rotationId: string | undefined,
  notes: string,
  openItems: string[],
): Promise<Outcome<{ rotation: RotationInfo; shiftStart: number }>> {
  const tooLong = handoverTooLong(notes.trim(), openItems);
  if (tooLong) return fail(tooLong);
  const duty = await dutyNowOf(deps, actor.email, actor.now, rotationId);
  if (!duty.ok) return duty;
  const { rotation, shiftStart } = duty.value[0]!;
  await deps.stores.handovers.saveHandover({ rotationId: rotation.id, shiftStart, author: actor.email, notes: notes.trim(), openItems }, ctxOf(actor));
  return ok({ rotation, shiftStart });
}
