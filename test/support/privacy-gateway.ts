/**
 * Variant gateway processes over the same network and callers, with their
 * configuration changed by the suite (issue 14): after a pseudonym key
 * rotation (current key `k2`, the shipped `k1` kept as an earlier key), with
 * tighter abuse limits, or with a shifted clock. Every organisation runs its
 * own gateway, so a variant is a set: one process per peer organisation,
 * each from its own organisation's configuration, the keyless gateways
 * asking the agency's variant for references; a caller's calls go to its
 * organisation's variant. Pid files in the data dir's run folder (named
 * `gateway-*`, so `networkDown` stops them first), logs in the logs folder
 * (so the privacy scan reads them).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { dataPaths, peerOrgs, probe, startProcess, waitFor, type ResolvedConfig } from '@idcard/network';
import { gatewayFiles, pseudonymAgency, type GatewayFiles } from '@idcard/system';
import { apiClient, type ApiClient, type KeyRoutes } from './api-client';

/** The parts of a gateway configuration file a suite changes. */
export interface EditableGatewayConfig {
  http: { host: string; port: number; requestTimeoutMs?: number };
  /** An agency's gateway: the pseudonym key. */
  privacy?: { keyId: string; keyFile: string; earlierKeys?: { keyId: string; keyFile: string }[] };
  /** A keyless gateway: the agency gateway it asks for references. */
  pseudonymService?: { url: string; apiKeyFile: string };
  rateLimit?: { perCaller?: number; perIpUnauthenticated?: number; windowMs?: number };
  events?: {
    maxStreamsPerCaller?: number;
    maxStreams?: number;
    replayPageEvents?: number;
    replayPageCost?: number;
  };
}

/** A running set of variant gateways. */
export interface VariantGateway {
  /** Calls each key's organisation's variant. */
  readonly api: ApiClient;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolvePort(port);
      });
    });
  });
}

/**
 * Starts `gateway-<name>-<org>` for every peer organisation (the agency
 * keyless gateways ask first): its organisation's gateway configuration
 * changed by `edit`, on a free port, and waits until each answers
 * `opts.waitUntil` (/readyz by default); `opts.env` is added to their environment.
 * @throws NetworkError NOT_READY when one does not answer in time
 */
export async function startVariantGateways(
  cfg: ResolvedConfig,
  routes: KeyRoutes,
  name: string,
  edit: (config: EditableGatewayConfig, files: GatewayFiles) => void,
  opts: { env?: NodeJS.ProcessEnv; waitUntil?: '/readyz' | '/healthz' } = {},
): Promise<VariantGateway> {
  const paths = dataPaths(cfg);
  const agency = pseudonymAgency(cfg).name;
  const orgs = peerOrgs(cfg).sort((a, b) => Number(b.name === agency) - Number(a.name === agency));
  const urls: Record<string, string> = {};
  for (const org of orgs) {
    const files = gatewayFiles(cfg, org.name);
    const config = JSON.parse(readFileSync(files.configFile, 'utf8')) as EditableGatewayConfig;
    config.http.port = await freePort(config.http.host);
    const agencyUrl = urls[agency];
    if (config.pseudonymService && agencyUrl !== undefined) config.pseudonymService.url = agencyUrl;
    edit(config, files);
    const processName = `gateway-${name}-${org.name}`;
    const configFile = join(files.dir, `${processName}.config.json`);
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    startProcess({
      name: processName,
      program: process.execPath,
      args: [join(cfg.projectRoot, 'gateway', 'dist', 'main.js'), configFile],
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...opts.env },
      cwd: files.dir,
      logFile: join(paths.logs, `${processName}.log`),
      pidFile: join(paths.run, `${processName}.pid`),
    });
    urls[org.name] = `http://${config.http.host}:${String(config.http.port)}`;
  }
  const waitUntil = opts.waitUntil ?? '/readyz';
  for (const [org, url] of Object.entries(urls)) {
    await waitFor(`gateway-${name}-${org}`, async () => (await probe(`${url}${waitUntil}`)).healthy, 120_000);
  }
  return { api: apiClient(routes.over(urls)) };
}

/**
 * A key rotation for the agencies' variant gateways: a new random key `k2`
 * (the same in each agency's own folder) becomes current, the network's key
 * `k1` is kept as an earlier key for lookups. Keyless gateways are unchanged.
 */
export function rotateToNewKey(): (config: EditableGatewayConfig, files: GatewayFiles) => void {
  const key = `${randomBytes(32).toString('hex')}\n`;
  return (config, files) => {
    if (config.privacy === undefined) return;
    const keyFile = join(files.dir, 'pseudonym-k2.key');
    writeFileSync(keyFile, key, { mode: 0o600 });
    config.privacy = {
      keyId: 'k2',
      keyFile,
      earlierKeys: [{ keyId: config.privacy.keyId, keyFile: config.privacy.keyFile }],
    };
  };
}
