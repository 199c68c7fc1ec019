/** The schedule queries in one import (the app imports this; `index.ts` has the whole API). */
export { segmentsBetween } from './segmentsBetween.js';
export { onDutyAt } from './onDutyAt.js';
export { nextShifts, type NextShiftsOptions } from './nextShifts.js';
export { materialise, RotationIndex, type MaterialisedSchedule } from './materialise.js';
export { fairness, type MemberFairness, type RotationFairness } from './fairness.js';
export { nextHandoffAfter } from './shiftBoundaries.js';
