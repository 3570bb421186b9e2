/**
 * The citizen's view, through the officer role (a service-hall officer or
 * the citizen app acting via public security): the person's own cards, and
 * "who checked my card".
 */
import { Type } from '@sinclair/typebox';
import type { TypedInstance } from '../../typebox-provider';
import { LIMITS } from '@idcard/common';
import { callerOf } from '../../plugins/authentication';
import { PageSchema, PersonCardsSchema, VerificationRecordSchema } from '../../ledger/records';
import { isCalendarDate } from '../../privacy/id-number';
import { ProblemError } from '../../problems';
import { paging, requirePersonRef, type RouteContext } from './route-context';
import { Body, CardDate, IdNumber, problemResponses } from './schemas';

const officer = { roles: ['officer'] } as const;
const tags = ['citizen'];

/** The citizen routes. */
export function citizenRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.post(
    '/v1/citizen/cards',
    {
      config: officer,
      schema: {
        summary: "Citizen self-check: the person's cards and their status",
        tags,
        body: Body({ idNumber: IdNumber }),
        response: { 200: PersonCardsSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { personRef } = requirePersonRef(ctx, request.body.idNumber);
      return ctx.ledger.evaluate(callerOf(request).identity, 'GetPersonCards', { personRef });
    },
  );

  app.post(
    '/v1/citizen/verifications',
    {
      config: officer,
      schema: {
        summary: 'Who checked my card: verifications of one card',
        tags,
        body: Body({
          idNumber: IdNumber,
          validFrom: CardDate,
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.maxPageSize })),
          bookmark: Type.Optional(Type.String({ maxLength: 2048 })),
        }),
        response: { 200: PageSchema(VerificationRecordSchema), ...problemResponses },
      },
    },
    async (request) => {
      const { idNumber, birthDate } = requirePersonRef(ctx, request.body.idNumber);
      if (!isCalendarDate(request.body.validFrom) || request.body.validFrom < birthDate) {
        throw new ProblemError('validation', 'validFrom is not a possible issue date', {
          errors: [{ path: 'body/validFrom', message: 'must be a calendar date after the birth date' }],
        });
      }
      return ctx.ledger.evaluate(callerOf(request).identity, 'ListVerificationsByCard', {
        cardRef: ctx.pseudonyms.cardRef(idNumber, request.body.validFrom),
        ...paging(request.body),
      });
    },
  );
}
