/**
 * Verification by relying units: one card, a batch, or an electronic-ID
 * token; and the verification records by unit and time. A verification that
 * fails on the facts is a 200 with result INVALID or DENIED, not an error.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { TypedInstance } from '../../typebox-provider';
import { LIMITS, TRANSACTIONS } from '@idcard/common';
import { callerOf } from '../../plugins/authentication';
import { LEDGER_START } from '../../ledger/pages';
import type { BulkItem } from '../../ledger/transactions';
import { chargeWork } from '../../plugins/rate-limit';
import { ProblemError } from '../../problems';
import {
  BatchVerification,
  Verification,
  VerificationRecord,
  VerificationRecordPage,
  problemResponses,
} from './components';
import { withReceipt } from './receipts';
import { paging, presentCards, requireCard, resolveRequestId, type RouteContext } from './route-context';
import {
  Body,
  CardDate,
  IdNumber,
  IdempotencyHeaders,
  PersonName,
  Purpose,
  RequestId,
  UnitRangeQuery,
  ValidUntil,
} from './schemas';

const CardFields = {
  idNumber: IdNumber,
  name: PersonName,
  validFrom: CardDate,
  validUntil: ValidUntil,
};

/** An electronic-ID token as shown in the QR code: 32 random bytes, base64url. */
export const EID_TOKEN_PATTERN = '^[A-Za-z0-9_-]{43}$';

/** SHA-256 (hex) of a token: all the ledger ever holds of it. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Request id of batch item `index`, derived from the batch key (fits REQUEST_ID_PATTERN). */
export function batchItemRequestId(batchKey: string, index: number): string {
  const base =
    batchKey.length <= 58 ? batchKey : createHash('sha256').update(batchKey).digest('hex').slice(0, 40);
  return `${base}.${index}`;
}

const verifier = { roles: ['verifier'] } as const;

/** The verification routes. */
export function verificationRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.post(
    '/v1/verifications',
    {
      config: verifier,
      schema: {
        summary: 'Verify a presented card',
        operationId: 'verifyCard',
        tags: ['verifications'],
        headers: IdempotencyHeaders,
        body: Body(
          { ...CardFields, purpose: Purpose, requestId: Type.Optional(RequestId) },
          { title: 'PresentedCard' },
        ),
        response: { 200: Verification.ref, ...problemResponses },
      },
    },
    async (request) => {
      const { card, earlierRefs } = await requireCard(ctx, request.body, false);
      const requestId = resolveRequestId(request.headers['idempotency-key'], request.body.requestId);
      const committed = await ctx.ledger.submit(callerOf(request).identity, 'VerifyCardAcrossKeys', {
        requestId,
        purpose: request.body.purpose,
        ...card,
        earlierRefs,
      });
      return withReceipt(committed);
    },
  );

  app.post(
    '/v1/verifications/batch',
    {
      config: verifier,
      schema: {
        summary: `Verify up to ${LIMITS.maxBulkItems} cards in one transaction`,
        description: 'Costs as many work units of the caller’s rate limit as it has items.',
        operationId: 'verifyCards',
        tags: ['verifications'],
        headers: IdempotencyHeaders,
        body: Body(
          {
            purpose: Purpose,
            items: Type.Array(
              Body({ ...CardFields, requestId: Type.Optional(RequestId) }, { title: 'BatchItem' }),
              {
                minItems: 1,
                maxItems: LIMITS.maxBulkItems,
              },
            ),
          },
          { title: 'PresentedCards' },
        ),
        response: { 200: BatchVerification.ref, ...problemResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      // A batch costs its item count (the request itself paid 1), before anything is derived or sent.
      chargeWork(ctx.work, caller.id, request.body.items.length - 1, 'A batch');
      const batchKey = request.headers['idempotency-key'] ?? `gw-${randomUUID()}`;
      const presented = await presentCards(ctx, request.body.items, (index) => `body/items/${index}`, false);
      if (!presented.ok)
        throw new ProblemError('validation', 'Some items are not valid', { errors: presented.errors });
      const items: BulkItem[] = presented.cards.map((checked, index) => ({
        requestId: request.body.items[index]?.requestId ?? batchItemRequestId(batchKey, index),
        ...checked.card,
        ...(checked.earlierRefs.length > 0 ? { earlierRefs: checked.earlierRefs } : {}),
      }));
      const committed = await ctx.ledger.submit(caller.identity, 'VerifyCards', {
        purpose: request.body.purpose,
        items,
      });
      return withReceipt(committed);
    },
  );

  app.post(
    '/v1/verifications/eid-token',
    {
      config: verifier,
      schema: {
        summary: 'Verify a scanned electronic-ID token',
        operationId: 'verifyEidToken',
        tags: ['verifications'],
        headers: IdempotencyHeaders,
        body: Body(
          {
            token: Type.String({ pattern: EID_TOKEN_PATTERN }),
            purpose: Purpose,
            requestId: Type.Optional(RequestId),
          },
          { title: 'ScannedEidToken' },
        ),
        response: { 200: Verification.ref, ...problemResponses },
      },
    },
    async (request) => {
      const requestId = resolveRequestId(request.headers['idempotency-key'], request.body.requestId);
      const committed = await ctx.ledger.submit(callerOf(request).identity, 'VerifyEidToken', {
        requestId,
        purpose: request.body.purpose,
        tokenHash: tokenHash(request.body.token),
      });
      return withReceipt(committed);
    },
  );

  app.get(
    '/v1/verifications',
    {
      config: { roles: TRANSACTIONS.ListVerificationsByUnit.roles },
      schema: {
        summary: 'Verification records of a unit in a time range (a unit sees only its own)',
        operationId: 'listVerifications',
        tags: ['verifications'],
        querystring: UnitRangeQuery,
        response: { 200: VerificationRecordPage.ref, ...problemResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const unitId = request.query.unitId ?? caller.unit;
      if (unitId === undefined) {
        throw new ProblemError('validation', 'unitId is required', {
          errors: [{ path: 'querystring/unitId', message: 'is required for auditors' }],
        });
      }
      if (caller.role === 'verifier' && unitId !== caller.unit) {
        throw new ProblemError('forbidden', 'A relying unit may list only its own verifications');
      }
      return ctx.ledger.evaluate(caller.identity, 'ListVerificationsByUnit', {
        unitId,
        from: request.query.from ?? LEDGER_START,
        to: request.query.to ?? ctx.clock().toISOString(),
        ...paging(request.query),
      });
    },
  );

  app.get(
    '/v1/verifications/:recordId',
    {
      config: { roles: TRANSACTIONS.GetVerification.roles },
      schema: {
        summary: 'One verification record (a unit sees only its own)',
        operationId: 'getVerification',
        tags: ['verifications'],
        params: Type.Object({ recordId: Type.String({ pattern: '^[A-Za-z0-9._:-]{1,160}$' }) }),
        response: { 200: VerificationRecord.ref, ...problemResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const record = await ctx.ledger.evaluate(caller.identity, 'GetVerification', {
        recordId: request.params.recordId,
      });
      if (caller.role === 'verifier' && record.unitId !== caller.unit) {
        throw new ProblemError('not-found', 'No such verification record of this unit');
      }
      return record;
    },
  );
}
