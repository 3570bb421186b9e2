/**
 * The gateway part of `up`: write the gateways' files, start one gateway per
 * peer organisation as a supervised process (pid and log in the data dir,
 * so `down` stops them and `status` probes them), wait until each answers,
 * and, once the ledger is ready, create the endorsement guard keys (the
 * Bootstrap transaction, idempotent) through the operator's gateway.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  dataPaths,
  gatewayNode,
  gatewayNodes,
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
import { httpsFetch } from '@idcard/gateway';
import { gatewayFiles, gatewayUrl, writeGatewayFiles } from './gateway-files';
import { gatewayTlsCaFile } from './gateway-tls';

/** Where a running gateway is. */
export interface GatewayStage {
  /** The organisation whose gateway it is. */
  readonly org: string;
  /** Base URL of the API, e.g. `http://127.0.0.1:17900`. */
  readonly url: string;
  readonly pid: number;
  /** File holding the API keys issued by this data dir's first `up` (its organisation's callers). */
  readonly apiKeysFile: string;
  /** The TLS CA certificate to trust for an HTTPS gateway (its organisation's). */
  readonly tlsCaFile?: string;
}

/**
 * Starts `org`'s gateway unless it already runs (its files written) and waits until it answers /healthz.
 * @throws Error when it does not answer in time (its log names why)
 */
export async function startGatewayOf(
  cfg: ResolvedConfig,
  org: string,
  progress: Progress,
  timeoutMs = 60_000,
): Promise<GatewayStage> {
  const files = gatewayFiles(cfg, org);
  const node = gatewayNode(cfg, org);
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
  const url = gatewayUrl(node);
  const tlsCaFile = gatewayTlsCaFile(cfg, org);
  await waitFor(
    node.name,
    async () => (await probe(`${url}/healthz`, trusting(tlsCaFile))).healthy,
    timeoutMs,
  );
  return { org, url, pid: record.pid, apiKeysFile: files.apiKeysFile, ...(tlsCaFile ? { tlsCaFile } : {}) };
}

/** Probe options trusting an HTTPS gateway's CA. */
function trusting(tlsCaFile: string | undefined): { ca?: Buffer } {
  return tlsCaFile === undefined ? {} : { ca: readFileSync(tlsCaFile) };
}

/**
 * Writes the gateways' files and starts every organisation's gateway that does not run yet.
 * @throws Error when one does not answer /healthz in time (its log names why)
 */
export async function startGatewayStage(
  cfg: ResolvedConfig,
  programs: Pick<FabricPrograms, 'caClient'>,
  ids: IssuedIdentities,
  progress: Progress,
  timeoutMs = 60_000,
): Promise<GatewayStage[]> {
  const issued = await writeGatewayFiles(cfg, programs, ids, new Date());
  for (const [org, keys] of Object.entries(issued)) {
    if (Object.keys(keys).length > 0) {
      progress(
        `gateway.${org}: ${String(Object.keys(keys).length)} API keys issued into ${gatewayFiles(cfg, org).apiKeysFile}`,
      );
    }
  }
  const stages: GatewayStage[] = [];
  for (const node of gatewayNodes(cfg)) stages.push(await startGatewayOf(cfg, node.org, progress, timeoutMs));
  return stages;
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

/** Answers worth another try during start-up: the ledger or gateway not ready yet, or too many calls. */
const RETRYABLE_STATUS: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** One start-up call's answer. */
interface StartupAnswer {
  readonly status: number;
  readonly body: { result?: unknown; txId?: string; detail?: string; type?: string };
}

/**
 * POSTs a start-up call as the operator, retrying refusals that mean "not
 * ready yet" (and connection errors) with backoff until `deadline`.
 * @throws Error naming the call, the last answer and how long it tried
 */
async function startupCall(
  stage: GatewayStage,
  operatorKey: string,
  path: string,
  body: unknown,
  deadline: number,
): Promise<StartupAnswer> {
  const started = Date.now();
  let delay = 500;
  let last = 'no answer';
  const post = stage.tlsCaFile === undefined ? fetch : httpsFetch({ caPaths: [stage.tlsCaFile] });
  for (;;) {
    try {
      const res = await post(`${stage.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${operatorKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        // No body at all (not an empty string, which fetch would send as text/plain, answered 415).
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(Math.max(1000, deadline - Date.now())),
      });
      const answer = { status: res.status, body: (await res.json()) as StartupAnswer['body'] };
      if (!RETRYABLE_STATUS.has(res.status)) return answer;
      last = `${String(res.status)}: ${answer.body.detail ?? 'no detail'}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() + delay > deadline) {
      throw new Error(
        `POST ${path} did not succeed within ${String(Math.round((Date.now() - started) / 1000))} s; last answer ${last}`,
      );
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 5000);
  }
}

/**
 * Waits for /readyz (peer reachable, chaincode answering), then runs the
 * Bootstrap transaction as the operator, retrying "not ready yet" answers
 * with backoff until `timeoutMs` has passed.
 * @throws Error when the ledger does not become ready, or Bootstrap is refused
 */
export async function bootstrapLedger(
  stage: GatewayStage,
  operatorKey: string,
  timeoutMs = 120_000,
): Promise<{ created: boolean; txId: string }> {
  const deadline = Date.now() + timeoutMs;
  await waitFor(
    'gateway readiness',
    async () => (await probe(`${stage.url}/readyz`, trusting(stage.tlsCaFile))).healthy,
    timeoutMs,
  );
  const res = await startupCall(stage, operatorKey, '/v1/admin/bootstrap', undefined, deadline);
  const result = res.body.result as { created?: boolean } | undefined;
  if (res.status !== 200 || result?.created === undefined || res.body.txId === undefined) {
    throw new Error(`Bootstrap was refused (${String(res.status)}): ${res.body.detail ?? 'no detail'}`);
  }
  return { created: result.created, txId: res.body.txId };
}

/** A relying unit of the network config with its ledger registry entry. */
export interface ConfiguredUnit {
  readonly unitId: string;
  readonly category: string;
  readonly displayName: string;
  readonly allowedPurposes: readonly string[];
}

/**
 * Registers each configured relying unit on the ledger as the operator,
 * retrying "not ready yet"; a unit already registered (409) counts as done.
 * Returns, per unit, whether this call registered it.
 * @throws Error when a registration is refused for another reason
 */
export async function registerConfiguredUnits(
  stage: GatewayStage,
  operatorKey: string,
  units: readonly ConfiguredUnit[],
  timeoutMs = 120_000,
): Promise<{ unitId: string; registered: boolean }[]> {
  const deadline = Date.now() + timeoutMs;
  const out: { unitId: string; registered: boolean }[] = [];
  for (const unit of units) {
    const res = await startupCall(stage, operatorKey, '/v1/admin/units', unit, deadline);
    if (res.status !== 201 && res.status !== 409) {
      throw new Error(
        `registering unit ${unit.unitId} was refused (${String(res.status)}): ${res.body.detail ?? 'no detail'}`,
      );
    }
    out.push({ unitId: unit.unitId, registered: res.status === 201 });
  }
  return out;
}
