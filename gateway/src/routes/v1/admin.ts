/**
 * Deployment-time administration by operators: `admin:Bootstrap` creates the
 * guard keys whose key-level policies make every card and unit creation need
 * an agency's endorsement (docs/transactions.md, Endorsement). Safe to call
 * again: the chaincode answers `created: false` once the guards exist.
 */
import { Type } from '@sinclair/typebox';
import type { TypedInstance } from '../../typebox-provider';
import { callerOf } from '../../plugins/authentication';
import { committedResponse, type RouteContext } from './route-context';
import { Committed, problemResponses } from './schemas';

/** The admin routes. */
export function adminRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.post(
    '/v1/admin/bootstrap',
    {
      config: { roles: ['operator'] },
      schema: {
        summary: 'Create the endorsement guard keys (once per deployment; repeat calls change nothing)',
        tags: ['admin'],
        response: {
          200: Committed(Type.Object({ guards: Type.Array(Type.String()), created: Type.Boolean() })),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const committed = await ctx.ledger.submit(callerOf(request).identity, 'Bootstrap', {});
      request.log.info({ created: committed.result.created, txId: committed.txId }, 'ledger bootstrapped');
      return committedResponse(committed);
    },
  );
}
