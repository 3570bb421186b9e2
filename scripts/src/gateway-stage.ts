/**
 * The gateway part of `up`: write its files, start the service as a
 * supervised process (pid and log in the data dir, so `down` stops it and
 * `status` probes it), wait until it answers, and, once the ledger is ready,
 * create the endorsement guard keys (the Bootstrap transaction, idempotent).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  dataPaths,
  gatewayNode,
  isAlive,
  pidFileOf,
  probe,
  readPidFile,
  startProcess,
  waitFor,
  type FabricPrograms,
  type IssuedIdentities,
  type Progress,
  type ResolvedConfig,
} from '@idcard/network';
import { gatewayFiles, writeGatewayFiles } from './gateway-files';

/** Where the running gateway is. */
export interface GatewayStage {
  /** Base URL of the API, e.g. `http://127.0.0.1:17900`. */
  readonly url: string;
  readonly pid: number;
  /** File holding the API keys issued by this data dir's first `up`. */
  readonly apiKeysFile: string;
}

/**
 * Writes the gateway's files and starts it unless it already runs.
 * @throws Error when it does not answer /healthz in time (its log names why)
 */
export async function startGatewayStage(
  cfg: ResolvedConfig,
  programs: Pick<FabricPrograms, 'caClient'>,
  ids: IssuedIdentities,
  progress: Progress,
  timeoutMs = 60_000,
): Promise<GatewayStage> {
  const files = gatewayFiles(cfg);
  const issued = await writeGatewayFiles(cfg, programs, ids, new Date());
  if (Object.keys(issued).length > 0) {
    progress(`gateway: ${String(Object.keys(issued).length)} API keys issued into ${files.apiKeysFile}`);
  }
  const node = gatewayNode(cfg);
  const pidFile = pidFileOf(cfg, node);
  let record = readPidFile(pidFile);
  if (record === undefined || !isAlive(record)) {
    record = startProcess({
      name: node.name,
      program: process.execPath,
      args: [join(cfg.projectRoot, 'gateway', 'dist', 'main.js'), files.configFile],
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
      cwd: files.dir,
      logFile: join(dataPaths(cfg).logs, `${node.name}.log`),
      pidFile,
    });
    progress(`started ${node.name} (pid ${String(record.pid)})`);
  }
  const url = `http://${node.host}:${String(node.port)}`;
  await waitFor(node.name, async () => (await probe(`${url}/healthz`)).healthy, timeoutMs);
  return { url, pid: record.pid, apiKeysFile: files.apiKeysFile };
}

/** The API key of a caller from the keys file of the first `up` (undefined when gone). */
export function initialApiKey(stage: Pick<GatewayStage, 'apiKeysFile'>, caller: string): string | undefined {
  try {
    const keys = JSON.parse(readFileSync(stage.apiKeysFile, 'utf8')) as Record<string, string>;
    return keys[caller];
  } catch {
    return undefined;
  }
}

/**
 * Waits for /readyz (peer reachable, chaincode answering), then runs the
 * Bootstrap transaction as the operator.
 * @throws Error when the ledger does not become ready, or Bootstrap is refused
 */
export async function bootstrapLedger(
  stage: GatewayStage,
  operatorKey: string,
  timeoutMs = 120_000,
): Promise<{ created: boolean; txId: string }> {
  await waitFor('gateway readiness', async () => (await probe(`${stage.url}/readyz`)).healthy, timeoutMs);
  const res = await fetch(`${stage.url}/v1/admin/bootstrap`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorKey}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await res.json()) as { result?: { created: boolean }; txId?: string; detail?: string };
  if (!res.ok || body.result === undefined || body.txId === undefined) {
    throw new Error(`Bootstrap was refused (${String(res.status)}): ${body.detail ?? 'no detail'}`);
  }
  return { created: body.result.created, txId: body.txId };
}
