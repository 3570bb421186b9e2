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
import { literalUnion } from '../../ledger/records';
import {
  Announcement,
  Card,
  CardChange,
  CardHistoryPage,
  CardStatusAt,
  TrailReadPage,
  problemResponses,
} from './components';
import { commitAs, committedResponse, paging, requireCard, type RouteContext } from './route-context';
import { Body, CardDate, IdNumber, Instant, PagingQuery, PersonName, Reference, ValidUntil } from './schemas';

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
        operationId: 'issueCard',
        tags,
        body: Body(
          {
            idNumber: IdNumber,
            name: PersonName,
            kind: literalUnion(CARD_KINDS),
            validFrom: CardDate,
            validUntil: ValidUntil,
            reasonCode: literalUnion(REASONS_BY_ACTION.ISSUE),
            occurredAt: Instant,
          },
          { title: 'CardToIssue' },
        ),
        response: { 201: CardChange.ref, ...problemResponses },
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

  // A change of one card, named by its path: the body's fields go to the transaction as they are.
  const reported = Body({ occurredAt: Instant }, { title: 'CardEvent' });
  const revocation = Body(
    { reasonCode: literalUnion(REASONS_BY_ACTION.REVOKE), occurredAt: Instant },
    { title: 'Revocation' },
  );
  const changes = [
    ['report-lost', 'ReportLost', 'reportCardLost', 'Report a card lost', reported],
    ['report-stolen', 'ReportStolen', 'reportCardStolen', 'Report a card stolen', reported],
    [
      'withdraw-loss',
      'WithdrawLossReport',
      'withdrawLossReport',
      'Withdraw a loss report (card found)',
      reported,
    ],
    ['revoke', 'RevokeCard', 'revokeCard', 'Revoke a card with a reason', revocation],
  ] as const;
  for (const [path, transaction, operationId, summary, body] of changes) {
    app.post(
      `/v1/cards/:cardRef/${path}`,
      {
        config: officer,
        schema: {
          summary,
          operationId,
          tags,
          params: CardParams,
          body,
          response: { 200: CardChange.ref, ...problemResponses },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const { cardRef } = request.params;
        const committed = await ctx.ledger.submit(caller.identity, transaction, { ...request.body, cardRef });
        await announceCardChange(ctx.ledger, caller.identity, cardRef, request.log);
        return committedResponse(committed);
      },
    );
  }

  app.post(
    '/v1/cards/:cardRef/announce',
    {
      config: officer,
      schema: {
        summary:
          "Announce the card's latest change to the units told VALID before it (again: records nothing new)",
        operationId: 'announceCardChange',
        tags,
        params: CardParams,
        response: { 200: Announcement.ref, ...problemResponses },
      },
    },
    async (request) => commitAs(ctx, request, 'AnnounceCardChange', { cardRef: request.params.cardRef }),
  );

  app.get(
    '/v1/cards/:cardRef',
    {
      config: readers,
      schema: {
        summary: 'A card',
        operationId: 'getCard',
        tags,
        params: CardParams,
        response: { 200: Card.ref, ...problemResponses },
      },
    },
    async (request) =>
      ctx.ledger.evaluate(callerOf(request).identity, 'GetCard', { cardRef: request.params.cardRef }),
  );

  // A card's records, a page at a time.
  const lists = [
    ['history', 'GetCardHistory', 'getCardHistory', "A card's transitions", CardHistoryPage],
    [
      'trail-reads',
      'ListTrailReads',
      'listTrailReads',
      "Who read the card's verification trail, when and why",
      TrailReadPage,
    ],
  ] as const;
  for (const [path, query, operationId, summary, page] of lists) {
    app.get(
      `/v1/cards/:cardRef/${path}`,
      {
        config: readers,
        schema: {
          summary,
          operationId,
          tags,
          params: CardParams,
          querystring: PagingQuery,
          response: { 200: page.ref, ...problemResponses },
        },
      },
      async (request) =>
        ctx.ledger.evaluate(callerOf(request).identity, query, {
          cardRef: request.params.cardRef,
          ...paging(request.query),
        }),
    );
  }

  app.get(
    '/v1/cards/:cardRef/status',
    {
      config: readers,
      schema: {
        summary: 'The status a card had at an instant',
        operationId: 'getCardStatusAt',
        tags,
        params: CardParams,
        querystring: Type.Object({ at: Instant }, { additionalProperties: false }),
        response: { 200: CardStatusAt.ref, ...problemResponses },
      },
    },
    async (request) =>
      ctx.ledger.evaluate(callerOf(request).identity, 'GetCardStatusAt', {
        cardRef: request.params.cardRef,
        at: request.query.at,
      }),
  );
}
