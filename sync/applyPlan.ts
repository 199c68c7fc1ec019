import type { Logger } from 'pino';
import { applyCalendar, applyEventOps, type EventResult } from './calendars/CalendarSync.js';
import { GraphRequestError } from './graph/GraphApi.js';
import type { GraphClient } from './graph/GraphClient.js';
import { messageOf } from '../rotation/messageOf.js';
import type { RemovalPlan, SyncPlan, TargetPlan } from './model.js';
import type { PlannedOp } from './syncReport.js';
import { applyTag } from './tags/TagSync.js';

/** What writing one target's plan did, for the record and the report. */
export interface TargetOutcome {
  plan: TargetPlan;
  planned: PlannedOp[];
  written: number;
  errors: string[];
  /** Operations left undone. */
  pending: number;
  /** The tag's or calendar's id after the run. */
  remoteId?: string;
  /** The id of a tag Rota made itself: only such a tag is deleted when the rotation stops syncing it. */
  createdTagId?: string;
  results: EventResult[];
  /** Writing stopped on a failure nobody planned for. */
  aborted?: boolean;
}

/** A dry-run's outcome: nothing written, everything planned still to do. */
export function unapplied(plan: TargetPlan, planned: PlannedOp[]): TargetOutcome {
  return { plan, planned, written: 0, errors: plan.kind === 'tag' ? plan.errors : plan.readError ? [plan.readError] : [], pending: planned.length, results: [] };
}

/** Writes the plan, target by target in the plan's order; a target's failure never stops the others. */
export async function applyPlan(graph: GraphClient, log: Logger, plan: SyncPlan, planned: PlannedOp[][]): Promise<TargetOutcome[]> {
  const out: TargetOutcome[] = [];
  for (const [i, p] of plan.targets.entries()) {
    const base = { ...unapplied(p, planned[i]!), pending: 1 };
    try {
      out.push({ ...base, ...(await applyTarget(graph, log, p)) });
    } catch (err) {
      out.push({ ...base, errors: [...base.errors, messageOf(err)], aborted: true });
    }
  }
  return out;
}

type Applied = Pick<TargetOutcome, 'written' | 'errors' | 'pending' | 'results' | 'remoteId' | 'createdTagId'>;

async function applyTarget(graph: GraphClient, log: Logger, p: TargetPlan): Promise<Partial<Applied>> {
  if (p.readError) return {};
  if (p.kind === 'tag') {
    const o = await applyTag(graph, log, p);
    return { written: o.written, errors: [...p.errors, ...o.errors], pending: o.pending, ...(o.tagId ? { remoteId: o.tagId } : {}), ...(o.created && o.tagId ? { createdTagId: o.tagId } : p.createdTagId ? { createdTagId: p.createdTagId } : {}) };
  }
  if (p.kind === 'calendar') {
    const o = await applyCalendar(graph, p);
    const failed = o.results.filter((r) => !r.ok).length;
    return { written: o.written, errors: o.errors, pending: o.calendarId ? failed : 1, results: o.results, ...(o.calendarId ? { remoteId: o.calendarId } : {}) };
  }
  return applyRemoval(graph, log, p);
}

async function applyRemoval(graph: GraphClient, log: Logger, p: RemovalPlan): Promise<Partial<Applied>> {
  let written = 0;
  const errors: string[] = [];
  if (p.tag?.action === 'leave') {
    log.warn({ rotation: p.rotationId, team: p.tag.team, tag: p.tag.name }, 'tag no longer synced and left in place: Rota found it already there, so people may use it; delete it in Teams if it is not needed');
  } else if (p.tag) {
    try {
      await graph.deleteTag(p.tag.team, p.tag.tagId);
      written++;
    } catch (err) {
      if (!(err instanceof GraphRequestError && err.status === 404)) errors.push(messageOf(err));
    }
  }
  const results = p.mailbox && p.calendarId && p.ops.length ? await applyEventOps(graph, p.mailbox, p.calendarId, p.ops) : [];
  for (const r of results) {
    if (r.ok) written++;
    else errors.push(r.error ?? 'failed');
  }
  return { written, errors, pending: errors.length ? 1 : 0, results };
}
