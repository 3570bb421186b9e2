/**
 * Per-caller rate limits on the versioned API; requests without a valid key
 * are limited per IP address (much lower), so key guessing is throttled.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ProblemError } from '../problems';
import { isProtectedRoute } from './authentication';

/** Limits per window. */
export interface RateLimitOptions {
  readonly perCaller: number;
  readonly perIpUnauthenticated: number;
  readonly windowMs: number;
}

/** Registers the limiter; routes registered afterwards are limited. */
export async function installRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    timeWindow: options.windowMs,
    allowList: (request) => !isProtectedRoute(request),
    keyGenerator: (request) => (request.caller ? `caller:${request.caller.id}` : `ip:${request.ip}`),
    max: (request) => (request.caller ? options.perCaller : options.perIpUnauthenticated),
    errorResponseBuilder: (_request, context) =>
      new ProblemError('rate-limited', `At most ${context.max} requests per ${context.after}`, {
        retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
      }),
  });
}
