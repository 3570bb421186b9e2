/**
 * GET /v1/status-notices: "cards you checked that changed" (issue 14). A
 * relying unit lists the status changes of the cards it checked, made at
 * most `statusNotices.retentionDays` after its latest check, and only as far
 * back as that window; nothing about cards it did not check. Auditors list
 * any unit's notices as recorded, without the window. The rule lives in
 * ../../status-notices/notice-list.ts.
 */
import { callerOf } from '../../plugins/authentication';
import { listStatusNotices } from '../../status-notices/notice-list';
import type { TypedInstance } from '../../typebox-provider';
import { paging, type RouteContext } from './route-context';
import { StatusNoticePage, problemResponses } from './components';
import { UnitRangeQuery } from './schemas';

/** The status notice route. */
export function statusNoticeRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.get(
    '/v1/status-notices',
    {
      config: { roles: ['auditor', 'verifier'] },
      schema: {
        summary:
          'Status changes of the cards a unit checked (a unit sees only its own, within the retention window)',
        operationId: 'listStatusNotices',
        tags: ['verifications'],
        querystring: UnitRangeQuery,
        response: { 200: StatusNoticePage.ref, ...problemResponses },
      },
    },
    async (request) =>
      listStatusNotices(
        { ledger: ctx.ledger, now: ctx.clock(), windowMs: ctx.limits.retentionMs },
        callerOf(request),
        { ...request.query, ...paging(request.query) },
      ),
  );
}
