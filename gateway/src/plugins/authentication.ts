/**
 * Authentication and authorisation. A first onRequest hook identifies the
 * caller from `Authorization: Bearer <key>` without refusing anything, so the
 * rate limiter (a route-level onRequest hook) can count per caller, or per IP
 * for requests without a valid key; a preParsing hook then refuses with 401
 * or 403 before the body is even read.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  isLedgerCaller,
  type Caller,
  type CallerRegistry,
  type CallerRole,
  type LedgerCaller,
} from '../callers/caller-registry';
import { ProblemError } from '../problems';
import { certificateRefusal, type ClientCertificatePolicy } from '../tls/client-certificate-check';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed on the route; every /v1 route declares them. */
    roles?: readonly CallerRole[];
  }
  interface FastifyRequest {
    /** The authenticated caller, when the key was valid. */
    caller: Caller | undefined;
    /** Why a valid key was not accepted over this connection (its client certificate), if it was not. */
    certificateRefusal: string | undefined;
  }
}

/** True for routes that need a key: the versioned API. */
export function isProtectedRoute(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith('/v1/') === true;
}

function bearerKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer ([\x21-\x7e]{1,200})$/i.exec(header.trim());
  return match?.[1];
}

/**
 * The authenticated caller of a request on a protected route, whatever its role.
 * @throws ProblemError unauthorised (only if called on a public route)
 */
export function anyCallerOf(request: FastifyRequest): Caller {
  if (request.caller === undefined) throw new ProblemError('unauthorised', 'A valid API key is required');
  return request.caller;
}

/**
 * The authenticated ledger caller of a request on a route of ledger roles.
 * @throws ProblemError unauthorised (only if called on a public route); forbidden for a service role
 */
export function callerOf(request: FastifyRequest): LedgerCaller {
  const caller = anyCallerOf(request);
  if (!isLedgerCaller(caller))
    throw new ProblemError('forbidden', `The ${caller.role} role has no ledger access`);
  return caller;
}

/**
 * Installs the identify hook; call before registering the rate limiter. With
 * a client-certificate policy, a key whose connection's certificate does not
 * satisfy it identifies nobody (and is refused 401 with the reason).
 */
export function installIdentification(
  app: FastifyInstance,
  callers: CallerRegistry,
  certificates?: ClientCertificatePolicy,
): void {
  app.decorateRequest('caller', undefined);
  app.decorateRequest('certificateRefusal', undefined);
  app.addHook('onRequest', (request, _reply, done) => {
    const key = bearerKey(request.headers.authorization);
    const caller = key === undefined ? undefined : callers.authenticate(key);
    const refusal =
      caller === undefined || certificates === undefined
        ? undefined
        : certificateRefusal(certificates, caller.id, request.raw.socket);
    request.caller = refusal === undefined ? caller : undefined;
    request.certificateRefusal = refusal;
    done();
  });
}

/** Installs the enforcing hook; call after registering the rate limiter. */
export function installAuthorisation(app: FastifyInstance): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (!isProtectedRoute(request)) return payload;
    const caller = request.caller;
    if (caller === undefined) {
      throw new ProblemError(
        'unauthorised',
        request.certificateRefusal ?? 'Send a valid, unrevoked API key as "Authorization: Bearer <key>"',
      );
    }
    const roles = request.routeOptions.config.roles ?? [];
    if (!roles.includes(caller.role)) {
      throw new ProblemError('forbidden', `The ${caller.role} role may not call this endpoint`);
    }
    return payload;
  });
}
