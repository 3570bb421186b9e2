/**
 * Verification counts per relying unit, optionally over a time range: the
 * per-unit part of the audit report and the accountability report.
 */
import type { ReplayedVerification } from './replay-records';
import { bump } from './replay-state';

/** What one unit did. */
export interface UnitActivity {
  readonly unitId: string;
  total: number;
  byResult: Record<string, number>;
  byPurpose: Record<string, number>;
  /** DENIED verifications by denial reason. */
  denials: Record<string, number>;
  /** INVALID verifications by reason. */
  invalidByReason: Record<string, number>;
  firstAt: string | null;
  lastAt: string | null;
}

/** A half-open time range [from, to) of ISO instants; either end may be open. */
export interface TimeRange {
  readonly from?: string;
  readonly to?: string;
}

function inRange(time: string, range: TimeRange): boolean {
  return (range.from === undefined || time >= range.from) && (range.to === undefined || time < range.to);
}

/** The fields of a verification that activity counts (a replayed or a live record). */
export type CountedVerification = Pick<
  ReplayedVerification,
  'unitId' | 'result' | 'purpose' | 'reason' | 'txTime'
>;

/** Activity per unit (sorted by unit id) of the verifications in range. */
export function unitActivity(
  verifications: Iterable<CountedVerification>,
  range: TimeRange = {},
): UnitActivity[] {
  const units = new Map<string, UnitActivity>();
  for (const v of verifications) {
    if (!inRange(v.txTime, range)) continue;
    let unit = units.get(v.unitId);
    if (unit === undefined) {
      unit = {
        unitId: v.unitId,
        total: 0,
        byResult: {},
        byPurpose: {},
        denials: {},
        invalidByReason: {},
        firstAt: null,
        lastAt: null,
      };
      units.set(v.unitId, unit);
    }
    unit.total += 1;
    bump(unit.byResult, v.result);
    bump(unit.byPurpose, v.purpose);
    if (v.result === 'DENIED') bump(unit.denials, v.reason ?? 'UNSPECIFIED');
    if (v.result === 'INVALID') bump(unit.invalidByReason, v.reason ?? 'UNSPECIFIED');
    if (unit.firstAt === null || v.txTime < unit.firstAt) unit.firstAt = v.txTime;
    if (unit.lastAt === null || v.txTime > unit.lastAt) unit.lastAt = v.txTime;
  }
  return [...units.values()].sort((a, b) => a.unitId.localeCompare(b.unitId));
}
