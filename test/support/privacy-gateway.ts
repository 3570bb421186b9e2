/**
 * A second gateway process over the same network and callers, with its
 * configuration changed by the suite (issue 14): after a pseudonym key
 * rotation (current key `k2` in a new file, the shipped `k1` kept as an
 * earlier key), or with tighter abuse limits. Modelled on
 * shifted-clock-gateway.ts: pid file in the data dir's run folder (named
 * `gateway-*`, so `networkDown` stops it first), log in the logs folder (so
 * the privacy scan reads it).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { dataPaths, probe, startProcess, waitFor, type ResolvedConfig } from '@idcard/network';
import { gatewayFiles, type GatewayFiles } from '../../scripts/src/gateway-files';
import { apiClient, type ApiClient } from './api-client';

/** The parts of the gateway configuration file a suite changes. */
export interface EditableGatewayConfig {
  http: { host: string; port: number; requestTimeoutMs?: number };
  privacy: { keyId: string; keyFile: string; earlierKeys?: { keyId: string; keyFile: string }[] };
  rateLimit?: { perCaller?: number; perIpUnauthenticated?: number; windowMs?: number };
  events?: {
    maxStreamsPerCaller?: number;
    maxStreams?: number;
    replayPageEvents?: number;
    replayPageCost?: number;
  };
}

/** A running variant gateway. */
export interface VariantGateway {
  readonly api: ApiClient;
  readonly host: string;
  readonly port: number;
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
 * Starts a gateway named `gateway-<name>` whose configuration is the
 * network's gateway configuration changed by `edit`, on a free port, and
 * waits until it answers `opts.waitUntil` (/readyz by default); `opts.env`
 * is added to its environment.
 * @throws NetworkError NOT_READY when it does not answer in time
 */
export async function startVariantGateway(
  cfg: ResolvedConfig,
  name: string,
  edit: (config: EditableGatewayConfig, files: GatewayFiles) => void,
  opts: { env?: NodeJS.ProcessEnv; waitUntil?: '/readyz' | '/healthz' } = {},
): Promise<VariantGateway> {
  const files = gatewayFiles(cfg);
  const paths = dataPaths(cfg);
  const config = JSON.parse(readFileSync(files.configFile, 'utf8')) as EditableGatewayConfig;
  config.http.port = await freePort(config.http.host);
  edit(config, files);
  const processName = `gateway-${name}`;
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
  const url = `http://${config.http.host}:${String(config.http.port)}`;
  const waitUntil = opts.waitUntil ?? '/readyz';
  await waitFor(processName, async () => (await probe(`${url}${waitUntil}`)).healthy, 120_000);
  return { api: apiClient(url), host: config.http.host, port: config.http.port };
}

/**
 * Rotates the pseudonym key of a variant configuration: a new random key
 * `k2` (in a new file beside the first) becomes current, the network's key
 * `k1` is kept as an earlier key for lookups.
 */
export function rotateToNewKey(config: EditableGatewayConfig, files: GatewayFiles): void {
  const keyFile = join(files.dir, 'pseudonym-k2.key');
  writeFileSync(keyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  config.privacy = {
    keyId: 'k2',
    keyFile,
    earlierKeys: [{ keyId: config.privacy.keyId, keyFile: config.privacy.keyFile }],
  };
}
