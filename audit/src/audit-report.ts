/**
 * The audit report (JSON, for machines). `ok` is false on any integrity
 * failure or state difference, or when a requested comparison could not be
 * completed; the CLI exits non-zero on it. Only pseudonymous references and
 * codes appear.
 */
import type { IntegrityFinding } from './integrity-finding';
import type { ReplayAnomaly } from './replay-state';
import type { ReplayResult } from './replay-ledger';
import { bump } from './replay-state';
import { unitActivity, type UnitActivity } from './unit-activity';
import type { StateDifference } from './world-state-compare';

/** The audit report. */
export interface AuditReport {
  readonly ok: boolean;
  readonly namespace: string;
  readonly blocks: { readonly replayed: number; readonly lastBlock: number | null };
  readonly transactions: {
    readonly total: number;
    readonly valid: number;
    readonly byType: Readonly<Record<string, number>>;
    readonly invalidByCode: Readonly<Record<string, number>>;
  };
  readonly timeRange: { readonly from: string | null; readonly to: string | null };
  readonly cards: {
    readonly total: number;
    readonly byState: Readonly<Record<string, number>>;
    readonly transitionsByType: Readonly<Record<string, number>>;
  };
  readonly verifications: {
    readonly total: number;
    readonly byResult: Readonly<Record<string, number>>;
    readonly byPurpose: Readonly<Record<string, number>>;
    readonly denials: Readonly<Record<string, number>>;
    readonly byUnit: readonly UnitActivity[];
  };
  readonly fraudReports: { readonly total: number; readonly byCategory: Readonly<Record<string, number>> };
  readonly units: { readonly total: number; readonly byState: Readonly<Record<string, number>> };
  readonly eidTokens: number;
  readonly integrity: { readonly ok: boolean; readonly failures: readonly IntegrityFinding[] };
  readonly stateComparison:
    | { readonly performed: false }
    | { readonly performed: true; readonly error?: string; readonly differences: readonly StateDifference[] };
  /** Writes the audit could not interpret (layout drift); reported, not failing. */
  readonly anomalies: readonly ReplayAnomaly[];
  /** About the source (e.g. a truncated block file tail). */
  readonly notices: readonly string[];
}

/** The outcome of the world-state comparison, when one was made. */
export type ComparisonOutcome =
  | { readonly differences: readonly StateDifference[] }
  | { readonly error: string; readonly differences: readonly StateDifference[] };

function countBy<T>(items: Iterable<T>, key: (item: T) => string | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) bump(counts, key(item) ?? 'UNSPECIFIED');
  return counts;
}

/** Builds the report of a replay (and of a comparison, if one was made). */
export function buildAuditReport(result: ReplayResult, comparison?: ComparisonOutcome): AuditReport {
  const { state, findings, notices, checkpoint } = result;
  const { stats } = state;
  const verifications = [...state.verifications.values()];
  const comparisonFailed =
    comparison !== undefined && ('error' in comparison || comparison.differences.length > 0);
  return {
    ok: findings.length === 0 && !comparisonFailed,
    namespace: checkpoint.namespace,
    blocks: { replayed: stats.blocks, lastBlock: checkpoint.position.lastBlock },
    transactions: {
      total: stats.transactions,
      valid: stats.validTransactions,
      byType: stats.transactionsByType,
      invalidByCode: stats.invalidByCode,
    },
    timeRange: { from: stats.firstTxTime, to: stats.lastTxTime },
    cards: {
      total: state.cards.size,
      byState: countBy(state.cards.values(), (c) => c.state),
      transitionsByType: stats.transitionsByType,
    },
    verifications: {
      total: verifications.length,
      byResult: countBy(verifications, (v) => v.result),
      byPurpose: countBy(verifications, (v) => v.purpose),
      denials: countBy(
        verifications.filter((v) => v.result === 'DENIED'),
        (v) => v.reason,
      ),
      byUnit: unitActivity(verifications),
    },
    fraudReports: {
      total: state.fraudReports.size,
      byCategory: countBy(state.fraudReports.values(), (f) => f.category),
    },
    units: { total: state.units.size, byState: countBy(state.units.values(), (u) => u.state) },
    eidTokens: state.eidTokens.size,
    integrity: { ok: findings.length === 0, failures: findings },
    stateComparison: comparison === undefined ? { performed: false } : { performed: true, ...comparison },
    anomalies: state.anomalies,
    notices,
  };
}
