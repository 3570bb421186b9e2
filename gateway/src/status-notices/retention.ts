/**
 * The retention rule of status notices (issue 14), in one place: a unit is
 * told of a card's change only when the change came at most the window
 * after the unit's check, and lists its notices only that far back. The
 * configuration's bounds and default come from here as well.
 */

const DAY_MS = 86_400_000;

/** The window in days: what the configuration accepts (`statusNotices.retentionDays`) and its default. */
export const RETENTION_DAYS = { minimum: 1, maximum: 3650, default: 90 } as const;

/** The window of `days` (default {@link RETENTION_DAYS}) in milliseconds. */
export function retentionMs(days: number = RETENTION_DAYS.default): number {
  return days * DAY_MS;
}

/** True when a change at `changedAt` falls within the retention window after the unit's check. */
export function withinRetention(changedAt: string, checkedAt: string, windowMs: number): boolean {
  const gap = Date.parse(changedAt) - Date.parse(checkedAt);
  return Number.isFinite(gap) && gap >= 0 && gap <= windowMs;
}

/** The instant the window reaches back to from `now` (ISO 8601). */
export function retentionStart(now: Date, windowMs: number): string {
  return new Date(now.getTime() - windowMs).toISOString();
}
