import { segmentsBetween, MS_PER_DAY as DAY } from '../../rotation/index.js';
import type { ChangeItem } from './changeItems.js';
import type { NewOverride } from '../../db/types.js';
import type { ChangedStretch } from '../../rotation/index.js';
import type { Actor, Snapshot } from './context.js';
import type { RotaEvent } from './webhookPayload.js';

/** The handoff of `rotation` at `at`, from the last stretch before it to the first from it (an `hours` gap in between). */
export function handoffEvent(snap: Snapshot, rotation: string, at: number): RotaEvent {
  const around = segmentsBetween(snap.schedule, at - 8 * DAY, at + 8 * DAY).filter((s) => s.rotation === rotation);
  const before = around.filter((s) => s.start < at).at(-1);
  const after = around.find((s) => s.start >= at);
  return { id: `handoff:${rotation}:${at}`, event: 'handoff', action: 'handoff', rotation, from: before?.members ?? [], to: after?.members ?? [], who: 'rota', when: at };
}

/** A cover (or a take) written: `from` is the person it replaces, `to` the one who covers. */
export function overrideMade(o: NewOverride, changed: ChangedStretch[], id: string, actor: Actor): RotaEvent {
  const from = o.replaces ? [o.replaces] : [...new Set(changed.flatMap((c) => c.before))];
  return { id: `override:${id}:made`, event: 'override', action: 'made', rotation: o.rotationId, from, to: [o.member], who: actor.email, when: actor.now, start: o.start, end: o.end };
}

/** A swap accepted: the proposer's and the counterpart's shifts changed hands. */
export function swapAccepted(swap: { id: string; rotationId: string; proposer: string; counterpart: string }, actor: Actor): RotaEvent {
  return { id: `swap:${swap.id}:accepted`, event: 'swap', action: 'accepted', rotation: swap.rotationId, from: [swap.proposer], to: [swap.counterpart], who: actor.email, when: actor.now };
}

/** A cover or an accepted swap cancelled (time off has no event); undefined for anything else. */
export function cancelledEvent(item: ChangeItem, actor: Actor): RotaEvent | undefined {
  if (item.kind === 'cover') {
    const o = item.override;
    return { id: `override:${item.id}:cancelled`, event: 'override', action: 'cancelled', rotation: item.rotation.id, from: [o.member], to: o.replaces ? [o.replaces] : [], who: actor.email, when: actor.now, start: Math.max(item.start, actor.now), end: item.end };
  }
  if (item.kind === 'swap' && item.swap.state === 'accepted') {
    return { id: `swap:${item.id}:cancelled`, event: 'swap', action: 'cancelled', rotation: item.rotation.id, from: [item.swap.counterpart], to: [item.swap.proposer], who: actor.email, when: actor.now, start: Math.max(item.start, actor.now), end: item.end };
  }
  return undefined;
}

/** A duty marked done or skipped on its card (the first answer; a snooze is no event). */
export function dutyAnswered(d: { occurrence: { key: string; rotation: string; task: string } }, answer: 'done' | 'skipped', assignees: string[], by: string, now: number, reason?: string): RotaEvent {
  const detail = reason ? `${d.occurrence.task} (skipped: ${reason})` : d.occurrence.task;
  return { id: `${d.occurrence.key}:${answer}`, event: 'duty', action: answer, rotation: d.occurrence.rotation, from: assignees, to: [by], who: by, when: now, detail };
}

/** A duty that counted as missed (never sent, or not answered in time): from those it was for, by nobody. */
export function dutyMissed(d: { occurrence: { key: string; rotation: string; task: string } }, assignees: string[], at: number): RotaEvent {
  return { id: `${d.occurrence.key}:missed`, event: 'duty', action: 'missed', rotation: d.occurrence.rotation, from: assignees, to: [], who: 'rota', when: at, detail: d.occurrence.task };
}

/** An escalation raised: from whoever raised it to the escalation rotation's people. */
export function escalationRaised(key: string, rotation: string, text: string, to: string[], actor: Actor): RotaEvent {
  return { id: key, event: 'escalation', action: 'raised', rotation, from: [actor.email], to, who: actor.email, when: actor.now, detail: text };
}
