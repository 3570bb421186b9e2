/**
 * What `idcard status` reads from the running Fabric nodes, with what is
 * already on disk: the peer and osnadmin programs (pre-installed or built) and the
 * organisations' admin identities in the data dir. Nothing is built or
 * enrolled for a status query; when something is missing there are no
 * readers and heights and the chaincode show as unknown.
 */
import { existsSync } from 'node:fs';
import { queryCommittedChaincode } from './chaincode-lifecycle';
import { peerHeight, ordererHeight } from './channel';
import type { ResolvedConfig } from './config';
import { fabricConfigDir } from './fabric-sample-config';
import type { FabricSearchEnv } from './fabric-install';
import { programPaths, type FabricPrograms } from './fabric-programs';
import { identityDir, readIdentity, type IssuedIdentities } from './identities';
import type { ChaincodeDefinition } from './lifecycle-plan';
import type { HeightReader } from './network-status';
import type { EnrolledIdentity } from '@idcard/ca-client';

/** Readers of the live channel for a status report. */
export interface DiskStatusReaders {
  readonly height: HeightReader;
  /** The committed chaincode definition (undefined: none committed). */
  committedChaincode(): Promise<ChaincodeDefinition | undefined>;
}

/** The readers, or undefined when the programs, the Fabric config files or an admin identity are missing. */
export function diskStatusReaders(
  cfg: ResolvedConfig,
  env: FabricSearchEnv = process.env,
): DiskStatusReaders | undefined {
  let programs: FabricPrograms;
  try {
    programs = programPaths(cfg, env);
  } catch {
    // An unusable pre-installed Fabric: status reports it beside the nodes.
    return undefined;
  }
  const fabricCfgDir = fabricConfigDir(cfg);
  if (![programs.peer, programs.osnadmin, fabricCfgDir].every((p) => existsSync(p))) return undefined;
  const admins = new Map<string, EnrolledIdentity>();
  for (const org of cfg.organisations) {
    const admin = readIdentity(identityDir(cfg, org.name, 'admin'), `admin-${org.name}`, org.mspId);
    if (admin === undefined) return undefined;
    admins.set(org.name, admin);
  }
  const identities: IssuedIdentities = { nodes: new Map(), admins, clients: new Map() };
  return {
    height: (node) =>
      node.kind === 'peer'
        ? peerHeight(cfg, programs, identities, node, fabricCfgDir)
        : ordererHeight(cfg, programs, node),
    committedChaincode: () => queryCommittedChaincode(cfg, programs, identities, fabricCfgDir),
  };
}
