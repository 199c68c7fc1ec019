import { DateTime } from 'luxon';
import type { OofSuggestion } from '../../db/oof/OofStore.js';
import { fail, ok, type Outcome } from '../../rotation/result.js';
import { oofTimeOffRange } from '../../rotation/oofCover.js';
import { ctxOf, snapshot, type Actor, type ChatDeps } from './context.js';
import { oofNoLongerApplies } from './oofApplies.js';
import { homeZone } from './question.js';
import type { PostedCopy } from './conversations.js';
import { oofCardView, oofCopies, type OofCardView } from './oofCards.js';
import { recordTimeOff, type TimeOffAnswer, type TimeOffWriter } from './timeOff.js';

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
 * Yes or No on an out-of-office question, for the person it asks only. No is taken once (a conditional update with
 * its audit row) and never asked again, even when the block is read again. Yes first checks the question still
 * applies (the block has not ended and still covers a shift of theirs: else it expires, and nothing changes), then
 * records the block as time off exactly as `time off` does (confirmed: the card is the confirmation), less the time
 * off they already have at its start or end, and answers with its moves. The answer and the time off are written in
 * one transaction (acceptWithTimeOff): a crash leaves both or neither, and a retry records it once. Whole days are
 * decided in the person's home zone, the one the time off is written in.
 */
export async function answerOof(deps: ChatDeps, actor: Actor, id: string, yes: boolean, clicked?: { conversationId: string; activityId?: string }): Promise<Outcome<OofAnswered>> {
  const store = deps.stores.oof;
  const s = await store.suggestion(id);
  if (!s) return fail('I know no such out-of-office question (it may be from another Rota); nothing changed.');
  if (s.member !== actor.email.toLowerCase()) return fail(`This question is for ${s.member}; only they can answer it. Nothing changed.`);
  if (s.state !== 'new' && s.state !== 'asked') return fail(closed(s));
  const latest = async () => fail(closed((await store.suggestion(id))!));
  let timeOff: OofAnswered['timeOff'];
  if (!yes) {
    if (!(await store.answer(id, 'declined', ctxOf(actor)))) return latest();
  } else {
    const snap = await snapshot(deps);
    const gone = oofNoLongerApplies(snap, s, actor.now);
    const part = gone ? undefined : oofTimeOffRange(s.member, s, snap.schedule.timeOff);
    if (gone || !part) {
      const why = gone ?? 'time off you already have covers all of it';
      await store.expire(id, why, actor.now);
      return fail(`This question no longer applies (${why}); it has expired and nothing changed.`);
    }
    const zone = homeZone(snap, actor.email);
    const range = { from: part.start, to: part.end, fromDateOnly: isMidnight(part.start, zone), toDateOnly: isMidnight(part.end, zone) };
    const write: TimeOffWriter = async (t, ctx) => ((await store.acceptWithTimeOff(id, t, ctx)) ? undefined : closed((await store.suggestion(id))!));
    const recorded = await recordTimeOff(deps, actor, range, true, snap, write);
    if (!recorded.ok) return recorded;
    if (!recorded.value.recorded) return fail('That time off was not recorded; please try again.');
    timeOff = recorded.value;
  }
  const after = (await store.suggestion(id))!;
  return ok({ view: await oofCardView(deps, after), ...(timeOff ? { timeOff } : {}), copies: await oofCopies(deps, after, clicked) });
}
