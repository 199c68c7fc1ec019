import type { DutyRun } from '../../db/duties/DutyStore.js';
import { MS_PER_MINUTE } from '../../rotation/index.js';
import { fail, ok, type Outcome } from '../../rotation/result.js';
import { snapshot, type ChatDeps, type PersonRef } from './context.js';
import type { PostedCopy } from './conversations.js';
import { DutyCardData } from './dutyCardData.js';
import { dutyCardView, dutyCopies, type DutyCardView } from './dutyCards.js';
import { mayAct } from './onDuty.js';
import { emit } from './events.js';
import { dutyAnswered } from './webhookEvents.js';

/** What a person does on a duty card. */
export type DutyAction = { kind: 'done' } | { kind: 'skip'; reason: string } | { kind: 'snooze'; minutes: 15 | 60 };

/** The card as it reads after the action, and the other copies to update in place. */
export interface DutyAnswer {
  card: DutyCardView;
  copies: PostedCopy[];
}

/**
 * Done, Skip (with a reason) or Snooze on a duty card. Only a person the card went to, whoever is on duty in the
 * rotation now, or an admin may; an answered duty shows what was recorded and changes nothing (the first answer
 * wins, in the store). `clicked` is the copy pressed: the invoke's answer replaces it, so it is not updated twice.
 */
export async function actOnDuty(
  deps: ChatDeps,
  by: PersonRef,
  key: string,
  action: DutyAction,
  now: number,
  clicked?: { conversationId: string; activityId?: string },
): Promise<Outcome<DutyAnswer>> {
  const run = await deps.stores.duties.run(key);
  const data = run ? DutyCardData.safeParse(run.detail) : undefined;
  if (!run || !data?.success) return fail('I know nothing about this duty.');
  const d = data.data;
  const snap = await snapshot(deps);
  const email = by.email.toLowerCase();
  if (!mayAct(snap, d.rotation.id, email, now, run.assignees)) {
    if (!snap.rotations.some((r) => r.id === d.rotation.id)) return fail(`${d.rotation.name} is no longer in the rotation file: only the people its card went to or an admin of the whole file can mark its duty; nothing changed.`);
    const to = (await dutyCardView(deps, run, d, now)).assignees.map((p) => p.displayName ?? p.email).join(', ') || 'the person on duty';
    return fail(`Only ${to} (the card went to them), whoever is on duty in ${d.rotation.name} now, or an admin can mark this duty; nothing changed.`);
  }
  if (run.answer) return ok({ card: await dutyCardView(deps, run, d, now), copies: [] });
  if (action.kind === 'skip' && !action.reason.trim()) return fail('Skip needs a reason: write why in the box, then press Skip again.');
  const ctx = { actor: email, source: 'chat' as const, now };
  const changed =
    action.kind === 'done'
      ? await deps.stores.duties.answer(key, { kind: 'done' }, ctx)
      : action.kind === 'skip'
        ? await deps.stores.duties.answer(key, { kind: 'skipped', reason: action.reason.trim().slice(0, 500) }, ctx)
        : await deps.stores.duties.snooze(key, now + action.minutes * MS_PER_MINUTE, ctx);
  const after = (await deps.stores.duties.run(key))!;
  if (changed && action.kind !== 'snooze') await emit(deps, dutyAnswered(d, action.kind === 'done' ? 'done' : 'skipped', run.assignees, email, now, action.kind === 'skip' ? action.reason.trim() : undefined));
  if (action.kind === 'snooze' && !changed && !after.answer) return fail(notSnoozed(after.state));
  const card = await dutyCardView(deps, after, d, now);
  return ok({ card, copies: changed ? await dutyCopies(deps, after, d, clicked) : [] });
}

/** Why a snooze changed nothing on an unanswered duty: only a card that went out, and is not going out again right now, snoozes. */
function notSnoozed(state: DutyRun['state']): string {
  if (state === 'missed') return 'Not snoozed: this duty\'s card was never sent (Rota was not running at its time); nothing changed.';
  return 'Not snoozed: the card is being sent again right now; try again in a minute.';
}
