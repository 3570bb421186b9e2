/**
 * The relying-unit registry: onboarding in one gateway (ledger entry, Fabric
 * CA identity, API key shown once; operators), suspension, reinstatement,
 * purposes (operators); API key issue and revocation (operators, or the
 * relying parties' unit admin at their own gateway, who has no ledger
 * access); unit queries.
 */
import { Type } from '@sinclair/typebox';
import type { TypedInstance } from '../../typebox-provider';
import { MAX_DISPLAY_NAME_LENGTH, PURPOSES, TRANSACTIONS, UNIT_CATEGORIES } from '@idcard/common';
import type { FastifyBaseLogger } from 'fastify';
import type { LedgerCaller as Caller } from '../../callers/caller-registry';
import type { EnrolledClientIdentity, IdentityRegistrar } from '../../callers/identity-registrar';
import { anyCallerOf, callerOf } from '../../plugins/authentication';
import { literalUnion } from '../../ledger/records';
import { ProblemError } from '../../problems';
import { commitAs, committedResponse, paging, type RouteContext } from './route-context';
import { IssuedApiKey, OnboardedUnit, Unit, UnitChange, UnitPage, problemResponses } from './components';
import { Body, PagingQuery, UnitId } from './schemas';

const operator = { roles: ['operator'] } as const;
/** Who manages the callers of this gateway's registry: the operator, or the relying parties' unit admin. */
const keyAdmin = { roles: ['operator', 'unit-admin'] } as const;
const tags = ['units'];
const UnitParams = Type.Object({ unitId: UnitId });
const Purposes = Type.Array(literalUnion(PURPOSES), {
  minItems: 1,
  maxItems: PURPOSES.length,
  uniqueItems: true,
});
/** The fields of a unit's registry entry as an operator submits it. */
const unitEntryFields = {
  unitId: UnitId,
  category: literalUnion(UNIT_CATEGORIES),
  displayName: Type.String({ minLength: 1, maxLength: MAX_DISPLAY_NAME_LENGTH }),
  allowedPurposes: Purposes,
};
/** A unit to onboard: its registry entry (its identity and key follow). */
const UnitOnboardingBody = Body(unitEntryFields, { title: 'UnitOnboarding' });
/** A unit's registry entry alone (`POST /v1/admin/units`). */
export const UnitRegistrationBody = Body(unitEntryFields, { title: 'UnitRegistration' });

/** Caller id of a relying unit's verifier identity. */
export function unitCallerId(unitId: string): string {
  return `unit-${unitId.toLowerCase()}`;
}

/**
 * The registrar, checked before anything is written to the ledger. A gateway
 * configured without one never enrols units (an agency's: the relying
 * parties' gateway does), so asking it is refused, not "retry later".
 * @throws ProblemError forbidden when none is configured
 */
function requireRegistrar(ctx: RouteContext): IdentityRegistrar {
  if (!ctx.registrar) {
    throw new ProblemError(
      'forbidden',
      "This gateway does not enrol relying units: their identities and keys are issued at the relying parties' gateway",
    );
  }
  return ctx.registrar;
}

/**
 * Enrols the unit's verifier identity and stores it as a caller.
 * @throws ProblemError registrar-unavailable when the CA fails (the unit stays registered on the ledger)
 */
async function enrolUnitCaller(
  ctx: RouteContext,
  registrar: IdentityRegistrar,
  unitId: string,
  log: FastifyBaseLogger,
): Promise<Caller> {
  const callerId = unitCallerId(unitId);
  let identity: EnrolledClientIdentity;
  try {
    identity = await registrar.registerAndEnroll({
      name: callerId,
      type: 'client',
      attributes: { role: 'verifier', unit: unitId },
    });
  } catch (err) {
    log.error({ err, unitId }, 'enrolment of a relying unit identity failed');
    throw new ProblemError(
      'registrar-unavailable',
      `Unit ${unitId} is registered on the ledger, but its Fabric identity could not be enrolled; ` +
        `retry with POST /v1/units/${unitId}/api-keys`,
      { retryAfterSeconds: 5 },
    );
  }
  await ctx.callers.addCaller({ id: callerId, role: 'verifier', unit: unitId, identity });
  const caller = ctx.callers.findUnitCaller(unitId);
  if (!caller) throw new Error(`caller of ${unitId} was not stored`);
  return caller;
}

/** The unit routes. */
export function unitRoutes(app: TypedInstance, ctx: RouteContext): void {
  app.post(
    '/v1/units',
    {
      config: operator,
      schema: {
        summary: 'Onboard a relying unit: ledger entry, Fabric identity, and its API key (shown once)',
        operationId: 'onboardUnit',
        tags,
        body: UnitOnboardingBody,
        response: { 201: OnboardedUnit.ref, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { unitId } = request.body;
      if (ctx.callers.findUnitCaller(unitId)) {
        throw new ProblemError('conflict', `Unit ${unitId} is already onboarded`);
      }
      const registrar = requireRegistrar(ctx);
      const committed = await ctx.ledger.submit(callerOf(request).identity, 'RegisterUnit', request.body);
      const caller = await enrolUnitCaller(ctx, registrar, unitId, request.log);
      const key = await ctx.callers.issueKey(caller.id, ctx.clock());
      request.log.info({ unitId, callerId: caller.id, keyId: key.keyId }, 'relying unit onboarded');
      return reply.code(201).send({ ...committedResponse(committed), callerId: caller.id, ...key });
    },
  );

  app.post(
    '/v1/units/:unitId/api-keys',
    {
      config: keyAdmin,
      schema: {
        summary:
          'Issue an API key to a unit (enrols its identity if it has none); at the relying parties’ gateway, by its unit admin',
        operationId: 'issueApiKey',
        tags,
        params: UnitParams,
        response: { 201: IssuedApiKey.ref, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { unitId } = request.params;
      let caller = ctx.callers.findUnitCaller(unitId);
      if (!caller) {
        const registrar = requireRegistrar(ctx);
        // An operator checks the ledger entry first; the unit admin has no ledger access (the entry is
        // the operator's, at the agency gateway; an identity without one is DENIED by the ledger).
        const admin = anyCallerOf(request);
        if (admin.role === 'operator')
          await ctx.ledger.evaluate(callerOf(request).identity, 'GetUnit', { unitId });
        caller = await enrolUnitCaller(ctx, registrar, unitId, request.log);
      }
      const key = await ctx.callers.issueKey(caller.id, ctx.clock());
      request.log.info({ unitId, callerId: caller.id, keyId: key.keyId }, 'API key issued');
      return reply.code(201).send({ callerId: caller.id, ...key });
    },
  );

  app.delete(
    '/v1/api-keys/:keyId',
    {
      config: keyAdmin,
      schema: {
        summary: 'Revoke an API key (its open event streams end)',
        operationId: 'revokeApiKey',
        tags,
        params: Type.Object({ keyId: Type.String({ pattern: '^[0-9a-f]{16}$' }) }),
        response: { 204: Type.Null({ description: 'Revoked' }), ...problemResponses },
      },
    },
    async (request, reply) => {
      if (!(await ctx.callers.revokeKey(request.params.keyId, ctx.clock()))) {
        throw new ProblemError('not-found', 'No such active API key');
      }
      const streams = ctx.streams.endKey(request.params.keyId);
      request.log.info({ keyId: request.params.keyId, streams }, 'API key revoked');
      return reply.code(204).send();
    },
  );

  app.post(
    '/v1/units/:unitId/suspend',
    {
      config: operator,
      schema: {
        summary: 'Suspend a unit (its verifications are DENIED, its event streams end)',
        operationId: 'suspendUnit',
        tags,
        params: UnitParams,
        body: Body({ reason: Type.String({ pattern: '^[A-Z_]{1,32}$' }) }, { title: 'Suspension' }),
        response: { 200: UnitChange.ref, ...problemResponses },
      },
    },
    async (request) => {
      const { unitId } = request.params;
      const answer = await commitAs(ctx, request, 'SuspendUnit', { unitId, reason: request.body.reason });
      ctx.streams.endUnit(unitId);
      return answer;
    },
  );

  app.post(
    '/v1/units/:unitId/reinstate',
    {
      config: operator,
      schema: {
        summary: 'Reinstate a suspended unit',
        operationId: 'reinstateUnit',
        tags,
        params: UnitParams,
        response: { 200: UnitChange.ref, ...problemResponses },
      },
    },
    async (request) => commitAs(ctx, request, 'ReinstateUnit', { unitId: request.params.unitId }),
  );

  app.put(
    '/v1/units/:unitId/purposes',
    {
      config: operator,
      schema: {
        summary: 'Set the purposes a unit may verify for',
        operationId: 'setUnitPurposes',
        tags,
        params: UnitParams,
        body: Body({ allowedPurposes: Purposes }, { title: 'UnitPurposes' }),
        response: { 200: UnitChange.ref, ...problemResponses },
      },
    },
    async (request) =>
      commitAs(ctx, request, 'SetUnitPurposes', {
        unitId: request.params.unitId,
        allowedPurposes: request.body.allowedPurposes,
      }),
  );

  app.get(
    '/v1/units',
    {
      config: { roles: TRANSACTIONS.ListUnits.roles },
      schema: {
        summary: 'List units',
        operationId: 'listUnits',
        tags,
        querystring: PagingQuery,
        response: { 200: UnitPage.ref, ...problemResponses },
      },
    },
    async (request) => ctx.ledger.evaluate(callerOf(request).identity, 'ListUnits', paging(request.query)),
  );

  app.get(
    '/v1/units/:unitId',
    {
      config: { roles: TRANSACTIONS.GetUnit.roles },
      schema: {
        summary: 'A unit (a verifier sees only its own)',
        operationId: 'getUnit',
        tags,
        params: UnitParams,
        response: { 200: Unit.ref, ...problemResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      if (caller.role === 'verifier' && caller.unit !== request.params.unitId) {
        throw new ProblemError('forbidden', 'A relying unit may read only its own registry entry');
      }
      return ctx.ledger.evaluate(caller.identity, 'GetUnit', { unitId: request.params.unitId });
    },
  );
}
