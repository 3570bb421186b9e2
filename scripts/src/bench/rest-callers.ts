/**
 * The bench's REST side, kept behind one small seam (`RestCallers`): for a
 * configured caller, the gateway URL to call and its API key. Today one
 * bench gateway serves every caller: a second gateway process over the
 * network's gateway configuration with the per-caller work budget and
 * ledger share lifted (a benchmark measures the ledger, not the abuse
 * limits) and log level warn. A network with one gateway per organisation
 * only changes `benchRestCallers`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cpuProfileArgs,
  dataPaths,
  gatewayNode,
  probe,
  startProcess,
  waitFor,
  type ResolvedConfig,
} from '@idcard/network';
import { gatewayFiles } from '../gateway-files';
import { initialApiKey } from '../gateway-stage';

/** Where a caller sends its requests. */
export interface RestCaller {
  readonly url: string;
  readonly apiKey: string;
}

/** The REST caller of a configured client identity. @throws Error when it has no key */
export type RestCallers = (caller: string) => RestCaller;

/** Name (and pid file) of the bench's gateway process. */
export const BENCH_GATEWAY = 'gateway-bench';

/** Port of the bench gateway: the one after the network's gateway. */
export function benchGatewayPort(cfg: ResolvedConfig): number {
  return gatewayNode(cfg).port + 1;
}

/** The network's gateway configuration with the bench's changes (a plain JSON edit). */
export function benchGatewayConfig(network: Record<string, unknown>, port: number): Record<string, unknown> {
  const http = network.http as Record<string, unknown>;
  const fabric = network.fabric as Record<string, unknown>;
  return {
    ...network,
    http: { ...http, port },
    rateLimit: { ...(network.rateLimit as object | undefined), perCaller: 100_000_000 },
    fabric: { ...fabric, maxConcurrent: 400, maxConcurrentPerCaller: 400, maxQueuedPerCaller: 5000 },
    logLevel: 'warn',
  };
}

/**
 * Starts the bench gateway and returns how each configured caller reaches
 * it (keys from the initial API keys file of the data dir's first `up`).
 * @throws Error when the keys file is gone; NetworkError NOT_READY when the gateway does not get ready
 */
export async function benchRestCallers(cfg: ResolvedConfig): Promise<RestCallers> {
  const files = gatewayFiles(cfg);
  const network = JSON.parse(readFileSync(files.configFile, 'utf8')) as Record<string, unknown>;
  const port = benchGatewayPort(cfg);
  const configFile = join(files.dir, `${BENCH_GATEWAY}.config.json`);
  writeFileSync(configFile, `${JSON.stringify(benchGatewayConfig(network, port), null, 2)}\n`, {
    mode: 0o600,
  });
  const paths = dataPaths(cfg);
  startProcess({
    name: BENCH_GATEWAY,
    program: process.execPath,
    args: [
      ...cpuProfileArgs(cfg, BENCH_GATEWAY, false),
      join(cfg.projectRoot, 'gateway', 'dist', 'main.js'),
      configFile,
    ],
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
    cwd: files.dir,
    logFile: join(paths.logs, `${BENCH_GATEWAY}.log`),
    pidFile: join(paths.run, `${BENCH_GATEWAY}.pid`),
  });
  const url = `http://${gatewayNode(cfg).host}:${String(port)}`;
  await waitFor(BENCH_GATEWAY, async () => (await probe(`${url}/readyz`)).healthy, 120_000);
  return (caller) => {
    const apiKey = initialApiKey(files, caller);
    if (apiKey === undefined)
      throw new Error(
        `no API key for ${caller} in ${files.apiKeysFile} (the bench needs the keys of the first up)`,
      );
    return { url, apiKey };
  };
}

/** One answer: status and parsed JSON body. */
export interface RestAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** POSTs JSON as a caller (deadline 120 s); nothing of the body is logged. */
export async function postAs(
  callers: RestCallers,
  caller: string,
  path: string,
  body: unknown,
): Promise<RestAnswer> {
  const { url, apiKey } = callers(caller);
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  return { status: res.status, body: (text.length > 0 ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/**
 * The body of an answer with the expected status.
 * @throws Error naming the status and the problem type otherwise (never the request)
 */
export function expectAnswer(answer: RestAnswer, status: number, what: string): Record<string, unknown> {
  if (answer.status !== status) {
    const type = typeof answer.body.type === 'string' ? answer.body.type : '';
    const detail = typeof answer.body.detail === 'string' ? answer.body.detail : '';
    throw new Error(`${what}: HTTP ${String(answer.status)} ${type} ${detail}`.trim());
  }
  return answer.body;
}
