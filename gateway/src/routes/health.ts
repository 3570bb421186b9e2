/**
 * Liveness (the process answers) and readiness (a peer is reachable and the
 * chaincode answers, asked through the LedgerClient port).
 */
import { Type } from '@sinclair/typebox';
import type { TypedPlugin } from '../typebox-provider';
import type { LedgerClient } from '../ledger/ledger-client';

/** The health routes. */
export const healthRoutes: TypedPlugin<{ ledger: LedgerClient; draining: () => boolean }> = async (
  app,
  { ledger, draining },
) => {
  app.get(
    '/healthz',
    { schema: { hide: true, response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (draining()) return reply.code(503).send({ ready: false, reason: 'shutting down' });
    const readiness = await ledger.readiness();
    return reply.code(readiness.ready ? 200 : 503).send(readiness);
  });
};
