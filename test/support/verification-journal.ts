/**
 * What a scenario run expects the audit replay to count, derived from the
 * verification answers the API gave (the journal), the same way the audit
 * report counts records (audit/src/audit-report.ts, unit-activity.ts).
 */
import type { UnitActivity } from '@idcard/audit';
import type { VerificationRecord } from '@idcard/common';

/** One verification answer as the API returned it. */
export type JournalEntry = Pick<
  VerificationRecord,
  'recordId' | 'unitId' | 'purpose' | 'result' | 'reason' | 'cardRef'
>;

/** The per-unit part compared with the report: the report's own fields. */
export type ExpectedUnit = Pick<
  UnitActivity,
  'unitId' | 'total' | 'byResult' | 'denials' | 'invalidByReason'
>;

/** The verification part of the audit report a journal implies. */
export interface ExpectedAudit {
  readonly total: number;
  readonly byResult: Record<string, number>;
  readonly byPurpose: Record<string, number>;
  readonly denials: Record<string, number>;
  readonly byUnit: ExpectedUnit[];
}

function bump(counter: Record<string, number>, name: string): void {
  counter[name] = (counter[name] ?? 0) + 1;
}

/** Counts of the journal, per result, purpose, denial reason and unit (units sorted by id). */
export function expectedAudit(journal: readonly JournalEntry[]): ExpectedAudit {
  const byResult: Record<string, number> = {};
  const byPurpose: Record<string, number> = {};
  const denials: Record<string, number> = {};
  const units = new Map<string, ExpectedUnit>();
  for (const entry of journal) {
    const reason = entry.reason ?? 'UNSPECIFIED';
    bump(byResult, entry.result);
    bump(byPurpose, entry.purpose);
    if (entry.result === 'DENIED') bump(denials, reason);
    const unit = units.get(entry.unitId) ?? {
      unitId: entry.unitId,
      total: 0,
      byResult: {},
      denials: {},
      invalidByReason: {},
    };
    units.set(entry.unitId, unit);
    unit.total += 1;
    bump(unit.byResult, entry.result);
    if (entry.result === 'DENIED') bump(unit.denials, reason);
    if (entry.result === 'INVALID') bump(unit.invalidByReason, reason);
  }
  return {
    total: journal.length,
    byResult,
    byPurpose,
    denials,
    byUnit: [...units.values()].sort((a, b) => a.unitId.localeCompare(b.unitId)),
  };
}
