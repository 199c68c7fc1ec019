import type { HandoverRecord } from '../../db/handovers/HandoverStore.js';
import { dutyNowOf } from './changes.js';
import type { ChatDeps, RotationInfo } from './context.js';
import { ok, type Outcome } from '../../rotation/result.js';

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
