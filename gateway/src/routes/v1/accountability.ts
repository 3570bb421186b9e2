/**
 * The accountability report of one relying unit over a time range, served
 * from the live ledger: every verification record of the unit in the range
 * (the chaincode's by-unit index, paged), summed as the audit replay sums
 * them. Auditors may ask for any unit, a unit only for itself.
 */
import { Type } from '@sinclair/typebox';
import { LIMITS, TRANSACTIONS, type VerificationRecord } from '@idcard/common';
import { accountabilityOf } from '@idcard/audit';
import { allPages, LEDGER_START } from '../../ledger/pages';
import { callerOf } from '../../plugins/authentication';
import { chargeWork } from '../../plugins/rate-limit';
import { ProblemError } from '../../problems';
import type { TypedInstance } from '../../typebox-provider';
import type { RouteContext } from './route-context';
import { Accountability, problemResponses } from './components';
import { Instant, UnitId } from './schemas';

/**
 * Most records one report may sum (250 full pages); a wider range is a
 * `limit-exceeded` problem: narrow it, or replay the ledger with `idcard audit`.
 */
export const MAX_ACCOUNTABILITY_RECORDS = 50_000;

/** The accountability route. */
export function accountabilityRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.get(
    '/v1/units/:unitId/accountability',
    {
      config: { roles: TRANSACTIONS.ListVerificationsByUnit.roles },
      schema: {
        summary: "A unit's verification volumes, results, denials and purposes over a time range",
        description: `Both ends inclusive (default: from the start of the ledger to now). At most ${String(MAX_ACCOUNTABILITY_RECORDS)} records are summed; a wider range answers limit-exceeded. Every page of ${String(LIMITS.maxPageSize)} records after the first costs a work unit.`,
        operationId: 'getUnitAccountability',
        tags: ['audit'],
        params: Type.Object({ unitId: UnitId }),
        querystring: Type.Object(
          { from: Type.Optional(Instant), to: Type.Optional(Instant) },
          { additionalProperties: false },
        ),
        response: { 200: Accountability.ref, ...problemResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { unitId } = request.params;
      if (caller.role === 'verifier' && unitId !== caller.unit) {
        throw new ProblemError('forbidden', 'A relying unit may see only its own accountability report');
      }
      const from = request.query.from ?? LEDGER_START;
      const to = request.query.to ?? ctx.clock().toISOString();
      if (from > to) {
        throw new ProblemError('validation', 'from must not be after to', {
          errors: [{ path: 'querystring/from', message: 'must not be after to' }],
        });
      }
      const records: VerificationRecord[] = [];
      const pages = allPages((bookmark) => {
        // Every page after the first costs a work unit (the request paid for the first).
        if (bookmark !== '') chargeWork(ctx.work, caller.id, 1, 'Another page of the report');
        return ctx.ledger.evaluate(caller.identity, 'ListVerificationsByUnit', {
          unitId,
          from,
          to,
          pageSize: LIMITS.maxPageSize,
          bookmark,
        });
      });
      for await (const record of pages) {
        if (records.length === MAX_ACCOUNTABILITY_RECORDS) {
          throw new ProblemError(
            'limit-exceeded',
            `More than ${String(MAX_ACCOUNTABILITY_RECORDS)} verifications in the range: narrow it, or replay the ledger (idcard audit accountability)`,
          );
        }
        records.push(record);
      }
      // The chaincode already applied the (inclusive) range.
      const report = accountabilityOf(records, {}, [unitId]);
      return { range: { from, to }, units: [...report.units], totals: report.totals };
    },
  );
}
