/**
 * The bench's REST side, kept behind one small seam (`RestCallers`): for a
 * configured caller, the gateway URL to call and its API key. Each peer
 * organisation gets a bench gateway: a second gateway process over that
 * organisation's gateway configuration with the per-caller work budget and
 * ledger share lifted (a benchmark measures the ledger, not the abuse
 * limits) and log level warn; the relying parties' asks the bureau's bench
 * gateway for card references, as under `up`. A caller calls its own
 * organisation's.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cpuProfileArgs,
  dataPaths,
  gatewayNode,
  peerOrgs,
  probe,
  startProcess,
  waitFor,
  type ResolvedConfig,
} from '@idcard/network';
import { gatewayFiles, initialApiKey, pseudonymAgency } from '@idcard/system';

/** Where a caller sends its requests. */
export interface RestCaller {
  readonly url: string;
  readonly apiKey: string;
}

/** The REST caller of a configured client identity. @throws Error when it has no key */
export type RestCallers = (caller: string) => RestCaller;

/** Name (and pid file) of an organisation's bench gateway process. */
export function benchGatewayName(org: string): string {
  return `gateway-bench-${org}`;
}

/** Port of an organisation's bench gateway: ten after its own gateway's. */
export function benchGatewayPort(cfg: ResolvedConfig, org: string): number {
  return gatewayNode(cfg, org).port + 10;
}

/** An organisation's gateway configuration with the bench's changes (a plain JSON edit). */
export function benchGatewayConfig(
  network: Record<string, unknown>,
  port: number,
  agencyUrl?: string,
): Record<string, unknown> {
  const http = network.http as Record<string, unknown>;
  const fabric = network.fabric as Record<string, unknown>;
  const service = network.pseudonymService as Record<string, unknown> | undefined;
  return {
    ...network,
    http: { ...http, port },
    rateLimit: { ...(network.rateLimit as object | undefined), perCaller: 100_000_000 },
    fabric: { ...fabric, maxConcurrent: 400, maxConcurrentPerCaller: 400, maxQueuedPerCaller: 5000 },
    ...(service !== undefined && agencyUrl !== undefined
      ? { pseudonymService: { ...service, url: agencyUrl } }
      : {}),
    logLevel: 'warn',
  };
}

/**
 * Starts the bench gateways (the pseudonym agency's first) and returns how
 * each configured caller reaches its own (keys from the initial API keys
 * files of the data dir's first `up`).
 * @throws Error when a caller has no key; NetworkError NOT_READY when a gateway does not get ready
 */
export async function benchRestCallers(cfg: ResolvedConfig): Promise<RestCallers> {
  const agency = pseudonymAgency(cfg).name;
  const orgs = peerOrgs(cfg)
    .map((o) => o.name)
    .sort((a, b) => Number(b === agency) - Number(a === agency));
  const paths = dataPaths(cfg);
  const urls = new Map<string, string>();
  for (const org of orgs) {
    const files = gatewayFiles(cfg, org);
    const network = JSON.parse(readFileSync(files.configFile, 'utf8')) as Record<string, unknown>;
    const port = benchGatewayPort(cfg, org);
    const name = benchGatewayName(org);
    const configFile = join(files.dir, `${name}.config.json`);
    const config = benchGatewayConfig(network, port, urls.get(agency));
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    startProcess({
      name,
      program: process.execPath,
      args: [
        ...cpuProfileArgs(cfg, name, false),
        join(cfg.projectRoot, 'gateway', 'dist', 'main.js'),
        configFile,
      ],
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
      cwd: files.dir,
      logFile: join(paths.logs, `${name}.log`),
      pidFile: join(paths.run, `${name}.pid`),
    });
    const url = `http://${gatewayNode(cfg, org).host}:${String(port)}`;
    await waitFor(name, async () => (await probe(`${url}/readyz`)).healthy, 120_000);
    urls.set(org, url);
  }
  // Looked up once per caller: the callers are asked on every request of a workload.
  const known = new Map<string, RestCaller>();
  return (caller) => {
    const found = known.get(caller);
    if (found !== undefined) return found;
    for (const org of orgs) {
      const files = gatewayFiles(cfg, org);
      const apiKey = existsSync(files.apiKeysFile) ? initialApiKey(files, caller) : undefined;
      const url = urls.get(org);
      if (apiKey !== undefined && url !== undefined) {
        known.set(caller, { url, apiKey });
        return { url, apiKey };
      }
    }
    throw new Error(
      `no API key for ${caller} in any gateway's initial keys (the bench needs the keys of the first up)`,
    );
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
