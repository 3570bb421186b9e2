/**
 * GET /v1/status-notices: "cards you checked that changed" (issue 14). A
 * relying unit lists the status changes of the cards it checked, made at
 * most `statusNotices.retentionDays` after its latest check, and only as far
 * back as that window; nothing about cards it did not check. Auditors list
 * any unit's notices as recorded, without the window.
 */
import { Type } from '@sinclair/typebox';
import type { Page, StatusNotice } from '../../ledger/records';
import { PageSchema, StatusNoticeSchema } from '../../ledger/records';
import { LEDGER_START } from '../../ledger/pages';
import { callerOf } from '../../plugins/authentication';
import { ProblemError } from '../../problems';
import type { TypedInstance } from '../../typebox-provider';
import { withinRetention } from './event-visibility';
import { paging, type RouteContext } from './route-context';
import { Instant, PagingQuery, UnitId, problemResponses } from './schemas';

/** The later of two instants. */
function later(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** The status notice route. */
export function statusNoticeRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.get(
    '/v1/status-notices',
    {
      config: { roles: ['auditor', 'verifier'] },
      schema: {
        summary:
          'Status changes of the cards a unit checked (a unit sees only its own, within the retention window)',
        tags: ['verifications'],
        querystring: Type.Composite(
          [
            Type.Object({
              unitId: Type.Optional(UnitId),
              from: Type.Optional(Instant),
              to: Type.Optional(Instant),
            }),
            PagingQuery,
          ],
          { additionalProperties: false },
        ),
        response: { 200: PageSchema(StatusNoticeSchema), ...problemResponses },
      },
    },
    async (request): Promise<Page<StatusNotice>> => {
      const caller = callerOf(request);
      const unitId = request.query.unitId ?? caller.unit;
      if (unitId === undefined) {
        throw new ProblemError('validation', 'unitId is required', {
          errors: [{ path: 'querystring/unitId', message: 'is required for auditors' }],
        });
      }
      const verifier = caller.role === 'verifier';
      if (verifier && unitId !== caller.unit) {
        throw new ProblemError('forbidden', 'A relying unit may list only its own status notices');
      }
      const now = ctx.clock();
      const from = request.query.from ?? LEDGER_START;
      const to = request.query.to ?? now.toISOString();
      const windowStart = new Date(now.getTime() - ctx.limits.retentionMs).toISOString();
      const page = await ctx.ledger.evaluate(caller.identity, 'ListStatusNotices', {
        unitId,
        from: verifier ? later(from, windowStart) : from,
        to,
        ...paging(request.query),
      });
      if (!verifier) return page;
      // A page may hold fewer items than pageSize; an empty bookmark still means the end.
      const items = page.items.filter((n) =>
        withinRetention(n.changedAt, n.checkedAt, ctx.limits.retentionMs),
      );
      return { ...page, items };
    },
  );
}
