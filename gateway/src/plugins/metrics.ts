/**
 * Prometheus metrics on a registry owned by the app (no global singleton):
 * HTTP request counts and latencies, and ledger transaction counts and
 * latencies measured around the LedgerClient port.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LedgerClient } from '../ledger/ledger-client';

/** The app's metrics. */
export interface Metrics {
  readonly registry: Registry;
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly requestSeconds: Histogram<'method' | 'route'>;
  readonly transactions: Counter<'name' | 'kind' | 'outcome'>;
  readonly transactionSeconds: Histogram<'name' | 'kind'>;
}

/** Creates the metrics on a fresh registry. */
export function createMetrics(withDefaults: boolean): Metrics {
  const registry = new Registry();
  if (withDefaults) collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'idcard_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: 'idcard_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    transactions: new Counter({
      name: 'idcard_ledger_transactions_total',
      help: 'Ledger calls by transaction, kind and outcome',
      labelNames: ['name', 'kind', 'outcome'],
      registers: [registry],
    }),
    transactionSeconds: new Histogram({
      name: 'idcard_ledger_transaction_duration_seconds',
      help: 'Ledger call latency (submit includes waiting for commit)',
      labelNames: ['name', 'kind'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
  };
}

/** The LedgerClient with every evaluate and submit counted and timed. */
export function instrumentLedger(ledger: LedgerClient, metrics: Metrics): LedgerClient {
  const measure = async <T>(
    name: string,
    kind: 'evaluate' | 'submit',
    call: () => Promise<T>,
  ): Promise<T> => {
    const stop = metrics.transactionSeconds.startTimer({ name, kind });
    try {
      const value = await call();
      metrics.transactions.inc({ name, kind, outcome: 'ok' });
      return value;
    } catch (err) {
      metrics.transactions.inc({ name, kind, outcome: err instanceof Error ? err.name : 'error' });
      throw err;
    } finally {
      stop();
    }
  };
  return {
    evaluate: (identity, name, args) =>
      measure(name, 'evaluate', () => ledger.evaluate(identity, name, args)),
    submit: (identity, name, args) => measure(name, 'submit', () => ledger.submit(identity, name, args)),
    events: (identity, options) => ledger.events(identity, options),
    readiness: () => ledger.readiness(),
    close: () => ledger.close(),
  };
}

/** Counts and times every request, and serves GET /metrics. */
export function installMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.requestSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    void reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
