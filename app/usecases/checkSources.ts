import type { ChatDeps, RotationInfo } from './context.js';
import { dutyRecord, type DutyLine } from './dutyRecord.js';
import { itemActivity, openItems, type ItemActivity, type ItemView } from './itemViews.js';

/**
 * What the morning and evening checks read of the other parts of the duty (issue #12): open items and their
 * activity (app/usecases/itemViews.ts) and the duty record (app/usecases/dutyRecord.ts), in one place.
 */
export interface CheckSources {
  openItems(deps: ChatDeps, rotationId: string): Promise<ItemView[]>;
  itemActivity(deps: ChatDeps, rotationId: string, from: number, to: number): Promise<ItemActivity>;
  dutyRecord(deps: ChatDeps, rotation: RotationInfo, from: number, to: number, now: number): Promise<DutyLine[]>;
}

export const CHECK_SOURCES: CheckSources = { openItems, itemActivity, dutyRecord };
