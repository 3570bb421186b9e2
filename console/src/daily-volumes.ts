/** Verifications per day (China Standard Time) and result, for the accountability chart. */

/** What the chart needs of a verification record. */
export interface Checked {
  readonly txTime: string;
  readonly result: string;
}

/** One day's counts by result. */
export interface DayVolume {
  readonly day: string;
  readonly byResult: Readonly<Record<string, number>>;
}

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar day (YYYY-MM-DD, China Standard Time) of an instant. */
export function cstDay(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Counts per day over the `days` days ending with `today`, every day present (zero when quiet). */
export function dailyVolumes(records: readonly Checked[], days: number, today: Date): DayVolume[] {
  const counts = new Map<string, Record<string, number>>();
  for (let i = days - 1; i >= 0; i -= 1) counts.set(cstDay(new Date(today.getTime() - i * DAY_MS)), {});
  for (const r of records) {
    const at = new Date(r.txTime);
    if (Number.isNaN(at.getTime())) continue;
    const bucket = counts.get(cstDay(at));
    if (bucket !== undefined) bucket[r.result] = (bucket[r.result] ?? 0) + 1;
  }
  return [...counts].map(([day, byResult]) => ({ day, byResult }));
}
