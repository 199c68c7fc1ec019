import type { ScheduleInput, Segment } from './schedule.js';
import { segmentsBetween } from './segmentsBetween.js';

/** The segments in force at an instant (one per rotation at most), optionally for one rotation. */
export function onDutyAt(schedule: ScheduleInput, at: number, rotationId?: string): Segment[] {
  return segmentsBetween(schedule, at, at + 1).filter((s) => s.start <= at && (rotationId === undefined || s.rotation === rotationId));
}
