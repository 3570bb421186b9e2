/**
 * Deployment-time administration by operators: `admin:Bootstrap` creates the
 * guard keys whose key-level policies make every card and unit creation need
 * an agency's endorsement (docs/transactions.md, Endorsement). Safe to call
 * again: the chaincode answers `created: false` once the guards exist.
 * And a relying unit's ledger entry alone: the operator's half of
 * onboarding when each organisation runs its own gateway (the bureau's has
 * no CA adapter); the relying parties' unit admin then enrols the unit's
 * identity and issues its key at their gateway with
 * `POST /v1/units/{unitId}/api-keys`. Also for units whose identity and key
 * were issued at deployment (`idcard up` from the network config).
 */
import { TRANSACTIONS } from '@idcard/common';
import type { TypedInstance } from '../../typebox-provider';
import { commitAs, type RouteContext } from './route-context';
import { BootstrapChange, UnitChange, problemResponses } from './components';
import { UnitRegistrationBody } from './units';

/** The admin routes. */
export function adminRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.post(
    '/v1/admin/bootstrap',
    {
      config: { roles: TRANSACTIONS.Bootstrap.roles },
      schema: {
        summary: 'Create the endorsement guard keys (once per deployment; repeat calls change nothing)',
        operationId: 'bootstrapLedger',
        tags: ['admin'],
        response: { 200: BootstrapChange.ref, ...problemResponses },
      },
    },
    async (request) => {
      const answer = await commitAs(ctx, request, 'Bootstrap', {});
      request.log.info({ created: answer.result.created, txId: answer.txId }, 'ledger bootstrapped');
      return answer;
    },
  );

  app.post(
    '/v1/admin/units',
    {
      config: { roles: TRANSACTIONS.RegisterUnit.roles },
      schema: {
        summary:
          'Register a relying unit on the ledger only (its identity issued at deployment, or later by POST /v1/units/{unitId}/api-keys); no key is issued',
        operationId: 'registerUnit',
        tags: ['admin'],
        body: UnitRegistrationBody,
        response: { 201: UnitChange.ref, ...problemResponses },
      },
    },
    async (request, reply) => {
      const answer = await commitAs(ctx, request, 'RegisterUnit', request.body);
      request.log.info(
        { unitId: request.body.unitId, txId: answer.txId },
        'configured relying unit registered',
      );
      return reply.code(201).send(answer);
    },
  );
}
