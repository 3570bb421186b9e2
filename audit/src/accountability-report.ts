/**
 * The accountability report per relying unit over a time range: how many
 * verifications each unit made, with what results, for which purposes, and
 * how many were denied (DESIGN §5: who asked, for what purpose, when).
 */
import type { ReplayState } from './replay-state';
import { formatCounts } from './report-text';
import { unitActivity, type CountedVerification, type TimeRange, type UnitActivity } from './unit-activity';

/** The accountability report. */
export interface AccountabilityReport {
  readonly range: { readonly from: string | null; readonly to: string | null };
  readonly units: readonly UnitActivity[];
  readonly totals: { readonly verifications: number; readonly denied: number };
}

/** Builds the report from a replayed state; `unitIds` limits it to some units. */
export function buildAccountabilityReport(
  state: ReplayState,
  range: TimeRange = {},
  unitIds?: readonly string[],
): AccountabilityReport {
  return accountabilityOf(state.verifications.values(), range, unitIds);
}

/** Builds the report from any verifications (replayed, or read from the live ledger). */
export function accountabilityOf(
  verifications: Iterable<CountedVerification>,
  range: TimeRange = {},
  unitIds?: readonly string[],
): AccountabilityReport {
  const units = unitActivity(verifications, range).filter(
    (u) => unitIds === undefined || unitIds.includes(u.unitId),
  );
  return {
    range: { from: range.from ?? null, to: range.to ?? null },
    units,
    totals: {
      verifications: units.reduce((n, u) => n + u.total, 0),
      denied: units.reduce((n, u) => n + (u.byResult.DENIED ?? 0), 0),
    },
  };
}

/** Renders the accountability report as text. */
export function renderAccountabilityReport(report: AccountabilityReport): string {
  const lines = [
    `Accountability ${report.range.from ?? 'start'} .. ${report.range.to ?? 'now'}: ${report.totals.verifications} verification(s), ${report.totals.denied} denied`,
  ];
  for (const u of report.units) {
    lines.push(`Unit ${u.unitId}: ${u.total} (${u.firstAt ?? '-'} .. ${u.lastAt ?? '-'})`);
    lines.push(`  results: ${formatCounts(u.byResult)}`);
    lines.push(`  purposes: ${formatCounts(u.byPurpose)}`);
    lines.push(`  denials: ${formatCounts(u.denials)}`);
    lines.push(`  invalid: ${formatCounts(u.invalidByReason)}`);
  }
  return `${lines.join('\n')}\n`;
}
