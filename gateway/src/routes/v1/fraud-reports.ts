/** Fraud reports: filed by relying units, read by officers and auditors. */
import { Type } from '@sinclair/typebox';
import type { TypedInstance } from '../../typebox-provider';
import { FRAUD_CATEGORIES, TRANSACTIONS } from '@idcard/common';
import { callerOf } from '../../plugins/authentication';
import { literalUnion } from '../../ledger/records';
import { FiledFraudReport, FraudReportPage, problemResponses } from './components';
import { commitAs, paging, resolveRequestId, type RouteContext } from './route-context';
import { Body, IdempotencyHeaders, PagingQuery, Reference, RequestId } from './schemas';

const tags = ['fraud-reports'];

/** The fraud report routes. */
export function fraudReportRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.post(
    '/v1/fraud-reports',
    {
      config: { roles: TRANSACTIONS.ReportFraud.roles },
      schema: {
        summary: 'Report a suspected fraudulent presentation of a card (category codes only, no free text)',
        operationId: 'reportFraud',
        tags,
        headers: IdempotencyHeaders,
        body: Body(
          {
            cardRef: Reference,
            category: literalUnion(FRAUD_CATEGORIES),
            recordId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._:-]{1,160}$' })),
            requestId: Type.Optional(RequestId),
          },
          { title: 'SuspectedFraud' },
        ),
        response: { 201: FiledFraudReport.ref, ...problemResponses },
      },
    },
    async (request, reply) => {
      const requestId = resolveRequestId(request.headers['idempotency-key'], request.body.requestId);
      const answer = await commitAs(ctx, request, 'ReportFraud', {
        requestId,
        cardRef: request.body.cardRef,
        category: request.body.category,
        recordId: request.body.recordId ?? '',
      });
      return reply.code(201).send(answer);
    },
  );

  app.get(
    '/v1/fraud-reports',
    {
      config: { roles: TRANSACTIONS.ListFraudReports.roles },
      schema: {
        summary: 'List fraud reports',
        operationId: 'listFraudReports',
        tags,
        querystring: PagingQuery,
        response: { 200: FraudReportPage.ref, ...problemResponses },
      },
    },
    async (request) =>
      ctx.ledger.evaluate(callerOf(request).identity, 'ListFraudReports', paging(request.query)),
  );
}
