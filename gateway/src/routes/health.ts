/**
 * Liveness (the process answers) and readiness (a peer is reachable and the
 * chaincode answers, asked through the LedgerClient port).
 */
import { Type } from '@sinclair/typebox';
import type { TypedInstance } from '../typebox-provider';
import type { LedgerClient } from '../ledger/ledger-client';
import { cachedReadiness } from './readiness-cache';

/** The health routes; readiness answers are reused for `readinessCacheMs`. */
export function healthRoutes(
  app: TypedInstance,
  ledger: LedgerClient,
  draining: () => boolean,
  readinessCacheMs: number,
): void {
  const readiness = cachedReadiness(() => ledger.readiness(), readinessCacheMs);
  app.get(
    '/healthz',
    { schema: { hide: true, response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    () => ({ status: 'ok' as const }),
  );
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (draining()) return reply.code(503).send({ ready: false, reason: 'shutting down' });
    const found = await readiness();
    return reply.code(found.ready ? 200 : 503).send(found);
  });
}
