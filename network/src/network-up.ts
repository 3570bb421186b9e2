/**
 * Brings the network up on its data dir: programs, CAs, identities, then the
 * Fabric nodes, channel and chaincode (the gateway process is not started yet). Every step is idempotent, so
 * running it again on an existing data dir restarts the nodes on their
 * existing ledgers.
 */
import { startCas } from './ca-stage';
import type { ResolvedConfig } from './config';
import { ensurePrograms, type Progress } from './fabric-programs';
import { startFabric } from './fabric-stage';
import { issueIdentities } from './identities';

/** What `up` reports when ready. */
export interface UpResult {
  readonly summary: readonly string[];
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
  // Not yet here: the Bootstrap transaction and the gateway process (its config
  // is generated from this network in a later step).
  return {
    summary: [`data dir ${cfg.dataDir}`, `chaincode ${cc.packageId} (sequence ${String(cc.sequence)})`],
  };
}
