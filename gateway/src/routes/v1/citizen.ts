/**
 * The citizen's view, through the officer role (a service-hall officer or
 * the citizen app acting via public security): the person's own cards,
 * "who checked my card" (a read of the card's verification trail, itself
 * recorded on the ledger with a purpose, issue 14), and "who looked" (the
 * recorded reads of that trail). Cards and persons are looked up under the
 * current pseudonym key and every earlier one.
 */
import { Type } from '@sinclair/typebox';
import type { TypedInstance } from '../../typebox-provider';
import { TRAIL_READ_PURPOSES } from '@idcard/common';
import type { LedgerCaller as Caller } from '../../callers/caller-registry';
import { ChaincodeError } from '../../ledger/ledger-errors';
import { literalUnion } from '../../ledger/records';
import { callerOf } from '../../plugins/authentication';
import { isCalendarDate } from '../../privacy/id-number';
import { ProblemError } from '../../problems';
import { paging, requirePersonRef, type RouteContext } from './route-context';
import { PersonCards, TrailReadPage, VerificationRecordPage, problemResponses } from './components';
import { Body, CardDate, IdNumber, PagingQuery } from './schemas';

const officer = { roles: ['officer'] } as const;
const tags = ['citizen'];
/** A card by its holder's ID number and first day, and a page of its trail. */
const CardBody = { idNumber: IdNumber, validFrom: CardDate, ...PagingQuery.properties };

/**
 * The reference of the card with this holder and first day: under the key it
 * was made with (the current key's when it is on the ledger under none).
 * @throws ProblemError validation for an impossible first day; LedgerError
 */
async function cardRefOf(
  ctx: RouteContext,
  caller: Caller,
  body: { idNumber: string; validFrom: string },
): Promise<string> {
  const { idNumber, birthDate } = requirePersonRef(ctx, body.idNumber);
  if (!isCalendarDate(body.validFrom) || body.validFrom < birthDate) {
    throw new ProblemError('validation', 'validFrom is not a possible issue date', {
      errors: [{ path: 'body/validFrom', message: 'must be a calendar date after the birth date' }],
    });
  }
  const current = ctx.pseudonyms.cardRef(idNumber, body.validFrom);
  // Without earlier keys there is nothing to look up (and nothing to ask the ledger).
  if (ctx.earlierPseudonyms.length === 0 || (await cardExists(ctx, caller, current))) return current;
  for (const earlier of ctx.earlierPseudonyms) {
    const cardRef = earlier.cardRef(idNumber, body.validFrom);
    if (await cardExists(ctx, caller, cardRef)) return cardRef;
  }
  return current;
}

/** True when the card is on the ledger. @throws LedgerError other than NOT_FOUND */
async function cardExists(ctx: RouteContext, caller: Caller, cardRef: string): Promise<boolean> {
  try {
    await ctx.ledger.evaluate(caller.identity, 'GetCard', { cardRef });
    return true;
  } catch (err) {
    if (err instanceof ChaincodeError && err.code === 'NOT_FOUND') return false;
    throw err;
  }
}

/** The citizen routes. */
export function citizenRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.post(
    '/v1/citizen/cards',
    {
      config: officer,
      schema: {
        summary: "Citizen self-check: the person's cards and their status (under every pseudonym key)",
        operationId: 'getCitizenCards',
        tags,
        body: Body({ idNumber: IdNumber }, { title: 'Citizen' }),
        response: { 200: PersonCards.ref, ...problemResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { personRef, idNumber } = requirePersonRef(ctx, request.body.idNumber);
      const own = await ctx.ledger.evaluate(caller.identity, 'GetPersonCards', { personRef });
      const cards = [...own.cards];
      for (const earlier of ctx.earlierPseudonyms) {
        const found = await ctx.ledger.evaluate(caller.identity, 'GetPersonCards', {
          personRef: earlier.personRef(idNumber),
        });
        cards.push(...found.cards);
      }
      return { personRef, cards };
    },
  );

  app.post(
    '/v1/citizen/verifications',
    {
      config: officer,
      schema: {
        summary: 'Who checked my card: verifications of one card (the read is recorded, with its purpose)',
        operationId: 'listCitizenCardVerifications',
        tags,
        body: Body(
          { ...CardBody, purpose: Type.Optional(literalUnion(TRAIL_READ_PURPOSES)) },
          { title: 'CitizenCardTrailRead' },
        ),
        response: { 200: VerificationRecordPage.ref, ...problemResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const cardRef = await cardRefOf(ctx, caller, request.body);
      const committed = await ctx.ledger.submit(caller.identity, 'ReadCardTrail', {
        cardRef,
        purpose: request.body.purpose ?? 'CITIZEN_REQUEST',
        ...paging(request.body),
      });
      return committed.result;
    },
  );

  app.post(
    '/v1/citizen/who-looked',
    {
      config: officer,
      schema: {
        summary: "Who looked: the recorded reads of one card's verification trail (who, when, why)",
        operationId: 'listCitizenCardTrailReads',
        tags,
        body: Body(CardBody, { title: 'CitizenCard' }),
        response: { 200: TrailReadPage.ref, ...problemResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const cardRef = await cardRefOf(ctx, caller, request.body);
      return ctx.ledger.evaluate(caller.identity, 'ListTrailReads', { cardRef, ...paging(request.body) });
    },
  );
}
