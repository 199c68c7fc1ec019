import type { DutyCopy, DutyRun } from '../../db/duties/DutyStore.js';
import { channelConversation, type PostedCopy } from './conversations.js';
import { personRefs, type ChatDeps, type PersonRef } from './context.js';
import { DutyCardData } from './dutyCardData.js';
import { dutyStatus, type DutyState } from './dutyRecord.js';

export { DutyCardData };

/** What a duty card shows: the duty, who it went to, and its state with who did what when. */
export interface DutyCardView extends DutyState {
  data: DutyCardData;
  snoozedBy?: PersonRef;
  /** A snoozed card coming back: the fresh card says it was snoozed. */
  back?: { by: PersonRef; at: number };
}

/** Where the duties job's cards go; the bot implements it (botbuilder stays in bot/). */
export interface DutyPoster {
  /** The card in a person's personal chat; undefined when Rota cannot reach them (or throws PersonUnreachable). */
  sendToPerson(view: DutyCardView, to: PersonRef): Promise<{ conversationId: string; activityId?: string } | undefined>;
  /** The card as a new thread in the rotation's channel; undefined when no conversation of that team is stored. */
  postToChannel(view: DutyCardView, channel: { team: string; id: string }): Promise<{ conversationId: string; activityId?: string } | undefined>;
  /** The card's copy for a shadow: marked as shadowing, no buttons (app/usecases/shadowCopies.ts). */
  sendShadowCopy?(view: DutyCardView, to: PersonRef): Promise<{ conversationId: string; activityId?: string } | undefined>;
}

/** A run as its card shows it at `now`. */
export async function dutyCardView(deps: ChatDeps, run: DutyRun, data: DutyCardData, now: number): Promise<DutyCardView> {
  const emails = [...new Set([...run.assignees, ...(run.actor ? [run.actor] : []), ...(run.snoozedBy ? [run.snoozedBy] : [])])];
  const refs = await personRefs(deps.stores, emails);
  const ref = (e: string) => refs.get(e) ?? { email: e };
  const status = dutyStatus(data.occurrence, run, data.rotation.timezone, now);
  return {
    data,
    status,
    late: run.late,
    assignees: run.assignees.map(ref),
    ...(run.answer && run.actor ? { actor: ref(run.actor) } : {}),
    ...(run.answer && run.actedAt !== undefined ? { actedAt: run.actedAt } : {}),
    ...(run.reason ? { reason: run.reason } : {}),
    ...(status === 'snoozed' && run.snoozedUntil !== undefined ? { snoozedUntil: run.snoozedUntil } : {}),
    ...(run.snoozedBy ? { snoozedBy: ref(run.snoozedBy) } : {}),
  };
}

/** Every copy of a run's card that can be updated in place, but the one `except` names (the card clicked, when Teams says which). */
export async function dutyCopies(deps: ChatDeps, run: DutyRun, data: DutyCardData, except?: { conversationId: string; activityId?: string }): Promise<PostedCopy[]> {
  const channel = data.channel ? await channelConversation(deps, data.channel) : undefined;
  const out: PostedCopy[] = [];
  for (const c of run.copies) {
    if (except?.activityId !== undefined && c.conversationId === except.conversationId && c.activityId === except.activityId) continue;
    const conversation = c.via === 'channel' ? channel : await deps.stores.conversations.conversation(c.conversationId);
    if (conversation) out.push({ conversation, conversationId: c.conversationId, activityId: c.activityId });
  }
  return out;
}

export type { DutyCopy };
