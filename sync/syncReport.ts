import type { EventOp } from './calendars/eventPlan.js';
import type { SyncPlan, SyncTarget, TargetPlan } from './model.js';

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

/** A target's plan as a person reads it (the CLI's table, the debug log). */
export function describePlan(plan: TargetPlan, source: SyncPlan['source']): PlannedOp[] {
  if (plan.kind === 'tag') {
    if (plan.readError) return [];
    const create = !plan.tagId;
    return [
      ...(create ? [{ action: 'create tag' as const, detail: `with ${plan.add.map((a) => a.label).join(', ') || '(nobody)'}` }] : []),
      ...(create ? [] : plan.add.map((a) => ({ action: 'add member' as const, detail: a.label }))),
      ...plan.remove.map((m) => ({ action: 'remove member' as const, detail: m.label })),
    ];
  }
  if (plan.kind === 'calendar') {
    // Without Graph the dry-run cannot tell whether a calendar of that name exists already.
    const unless = source === 'last-written' ? ' (unless it exists)' : '';
    const create = plan.createCalendar ? [{ action: 'create calendar' as const, detail: `"${plan.name}" in ${plan.mailbox}${unless}` }] : [];
    return [...create, ...plan.ops.map(describeEventOp)];
  }
  const tag = plan.tag;
  const tagOps: PlannedOp[] = !tag
    ? []
    : tag.action === 'delete'
      ? [{ action: 'delete tag', detail: `"${tag.name}" in team ${tag.team}` }]
      : [{ action: 'leave tag', detail: `"${tag.name}" in team ${tag.team}: Rota did not create it` }];
  return [...tagOps, ...plan.ops.map(describeEventOp)];
}

export function describeEventOp(op: EventOp): PlannedOp {
  const span = (s: number, e: number) => `${new Date(s).toISOString().slice(0, 16)}Z → ${new Date(e).toISOString().slice(0, 16)}Z`;
  if (op.kind === 'create') return { action: 'create event', detail: `${span(op.event.start, op.event.end)} ${op.event.subject}` };
  if (op.kind === 'update') return { action: 'update event', detail: `${span(op.event.start, op.event.end)} ${op.event.subject}` };
  return { action: 'delete event', detail: `${span(op.start, op.end)} (${op.reason === 'duplicate' ? 'duplicate' : 'segment no longer exists'})` };
}
