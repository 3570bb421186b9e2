/**
 * buildApp(deps): the HTTP application with its plugins and routes, from the
 * ports it is given. It never listens: main.ts does, and tests use inject().
 */
import type { Server } from 'node:http';
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import Fastify, { type FastifyBaseLogger, type FastifyHttpOptions } from 'fastify';
import type { Logger } from 'pino';
import type { AuditPort } from './auditing/audit-port';
import type { CallerRegistry } from './callers/caller-registry';
import type { IdentityRegistrar } from './callers/identity-registrar';
import type { LedgerClient } from './ledger/ledger-client';
import { createWorkMeter } from './limits/work-meter';
import { installAuthorisation, installIdentification } from './plugins/authentication';
import { createMetrics, installMetrics, instrumentLedger, type Metrics } from './plugins/metrics';
import { installConsole } from './plugins/console';
import { installOpenApi } from './plugins/openapi';
import { answerClientError, installProblemDetails, sendProblem, toProblem } from './plugins/problem-details';
import { installRateLimit, type RateLimitOptions } from './plugins/rate-limit';
import { installRequestValidation } from './plugins/request-validation';
import { keylessPseudonymizer, localReferencer, type CardReferencer } from './privacy/card-references';
import type { Pseudonymizer } from './privacy/pseudonyms';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TypedInstance } from './typebox-provider';
import type { ClientCertificatePolicy } from './tls/client-certificate-check';
import { healthRoutes } from './routes/health';
import { accountabilityRoutes } from './routes/v1/accountability';
import { adminRoutes } from './routes/v1/admin';
import { auditRoutes } from './routes/v1/audits';
import { cardRoutes } from './routes/v1/cards';
import { citizenRoutes } from './routes/v1/citizen';
import { eidTokenRoutes } from './routes/v1/eid-tokens';
import { createEventStreams } from './routes/v1/event-streams';
import { eventRoutes } from './routes/v1/events';
import { fraudReportRoutes } from './routes/v1/fraud-reports';
import { meRoutes } from './routes/v1/me';
import { pseudonymRoutes } from './routes/v1/pseudonyms';
import type { RouteContext } from './routes/v1/route-context';
import { statusNoticeRoutes } from './routes/v1/status-notices';
import { retentionMs } from './status-notices/retention';
import { unitRoutes } from './routes/v1/units';
import { verificationRoutes } from './routes/v1/verifications';

/** What the app is built from. */
export interface AppDependencies {
  readonly ledger: LedgerClient;
  readonly callers: CallerRegistry;
  /** The Fabric CA adapter for onboarding; absent: onboarding answers 503 before touching the ledger. */
  readonly registrar?: IdentityRegistrar;
  /** The auditors' receipt check and replay; absent: those endpoints answer 503 audit-unavailable. */
  readonly audit?: AuditPort;
  /** The pseudonym key (an agency's gateway); absent: `references` must name the agency gateway to ask. */
  readonly pseudonyms?: Pseudonymizer;
  /** Earlier pseudonym keys, newest first, still used for lookups (key rotation). */
  readonly earlierPseudonyms?: readonly Pseudonymizer[];
  /** Where presented cards' references come from (default: derived from `pseudonyms`). */
  readonly references?: CardReferencer;
  /** A pino logger (see logging.ts); none: logging off. */
  readonly logger?: Logger;
  readonly clock?: () => Date;
  readonly bodyLimitBytes?: number;
  /** A request not received in full within this time is answered 408 (default 30 s). */
  readonly requestTimeoutMs?: number;
  readonly trustProxy?: boolean;
  /** Where clients reach this gateway: the OpenAPI document's server (default: the address it listens on). */
  readonly publicUrl?: string;
  /** Serve HTTPS with these TLS options (tls/server-tls.ts); absent: plain HTTP. */
  readonly https?: HttpsServerOptions;
  /** What a caller's client certificate must be (with `https`); absent: not looked at. */
  readonly clientCertificates?: ClientCertificatePolicy;
  readonly rateLimit?: Partial<RateLimitOptions>;
  /** Status notices: how many days after its check a unit is told of a card's change (default in status-notices/retention.ts). */
  readonly statusNotices?: { readonly retentionDays: number };
  /** Event stream caps and replay pages (defaults in DEFAULT_EVENT_LIMITS). */
  readonly events?: Partial<EventLimits>;
  /** How long a /readyz answer is reused (default 1000 ms; 0: ask the ledger every time). */
  readonly readinessCacheMs?: number;
  /** The built browser console to serve at /console/ (absent: /console answers that it is not built). */
  readonly consoleDir?: string;
  /** Also export Node process metrics (off in tests). */
  readonly processMetrics?: boolean;
}

/** The built application. */
export type App = TypedInstance & { readonly metrics: Metrics };

/** Event stream limits (config `events`). */
export interface EventLimits {
  readonly maxStreamsPerCaller: number;
  readonly maxStreams: number;
  readonly replayPageEvents: number;
  readonly replayPageCost: number;
}

const DEFAULT_RATE_LIMIT: RateLimitOptions = { perCaller: 6_000, perIpUnauthenticated: 30, windowMs: 60_000 };
const DEFAULT_EVENT_LIMITS: EventLimits = {
  maxStreamsPerCaller: 4,
  maxStreams: 200,
  replayPageEvents: 1_000,
  replayPageCost: 100,
};

/** The Fastify server options: logging, limits, and problem documents for what no route sees. */
function serverOptions(deps: AppDependencies): FastifyHttpOptions<Server> {
  const requestTimeout = deps.requestTimeoutMs ?? 30_000;
  return {
    ...(deps.logger ? { loggerInstance: deps.logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: deps.bodyLimitBytes ?? 1_048_576,
    requestTimeout,
    // Node applies the request timeout only when the server is made with it (set afterwards, as
    // Fastify does, it is never checked), and looks for late requests this often (default 30 s).
    http: { requestTimeout, connectionsCheckingInterval: 1_000 },
    // Fastify makes an HTTPS server from these options alone (its `http` ones are then unused).
    ...(deps.https ? { https: { ...deps.https, requestTimeout, connectionsCheckingInterval: 1_000 } } : {}),
    trustProxy: deps.trustProxy ?? false,
    // Refused before routing (a malformed %-escape in the path): a problem document like every other refusal.
    frameworkErrors: (error, request, reply) => {
      void sendProblem(request, reply, toProblem(error));
    },
    // Bytes Node's HTTP parser refuses (no route was reached): a problem document too.
    clientErrorHandler: (error, socket) => {
      answerClientError(error, socket);
    },
  };
}

/**
 * Builds the application (plugins, hooks, routes) without listening.
 * @throws Error when a plugin fails to register
 */
export async function buildApp(deps: AppDependencies): Promise<App> {
  const app: TypedInstance = Fastify(serverOptions(deps)).withTypeProvider<TypeBoxTypeProvider>();

  const metrics = createMetrics(deps.processMetrics ?? false);
  const events = { ...DEFAULT_EVENT_LIMITS, ...deps.events };
  const streams = createEventStreams(events);
  const rateLimit = { ...DEFAULT_RATE_LIMIT, ...deps.rateLimit };
  const work = createWorkMeter({ perWindow: rateLimit.perCaller, windowMs: rateLimit.windowMs });
  let draining = false;
  const ledger = instrumentLedger(deps.ledger, metrics);
  const earlierPseudonyms = deps.earlierPseudonyms ?? [];
  const references =
    deps.references ?? (deps.pseudonyms ? localReferencer(deps.pseudonyms, earlierPseudonyms) : undefined);
  if (references === undefined)
    throw new Error('a gateway needs a pseudonym key or an agency gateway to ask');
  const ctx: RouteContext = {
    ledger,
    callers: deps.callers,
    registrar: deps.registrar,
    audit: deps.audit,
    pseudonyms: deps.pseudonyms ?? keylessPseudonymizer(),
    earlierPseudonyms,
    references,
    clock: deps.clock ?? (() => new Date()),
    streams,
    work,
    limits: {
      retentionMs: retentionMs(deps.statusNotices?.retentionDays),
      events: { replayPageEvents: events.replayPageEvents, replayPageCost: events.replayPageCost },
    },
  };

  // JSON only: any other body is 415 rather than a string that fails validation.
  app.removeContentTypeParser('text/plain');
  // Bodies are validated without type coercion; query strings, path parameters and headers with it.
  installRequestValidation(app);
  installProblemDetails(app);
  installIdentification(app, deps.callers, deps.clientCertificates);
  await installRateLimit(app, rateLimit, work);
  installAuthorisation(app);
  await installOpenApi(app, deps.publicUrl);
  installMetrics(app, metrics);
  await installConsole(app, deps.consoleDir);

  // Shutdown: report not ready, and end event streams so the server can close.
  app.addHook('preClose', (done) => {
    draining = true;
    streams.closeAll();
    done();
  });

  healthRoutes(app, ledger, () => draining, deps.readinessCacheMs ?? 1_000);
  for (const routes of [
    verificationRoutes,
    cardRoutes,
    citizenRoutes,
    eidTokenRoutes,
    fraudReportRoutes,
    unitRoutes,
    accountabilityRoutes,
    adminRoutes,
    eventRoutes,
    statusNoticeRoutes,
    pseudonymRoutes,
    meRoutes,
    auditRoutes,
  ]) {
    routes(app, ctx);
  }
  return Object.assign(app, { metrics });
}
