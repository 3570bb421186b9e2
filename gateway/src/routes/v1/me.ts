/**
 * `GET /v1/me`: who the key belongs to (the console signs in with it). Any
 * valid key of this gateway, service roles included; no ledger call.
 */
import { CALLER_ROLES } from '../../callers/caller-registry';
import { anyCallerOf } from '../../plugins/authentication';
import type { TypedInstance } from '../../typebox-provider';
import { Caller, problemResponses } from './components';

/** The route. */
export function meRoutes(app: TypedInstance): void {
  app.get(
    '/v1/me',
    {
      config: { roles: CALLER_ROLES },
      schema: {
        summary: 'The caller behind this API key: id, role, unit, MSP (no ledger call)',
        operationId: 'getMe',
        tags: ['callers'],
        response: { 200: Caller.ref, ...problemResponses },
      },
    },
    (request) => {
      const caller = anyCallerOf(request);
      return {
        callerId: caller.id,
        role: caller.role,
        unit: caller.unit ?? null,
        mspId: caller.identity?.mspId ?? null,
        keyId: caller.keyId ?? null,
      };
    },
  );
}
