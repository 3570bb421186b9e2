/**
 * Limits on the versioned API. An authenticated caller spends work units
 * from its own budget (limits/work-meter.ts): 1 per request here, more in
 * the routes whose work grows with the request (a batch, a paged report, an
 * event replay). Requests without a valid key are limited per IP address
 * (much lower), so key guessing is throttled.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { WorkMeter } from '../limits/work-meter';
import { ProblemError } from '../problems';
import { isProtectedRoute } from './authentication';

/** Limits per window. */
export interface RateLimitOptions {
  /** Work units per window per authenticated caller. */
  readonly perCaller: number;
  readonly perIpUnauthenticated: number;
  readonly windowMs: number;
}

/**
 * Charges `units` of work to a caller.
 * @throws ProblemError rate-limited (with Retry-After) when its budget for the window would be overrun
 */
export function chargeWork(meter: WorkMeter, callerId: string, units: number, what: string): void {
  if (units <= 0) return;
  const charge = meter.charge(callerId, units);
  if (!charge.ok) {
    throw new ProblemError(
      'rate-limited',
      `${what} costs ${String(units)} work units; at most ${String(meter.perWindow)} per window per caller`,
      { retryAfterSeconds: charge.retryAfterSeconds },
    );
  }
}

/** Registers both limiters; routes registered afterwards are limited. Call after identification. */
export async function installRateLimit(
  app: FastifyInstance,
  options: RateLimitOptions,
  meter: WorkMeter,
): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/require-await -- an async hook turns the throw into the error reply
  app.addHook('onRequest', async (request) => {
    if (request.caller !== undefined && isProtectedRoute(request)) {
      chargeWork(meter, request.caller.id, 1, 'A request');
    }
  });
  await app.register(rateLimit, {
    global: true,
    timeWindow: options.windowMs,
    allowList: (request) => request.caller !== undefined || !isProtectedRoute(request),
    keyGenerator: (request) => `ip:${request.ip}`,
    max: options.perIpUnauthenticated,
    errorResponseBuilder: (_request, context) =>
      new ProblemError('rate-limited', `At most ${context.max} requests per ${context.after}`, {
        retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
      }),
  });
}
