import type { ChatDeps, RotationInfo } from './context.js';
import type { DutyLine } from './dutyRecord.js';
import type { ItemActivity, ItemView } from './itemViews.js';

/**
 * What the morning and evening checks read of the other parts of the duty (issue #12): open items and their
 * activity (app/usecases/itemViews.ts) and the day's duty record (app/usecases/dutyRecord.ts). Those are built in
 * parallel with the checks; until they land here a rotation has no items and no duties, which is what a rotation
 * without `duties` and without `item add` shows anyway ("No open items", "No duties today").
 */
export interface CheckSources {
  openItems(deps: ChatDeps, rotationId: string): Promise<ItemView[]>;
  itemActivity(deps: ChatDeps, rotationId: string, from: number, to: number): Promise<ItemActivity>;
  dutyRecord(deps: ChatDeps, rotation: RotationInfo, from: number, to: number, now: number): Promise<DutyLine[]>;
}

export const CHECK_SOURCES: CheckSources = {
  openItems: async () => [],
  itemActivity: async () => ({ opened: [], closed: [], escalations: [], carried: [] }),
  dutyRecord: async () => [],
};
