/**
 * The calendar days (China Standard Time) of the accountability chart, each
 * as the instant range the gateway's accountability report takes, so every
 * day's count comes from all of that day's records, not from a page of them.
 */

/** One day and the UTC instants of its first and last millisecond in China Standard Time. */
export interface DayRange {
  readonly day: string;
  readonly from: string;
  readonly to: string;
}

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar day (YYYY-MM-DD, China Standard Time) of an instant. */
export function cstDay(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The `days` days ending with the day of `today`, oldest first. */
export function cstDayRanges(days: number, today: Date): DayRange[] {
  const ranges: DayRange[] = [];
  for (let i = days - 1; i >= 0; i -= 1) {
    const day = cstDay(new Date(today.getTime() - i * DAY_MS));
    const start = Date.parse(`${day}T00:00:00.000Z`) - CST_OFFSET_MS;
    ranges.push({
      day,
      from: new Date(start).toISOString(),
      to: new Date(start + DAY_MS - 1).toISOString(),
    });
  }
  return ranges;
}
