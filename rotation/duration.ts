import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from './localDate.js';

/** A shift length: "1w", "2w", "3d". Weeks make a weekly rotation; days a day-based one. */
export type Every = { count: number; unit: 'd' | 'w' };

export function parseEvery(text: string): Every | undefined {
  const m = /^([1-9]\d{0,2})([dw])$/.exec(text.trim());
  return m ? { count: Number(m[1]), unit: m[2] === 'w' ? 'w' : 'd' } : undefined;
}

export function everyDays(every: Every): number {
  return every.unit === 'w' ? every.count * 7 : every.count;
}

/** An elapsed time such as "12h", "90m", "2d" (for rest rules), in milliseconds. */
export function parseElapsed(text: string): number | undefined {
  const m = /^(\d{1,5})([mhd])$/.exec(text.trim());
  if (!m) return undefined;
  const unit = m[2] === 'm' ? MS_PER_MINUTE : m[2] === 'h' ? MS_PER_HOUR : MS_PER_DAY;
  return Number(m[1]) * unit;
}
