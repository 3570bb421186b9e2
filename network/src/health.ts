/** Probes a node's health endpoint and waits for it to become ready. */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { NetworkError } from '@idcard/ca-client';

/** Result of one probe. */
export interface Probe {
  readonly healthy: boolean;
  readonly status?: number;
  readonly body?: string;
}

/**
 * GETs `url` (http or https; TLS verified against `ca` when given) and reports
 * 200 as healthy. Never throws: a refused connection is simply unhealthy.
 */
export function probe(url: string, opts: { ca?: Buffer; timeoutMs?: number } = {}): Promise<Probe> {
  return new Promise((resolveProbe) => {
    const u = new URL(url);
    const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(
      u,
      { method: 'GET', timeout: opts.timeoutMs ?? 2000, ...(opts.ca ? { ca: opts.ca } : {}) },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => {
          resolveProbe({ healthy: res.statusCode === 200, status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      resolveProbe({ healthy: false });
    });
    req.end();
  });
}

/**
 * Polls until `check` returns true.
 * @throws NetworkError NOT_READY after `timeoutMs`, naming `what`.
 */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 100;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 1000);
  }
  throw new NetworkError(
    'NOT_READY',
    `${what} did not become ready within ${Math.round(timeoutMs / 1000)} s`,
  );
}
