/** The human summary of an audit report. */
import type { AuditReport } from './audit-report';
import type { IntegrityFinding } from './integrity-finding';

/** `A 1, B 2` (sorted), or `none`. */
export function formatCounts(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([k, v]) => `${k} ${v}`).join(', ');
}

function finding(f: IntegrityFinding): string {
  const where = f.location === undefined ? '' : ` [${f.location}]`;
  return `  - ${f.kind} at block ${f.blockNumber}${f.txIndex === undefined ? '' : ` tx ${f.txIndex}`}${where}: ${f.message}`;
}

function comparisonLines(report: AuditReport): string[] {
  const comparison = report.stateComparison;
  if (!comparison.performed) return ['World state: not compared'];
  const lines = [`World state: ${comparison.differences.length} difference(s)`];
  if (comparison.error !== undefined) lines.push(`  comparison failed: ${comparison.error}`);
  for (const d of comparison.differences.slice(0, 50))
    lines.push(
      `  - ${d.kind} ${d.id}${d.field === undefined ? '' : ` ${d.field}: replay ${String(d.replayed)} / live ${String(d.live)}`}`,
    );
  if (comparison.differences.length > 50) lines.push(`  ... ${comparison.differences.length - 50} more`);
  return lines;
}

/** Renders the report as a readable multi-line summary. */
export function renderAuditReport(report: AuditReport): string {
  const v = report.verifications;
  const lines = [
    `Audit of namespace ${report.namespace}: ${report.ok ? 'OK' : 'FAILED'}`,
    `Blocks replayed: ${report.blocks.replayed} (last block ${String(report.blocks.lastBlock)})`,
    `Transactions: ${report.transactions.total} (${report.transactions.valid} valid); by type: ${formatCounts(report.transactions.byType)}`,
    `Invalid transactions by code: ${formatCounts(report.transactions.invalidByCode)}`,
    `Time range: ${report.timeRange.from ?? '-'} .. ${report.timeRange.to ?? '-'}`,
    `Cards: ${report.cards.total}; by state: ${formatCounts(report.cards.byState)}`,
    `Transitions by type: ${formatCounts(report.cards.transitionsByType)}`,
    `Verifications: ${v.total}; by result: ${formatCounts(v.byResult)}`,
    `  by purpose: ${formatCounts(v.byPurpose)}`,
    `  denials: ${formatCounts(v.denials)}`,
    ...v.byUnit.map((u) => `  unit ${u.unitId}: ${u.total}; ${formatCounts(u.byResult)}`),
    `Fraud reports: ${report.fraudReports.total}; ${formatCounts(report.fraudReports.byCategory)}`,
    `Units: ${report.units.total}; ${formatCounts(report.units.byState)}`,
    `Integrity: ${report.integrity.ok ? 'no failures' : `${report.integrity.failures.length} failure(s)`}`,
    ...report.integrity.failures.map(finding),
    ...comparisonLines(report),
  ];
  if (report.anomalies.length > 0) {
    lines.push(`Uninterpreted writes: ${report.anomalies.length}`);
    for (const a of report.anomalies.slice(0, 20))
      lines.push(`  - block ${a.blockNumber} ${a.txId}: ${a.message}`);
  }
  for (const notice of report.notices) lines.push(`Notice: ${notice}`);
  return `${lines.join('\n')}\n`;
}
