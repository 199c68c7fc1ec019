import type { SyncTarget } from '../db/sync/SyncStateStore.js';
import type { EventOp, RemoteTagMember, TagIdentity } from './syncPlan.js';

export interface PlannedOp {
  action: 'create tag' | 'add member' | 'remove member' | 'delete tag' | 'leave tag' | 'create calendar' | 'create event' | 'update event' | 'delete event';
  detail: string;
}

export interface TargetReport {
  rotationId: string;
  target: SyncTarget;
  key: string;
  planned: PlannedOp[];
  written: number;
  errors: string[];
  /** Hand-made changes found on the remote side (and repaired unless this is a dry-run). */
  drift: string[];
}

/** A target's report before anything was planned or done. */
export function emptyReport(rotationId: string, target: SyncTarget, key: string): TargetReport {
  return { rotationId, target, key, planned: [], written: 0, errors: [], drift: [] };
}

export function tagDrift(lastWritten: TagIdentity[], current: RemoteTagMember[]): string[] {
  const wrote = new Set(lastWritten.map((m) => m.id.toLowerCase()));
  const now = new Set(current.map((m) => m.id.toLowerCase()));
  return [
    ...current.filter((m) => !wrote.has(m.id.toLowerCase())).map((m) => `${m.label} was added by hand`),
    ...lastWritten.filter((m) => !now.has(m.id.toLowerCase())).map((m) => `${m.label} was removed by hand`),
  ];
}

export function describeTagPlan(plan: { add: TagIdentity[]; remove: RemoteTagMember[] }, create: boolean): PlannedOp[] {
  return [
    ...(create ? [{ action: 'create tag' as const, detail: `with ${plan.add.map((a) => a.label).join(', ') || '(nobody)'}` }] : []),
    ...(create ? [] : plan.add.map((a) => ({ action: 'add member' as const, detail: a.label }))),
    ...plan.remove.map((m) => ({ action: 'remove member' as const, detail: m.label })),
  ];
}

export function describeEventOp(op: EventOp): PlannedOp {
  const span = (s: number, e: number) => `${new Date(s).toISOString().slice(0, 16)}Z → ${new Date(e).toISOString().slice(0, 16)}Z`;
  if (op.kind === 'create') return { action: 'create event', detail: `${span(op.event.start, op.event.end)} ${op.event.subject}` };
  if (op.kind === 'update') return { action: 'update event', detail: `${span(op.event.start, op.event.end)} ${op.event.subject}` };
  return { action: 'delete event', detail: `${span(op.start, op.end)} (${op.reason === 'duplicate' ? 'duplicate' : 'segment no longer exists'})` };
}
