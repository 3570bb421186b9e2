/**
 * Brings the network up on its data dir: programs, CAs, identities, then the
 * Fabric nodes, channel and chaincode (the CLI then starts the gateway). Every step is idempotent, so
 * running it again on an existing data dir restarts the nodes on their
 * existing ledgers.
 */
import { startCas } from './ca-stage';
import type { ResolvedConfig } from './config';
import { ensurePrograms, type FabricPrograms, type Progress } from './fabric-programs';
import { startFabric } from './fabric-stage';
import { issueIdentities, type IssuedIdentities } from './identities';

/** What `up` reports when ready, and what the next stage (the gateway) needs. */
export interface UpResult {
  readonly summary: readonly string[];
  readonly programs: FabricPrograms;
  readonly identities: IssuedIdentities;
  /** The committed chaincode: its package id (what every chaincode server serves), sequence and version. */
  readonly chaincode: { readonly packageId: string; readonly sequence: number; readonly version: string };
}

/**
 * Starts everything the config describes.
 * @throws NetworkError (MODULE_UNAVAILABLE when the Fabric programs cannot be built, NOT_READY, CA_COMMAND_FAILED ...)
 */
export async function networkUp(cfg: ResolvedConfig, progress: Progress): Promise<UpResult> {
  // Build everything first: nothing is started when a program cannot be had.
  const programs = await ensurePrograms(cfg, progress);
  await startCas(cfg, programs, progress);
  const ids = await issueIdentities(cfg, programs);
  progress(`identities: ${ids.nodes.size} nodes, ${ids.admins.size} admins, ${ids.clients.size} clients`);
  const cc = await startFabric(cfg, programs, ids, progress);
  // The gateway process and the Bootstrap transaction follow in the CLI's
  // gateway stage (it needs the gateway package, which depends on this one).
  return {
    summary: [`data dir ${cfg.dataDir}`, `chaincode ${cc.packageId} (sequence ${String(cc.sequence)})`],
    programs,
    identities: ids,
    chaincode: cc,
  };
}
