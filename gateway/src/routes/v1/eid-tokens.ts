/**
 * Electronic-ID tokens: an officer (acting for the citizen's app) issues a
 * short-lived single-use token bound to a card. The token is returned once;
 * only its SHA-256 goes to the ledger.
 */
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { TypedInstance } from '../../typebox-provider';
import { LIMITS, TRANSACTIONS } from '@idcard/common';
import { commitAs, type RouteContext } from './route-context';
import { IssuedEidToken, problemResponses } from './components';
import { Body, Reference } from './schemas';
import { tokenHash } from './verifications';

/** Default lifetime of a token, in seconds. */
export const DEFAULT_EID_TOKEN_SECONDS = 300;

/** The eID token routes. */
export function eidTokenRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.post(
    '/v1/eid-tokens',
    {
      config: { roles: TRANSACTIONS.IssueEidToken.roles },
      schema: {
        summary: 'Issue a single-use electronic-ID token for a card (the token is shown once)',
        operationId: 'issueEidToken',
        tags: ['eid-tokens'],
        body: Body(
          {
            cardRef: Reference,
            lifetimeSeconds: Type.Optional(
              Type.Integer({ minimum: 30, maximum: LIMITS.maxEidTokenLifetimeSeconds }),
            ),
          },
          { title: 'EidTokenRequest' },
        ),
        response: { 201: IssuedEidToken.ref, ...problemResponses },
      },
    },
    async (request, reply) => {
      const token = randomBytes(32).toString('base64url');
      const lifetime = request.body.lifetimeSeconds ?? DEFAULT_EID_TOKEN_SECONDS;
      const expiresAt = new Date(ctx.clock().getTime() + lifetime * 1000).toISOString();
      const answer = await commitAs(ctx, request, 'IssueEidToken', {
        tokenHash: tokenHash(token),
        cardRef: request.body.cardRef,
        expiresAt,
      });
      return reply.code(201).send({ ...answer, token });
    },
  );
}
