/**
 * Card life cycle by officers (issue, report lost or stolen, withdraw a loss
 * report, revoke) and card queries for officers and auditors. Cards are
 * addressed by their pseudonymous cardRef; ID numbers travel only in bodies.
 * Once a change has committed it is announced to the units told VALID
 * before it (status notices, issue 14): a failed announcement never undoes
 * or fails the change, and can be repeated with POST .../announce.
 */
import { Type } from '@sinclair/typebox';
import type { TypedInstance } from '../../typebox-provider';
import { CARD_KINDS, REASONS_BY_ACTION } from '@idcard/common';
import { callerOf } from '../../plugins/authentication';
import { announceCardChange } from '../../status-notices/announcement';
import {
  CardHistoryEntrySchema,
  CardSchema,
  CardStatusAtSchema,
  NoticeBatchSchema,
  PageSchema,
  TrailReadSchema,
  literalUnion,
} from '../../ledger/records';
import { committedResponse, paging, requireCard, type RouteContext } from './route-context';
import {
  Body,
  CardDate,
  Committed,
  IdNumber,
  Instant,
  PagingQuery,
  PersonName,
  Reference,
  ValidUntil,
  problemResponses,
} from './schemas';

const officer = { roles: ['officer'] } as const;
const readers = { roles: ['officer', 'auditor'] } as const;
const CardParams = Type.Object({ cardRef: Reference });
const tags = ['cards'];

/** The card routes. */
export function cardRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.post(
    '/v1/cards',
    {
      config: officer,
      schema: {
        summary:
          'Issue a card (any earlier live card of the person, under any pseudonym key, becomes REPLACED)',
        tags,
        body: Body({
          idNumber: IdNumber,
          name: PersonName,
          kind: literalUnion(CARD_KINDS),
          validFrom: CardDate,
          validUntil: ValidUntil,
          reasonCode: literalUnion(REASONS_BY_ACTION.ISSUE),
          occurredAt: Instant,
        }),
        response: { 201: Committed(CardSchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { card, idNumber } = await requireCard(ctx, request.body, true);
      const committed = await ctx.ledger.submit(caller.identity, 'IssueCardAcrossKeys', {
        ...card,
        earlierPersonRefs: ctx.earlierPseudonyms.map((p) => p.personRef(idNumber)),
        kind: request.body.kind,
        reasonCode: request.body.reasonCode,
        occurredAt: request.body.occurredAt,
      });
      // Announces the replacement of the person's earlier cards (records nothing when none was replaced).
      await announceCardChange(ctx.ledger, caller.identity, card.cardRef, request.log);
      return reply.code(201).send(committedResponse(committed));
    },
  );

  const transitions = [
    ['report-lost', 'ReportLost', 'Report a card lost'],
    ['report-stolen', 'ReportStolen', 'Report a card stolen'],
    ['withdraw-loss', 'WithdrawLossReport', 'Withdraw a loss report (card found)'],
  ] as const;
  for (const [path, transaction, summary] of transitions) {
    app.post(
      `/v1/cards/:cardRef/${path}`,
      {
        config: officer,
        schema: {
          summary,
          tags,
          params: CardParams,
          body: Body({ occurredAt: Instant }),
          response: { 200: Committed(CardSchema), ...problemResponses },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const committed = await ctx.ledger.submit(caller.identity, transaction, {
          cardRef: request.params.cardRef,
          occurredAt: request.body.occurredAt,
        });
        await announceCardChange(ctx.ledger, caller.identity, request.params.cardRef, request.log);
        return committedResponse(committed);
      },
    );
  }

  app.post(
    '/v1/cards/:cardRef/revoke',
    {
      config: officer,
      schema: {
        summary: 'Revoke a card with a reason',
        tags,
        params: CardParams,
        body: Body({ reasonCode: literalUnion(REASONS_BY_ACTION.REVOKE), occurredAt: Instant }),
        response: { 200: Committed(CardSchema), ...problemResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const committed = await ctx.ledger.submit(caller.identity, 'RevokeCard', {
        cardRef: request.params.cardRef,
        reasonCode: request.body.reasonCode,
        occurredAt: request.body.occurredAt,
      });
      await announceCardChange(ctx.ledger, caller.identity, request.params.cardRef, request.log);
      return committedResponse(committed);
    },
  );

  app.post(
    '/v1/cards/:cardRef/announce',
    {
      config: officer,
      schema: {
        summary:
          "Announce the card's latest change to the units told VALID before it (again: records nothing new)",
        tags,
        params: CardParams,
        response: { 200: Committed(NoticeBatchSchema), ...problemResponses },
      },
    },
    async (request) =>
      committedResponse(
        await ctx.ledger.submit(callerOf(request).identity, 'AnnounceCardChange', {
          cardRef: request.params.cardRef,
        }),
      ),
  );

  app.get(
    '/v1/cards/:cardRef',
    {
      config: readers,
      schema: {
        summary: 'A card',
        tags,
        params: CardParams,
        response: { 200: CardSchema, ...problemResponses },
      },
    },
    async (request) =>
      ctx.ledger.evaluate(callerOf(request).identity, 'GetCard', { cardRef: request.params.cardRef }),
  );

  app.get(
    '/v1/cards/:cardRef/history',
    {
      config: readers,
      schema: {
        summary: "A card's transitions",
        tags,
        params: CardParams,
        querystring: PagingQuery,
        response: { 200: PageSchema(CardHistoryEntrySchema), ...problemResponses },
      },
    },
    async (request) =>
      ctx.ledger.evaluate(callerOf(request).identity, 'GetCardHistory', {
        cardRef: request.params.cardRef,
        ...paging(request.query),
      }),
  );

  app.get(
    '/v1/cards/:cardRef/status',
    {
      config: readers,
      schema: {
        summary: 'The status a card had at an instant',
        tags,
        params: CardParams,
        querystring: Type.Object({ at: Instant }, { additionalProperties: false }),
        response: { 200: CardStatusAtSchema, ...problemResponses },
      },
    },
    async (request) =>
      ctx.ledger.evaluate(callerOf(request).identity, 'GetCardStatusAt', {
        cardRef: request.params.cardRef,
        at: request.query.at,
      }),
  );

  app.get(
    '/v1/cards/:cardRef/trail-reads',
    {
      config: readers,
      schema: {
        summary: "Who read the card's verification trail, when and why",
        tags,
        params: CardParams,
        querystring: PagingQuery,
        response: { 200: PageSchema(TrailReadSchema), ...problemResponses },
      },
    },
    async (request) =>
      ctx.ledger.evaluate(callerOf(request).identity, 'ListTrailReads', {
        cardRef: request.params.cardRef,
        ...paging(request.query),
      }),
  );
}
