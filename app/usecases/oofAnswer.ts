import { DateTime } from 'luxon';
import type { OofSuggestion } from '../../db/oof/OofStore.js';
import { fail, ok, type Outcome } from '../../rotation/result.js';
import { ctxOf, type Actor, type ChatDeps } from './context.js';
import type { PostedCopy } from './conversations.js';
import { oofCardView, oofCopies, type OofCardView } from './oofCards.js';
import { recordTimeOff, type TimeOffAnswer } from './timeOff.js';

export interface OofAnswered {
  view: OofCardView;
  /** Yes: the time off as `time off` answers it (what moved, to whom, what stays). */
  timeOff?: Extract<TimeOffAnswer, { recorded: true }>;
  /** Copies of the card to update in place besides the one clicked. */
  copies: PostedCopy[];
}

const isMidnight = (t: number, zone: string) => DateTime.fromMillis(t, { zone }).startOf('day').toMillis() === t;

/** Why a question cannot be answered (again): each says what happened before and that nothing changed now. */
function closed(s: OofSuggestion): string {
  if (s.state === 'accepted') return 'You marked this out-of-office block as time off already; nothing changed (say "my changes" to see it).';
  if (s.state === 'declined') return 'You answered No to this already, and Rota will not ask about this block again; nothing changed.';
  return `This question has expired${s.note ? ` (${s.note})` : ''}; nothing changed.`;
}

/**
 * Yes or No on an out-of-office question, for the person it asks only. The answer is taken once (a conditional
 * update with its audit row), then Yes records the block as time off exactly as `time off` does (confirmed: the card
 * is the confirmation) and answers with its moves; if the time off cannot be recorded (the block is over), the Yes
 * is undone and the question stays open. No is recorded and never asked again, even when the block is read again.
 */
export async function answerOof(deps: ChatDeps, actor: Actor, id: string, yes: boolean, clicked?: { conversationId: string; activityId?: string }): Promise<Outcome<OofAnswered>> {
  const s = await deps.stores.oof.suggestion(id);
  if (!s) return fail('I know no such out-of-office question (it may be from another Rota); nothing changed.');
  if (s.member !== actor.email.toLowerCase()) return fail(`This question is for ${s.member}; only they can answer it. Nothing changed.`);
  if (s.state !== 'new' && s.state !== 'asked') return fail(closed(s));
  if (!(await deps.stores.oof.answer(id, yes ? 'accepted' : 'declined', ctxOf(actor)))) return fail(closed((await deps.stores.oof.suggestion(id))!));
  let timeOff: OofAnswered['timeOff'];
  if (yes) {
    const zone = s.detail.zone;
    const range = { from: s.start, to: s.end, fromDateOnly: isMidnight(s.start, zone), toDateOnly: isMidnight(s.end, zone) };
    const recorded = await recordTimeOff(deps, actor, range, true).catch(async (err: unknown) => {
      await deps.stores.oof.undoAccept(id, actor.now);
      throw err;
    });
    if (!recorded.ok || !recorded.value.recorded) {
      await deps.stores.oof.undoAccept(id, actor.now);
      return recorded.ok ? fail('That time off was not recorded; please try again.') : recorded;
    }
    timeOff = recorded.value;
  }
  const after = (await deps.stores.oof.suggestion(id))!;
  return ok({ view: await oofCardView(deps, after), ...(timeOff ? { timeOff } : {}), copies: await oofCopies(deps, after, clicked) });
}
