import type { NewOverride } from '../../db/types.js';
import { changedStretches, MS_PER_DAY as DAY, type ChangedStretch } from '../../rotation/index.js';
import { CATCH_UP_MS } from './claims.js';
import { snapshot, type ChatDeps, type Snapshot } from './context.js';
import { DutyCardData } from './dutyCardData.js';
import { missedAt } from './dutyRecord.js';
import { escalationKey } from './escalationPosts.js';
import { dutyAnswered, dutyMissed, escalationRaised, overrideMade, swapAccepted } from './webhookEvents.js';
import { webhookId, webhooksFor, type RotaEvent } from './webhookPayload.js';

/** Every event the minute job rebuilds from stored rows (duties, escalations, overrides and swaps), for the outbox. */
export async function eventsToCatchUp(deps: ChatDeps, now: number): Promise<RotaEvent[]> {
  return [...(await dutyEventsToCatchUp(deps, now)), ...(await escalationEventsToCatchUp(deps, now)), ...(await overrideEventsToCatchUp(deps, now))];
}

/**
 * The duty events of the last hours, rebuilt from the stored duty runs: an answer (done, skipped) whose event was
 * lost (Rota stopped between the answer and the outbox), and every duty that counted as missed (never sent, or not
 * answered by its missedAt). Keyed like the live events, so the outbox's unique key makes a repeat a no-op. Looks
 * back over duties due in the catch-up window and the day before it: a duty counts as missed up to a day after it.
 */
export async function dutyEventsToCatchUp(deps: ChatDeps, now: number): Promise<RotaEvent[]> {
  const snap = await snapshot(deps);
  const events: RotaEvent[] = [];
  for (const r of snap.rotations.filter((r) => webhooksFor(snap.state.settings.webhooks, 'duty', r.id).length > 0)) {
    for (const run of await deps.stores.duties.runsBetween(r.id, now - CATCH_UP_MS - DAY, now + 1)) {
      const data = DutyCardData.safeParse(run.detail);
      if (!data.success) continue;
      if (run.answer && run.actor && run.actedAt !== undefined) {
        events.push(dutyAnswered(data.data, run.answer, run.assignees, run.actor, run.actedAt, run.answer === 'skipped' ? run.reason : undefined));
        continue;
      }
      const missed = run.state === 'missed' ? run.updatedAt : missedAt(data.data.occurrence, r.timezone);
      if (missed <= now) events.push(dutyMissed(data.data, run.assignees, missed));
    }
  }
  return events;
}

/**
 * The escalations raised in the catch-up window, rebuilt from their items (an escalation is an item of kind
 * escalation, written before its post and its event): one whose event was lost is sent late, never not at all.
 */
export async function escalationEventsToCatchUp(deps: ChatDeps, now: number): Promise<RotaEvent[]> {
  const snap = await snapshot(deps);
  const events: RotaEvent[] = [];
  for (const r of snap.rotations.filter((r) => webhooksFor(snap.state.settings.webhooks, 'escalation', r.id).length > 0)) {
    // Every item of the rotation, open or closed (an escalation closed within minutes still happened).
    const recent = (await deps.stores.items.items({ rotationId: r.id, closed: true })).filter((i) => i.kind === 'escalation' && i.openedAt >= now - CATCH_UP_MS && i.openedAt <= now);
    for (const i of recent) events.push(escalationRaised(escalationKey(i.n), r.id, i.text, i.escalatedTo, { email: i.openedBy, now: i.openedAt }));
  }
  return events;
}

/**
 * The covers and takes made in chat, and the swaps accepted, in the catch-up window, rebuilt from their override rows
 * (a swap's two overrides are one event). A cancel has no catch-up: an override ended early keeps no trace of its end.
 * One whose `…:cancelled` is in the outbox is not rebuilt: its `made` was lost, and sending it after the cancel would
 * tell the receiver the cover stands.
 */
export async function overrideEventsToCatchUp(deps: ChatDeps, now: number): Promise<RotaEvent[]> {
  const snap = await snapshot(deps);
  const hooks = snap.state.settings.webhooks ?? [];
  if (!hooks.some((w) => w.events.includes('override') || w.events.includes('swap'))) return [];
  const events: RotaEvent[] = [];
  const swaps = new Set<string>();
  const cancelled = async (kind: 'override' | 'swap', id: string) => {
    for (const w of hooks.filter((h) => h.events.includes(kind))) if (await deps.stores.webhooks.delivery(`${kind}:${id}:cancelled`, webhookId(w.url))) return true;
    return false;
  };
  for (const o of (await deps.stores.changes.overridesMadeSince(now - CATCH_UP_MS)).filter((o) => o.createdAt <= now)) {
    const actor = { email: o.createdBy, now: o.createdAt };
    if (o.swapId) {
      const swap = swaps.has(o.swapId) ? undefined : await deps.stores.swaps.swap(o.swapId);
      swaps.add(o.swapId);
      if (swap && !(await cancelled('swap', swap.id))) events.push(swapAccepted(swap, actor));
      continue;
    }
    if (await cancelled('override', o.id)) continue;
    const made: NewOverride = { rotationId: o.rotationId, start: o.start, end: o.end, member: o.member, ...(o.replaces ? { replaces: o.replaces } : {}) };
    events.push(overrideMade(made, o.replaces ? [] : changedBy(snap, made), o.id, actor));
  }
  return events;
}

/** What the override changed (who it took over from when it named nobody): the schedule without it against with it. */
function changedBy(snap: Snapshot, o: NewOverride): ChangedStretch[] {
  const same = (x: { rotation: string; from: number; to: number; member: string }) => x.rotation === o.rotationId && x.from === o.start && x.to === o.end && x.member === o.member;
  const before = { ...snap.schedule, overrides: snap.schedule.overrides.filter((x) => !same(x)) };
  return changedStretches(before, snap.schedule, o.rotationId, o.start, o.end).changed;
}
