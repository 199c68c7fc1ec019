/** Weekday names as the rotation file writes them, index + 1 = ISO weekday. */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type WeekdayName = (typeof WEEKDAYS)[number];

/** "Mon" → 1 … "Sun" → 7 */
export function weekdayNumber(name: string): number | undefined {
  const i = (WEEKDAYS as readonly string[]).indexOf(name);
  return i < 0 ? undefined : i + 1;
}

export function weekdayName(iso: number): WeekdayName {
  return WEEKDAYS[(iso - 1) % 7] ?? 'Mon';
}
