/**
 * What the audit endpoints answer: a unit's accountability report, the
 * conclusion of a receipt check, and a ledger replay's report, in the audit
 * library's own shapes (audit/src). Published as named components
 * (components.ts).
 */
import { Type } from '@sinclair/typebox';
import type { AuditReport, ReceiptOutcome } from '@idcard/audit';

const Counts = Type.Record(Type.String(), Type.Integer());
/** One unit's activity in an accountability report. */
export const UnitActivitySchema = Type.Object({
  unitId: Type.String(),
  total: Type.Integer(),
  byResult: Counts,
  byPurpose: Counts,
  denials: Counts,
  invalidByReason: Counts,
  firstAt: Type.Union([Type.String(), Type.Null()]),
  lastAt: Type.Union([Type.String(), Type.Null()]),
});
/** A unit's verification volumes, results, denials and purposes over a time range. */
export const AccountabilitySchema = Type.Object({
  range: Type.Object({ from: Type.String(), to: Type.String() }),
  units: Type.Array(UnitActivitySchema),
  totals: Type.Object({ verifications: Type.Integer(), denied: Type.Integer() }),
});

const Signer = Type.Object({ mspId: Type.String(), subject: Type.String() });
/** The conclusion of a receipt check (audit/src/receipt-outcome.ts). */
export const ReceiptCheckSchema = Type.Unsafe<ReceiptOutcome>(
  Type.Object({
    accepted: Type.Boolean(),
    problems: Type.Array(Type.String()),
    txId: Type.Optional(Type.String()),
    blockNumber: Type.Optional(Type.Integer()),
    signatures: Type.Optional(
      Type.Object({
        ok: Type.Boolean(),
        problems: Type.Array(Type.String()),
        creator: Type.Optional(Signer),
        endorsers: Type.Array(Signer),
      }),
    ),
    ledger: Type.Optional(
      Type.Object({
        ok: Type.Boolean(),
        problems: Type.Array(Type.String()),
        location: Type.Optional(Type.String()),
        validation: Type.Optional(Type.String()),
      }),
    ),
  }),
);

/** The audit report as the library writes it (audit/src/audit-report.ts); its parts are passed through as they are. */
const AuditReportSchema = Type.Unsafe<AuditReport>(
  Type.Object(
    {
      ok: Type.Boolean(),
      namespace: Type.String(),
      integrity: Type.Object(
        { ok: Type.Boolean(), failures: Type.Array(Type.Object({}, { additionalProperties: true })) },
        { additionalProperties: true },
      ),
    },
    {
      additionalProperties: true,
      description:
        'blocks, transactions, timeRange, cards, verifications (byUnit: per-unit activity), fraudReports, units, eidTokens, integrity, stateComparison, anomalies, notices (docs/audit.md)',
    },
  ),
);
/** The answer of a replay. */
export const AuditReplaySchema = Type.Object({ report: AuditReportSchema });
