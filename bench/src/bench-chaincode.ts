/**
 * The benchmark's yardstick chaincode (bench/chaincode: one blind write per
 * transaction), deployed by `idcard bench` only, beside the project's
 * chaincode on the same channel with the same endorsement policy and the
 * same kind of servers: one per peer organisation, mutual TLS with its own
 * peers (the ccaas package's connection template names the builder-config
 * key `bench_address`, see the network's node-config.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BENCH_CHAINCODE_NAME,
  benchChaincodeNodes,
  deployChaincode,
  packageCcaas,
  prepareFabricConfigDir,
  startChaincodeServers,
  waitChaincodeAnswering,
  type DeployResult,
  type FabricPrograms,
  type IssuedIdentities,
  type Progress,
  type ResolvedConfig,
} from '@idcard/network';

/** The benchmark chaincode's folder (package.json and index.js, run as they are). */
export function benchChaincodeDir(cfg: ResolvedConfig): string {
  return join(cfg.projectRoot, 'bench', 'chaincode');
}

/** The config as the lifecycle and readiness steps see the benchmark chaincode: its name instead of the project's. */
export function benchChaincodeConfig(cfg: ResolvedConfig): ResolvedConfig {
  return Object.freeze({ ...cfg, chaincode: { ...cfg.chaincode, name: BENCH_CHAINCODE_NAME } });
}

/**
 * Deploys the benchmark chaincode (install, approve, commit; nothing when
 * the same version is committed), starts its servers and waits until every
 * peer runs it.
 * @throws NetworkError as deployChaincode and waitChaincodeAnswering
 */
export async function deployBenchChaincode(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  ids: IssuedIdentities,
  progress: Progress,
): Promise<DeployResult> {
  const benchCfg = benchChaincodeConfig(cfg);
  const fabricCfgDir = await prepareFabricConfigDir(cfg, programs.configDir);
  const dir = benchChaincodeDir(cfg);
  const version = createHash('sha256')
    .update(readFileSync(join(dir, 'index.js')))
    .update(readFileSync(join(dir, 'package.json')))
    .digest('hex')
    .slice(0, 12);
  const label = `${BENCH_CHAINCODE_NAME}_${version}`;
  const packageFile = await packageCcaas(cfg, label, 'bench_address');
  const deployed = await deployChaincode(benchCfg, programs, ids, fabricCfgDir, {
    version,
    label,
    packageFile,
  });
  startChaincodeServers(cfg, deployed.packageId, benchChaincodeNodes(cfg), progress, dir);
  progress(`chaincode ${BENCH_CHAINCODE_NAME} version ${version}, sequence ${String(deployed.sequence)}`);
  await waitChaincodeAnswering(benchCfg, programs, ids, fabricCfgDir, { progress });
  return deployed;
}
