/**
 * Block heights for `idcard status`, read with what is already on disk: the
 * built peer and osnadmin programs and the organisations' admin identities
 * in the data dir. Nothing is built or enrolled for a status query; when
 * something is missing there is no reader and heights show as unknown.
 */
import { existsSync } from 'node:fs';
import { peerHeight, ordererHeight } from './channel';
import type { ResolvedConfig } from './config';
import { fabricConfigDir } from './fabric-sample-config';
import { programPaths } from './fabric-programs';
import { identityDir, readIdentity, type IssuedIdentities } from './identities';
import type { HeightReader } from './network-status';
import type { EnrolledIdentity } from './fabric-ca';

/** The height reader, or undefined when the programs, the Fabric config files or an admin identity are missing. */
export function diskHeightReader(cfg: ResolvedConfig): HeightReader | undefined {
  const programs = programPaths(cfg);
  const fabricCfgDir = fabricConfigDir(cfg);
  if (![programs.peer, programs.osnadmin, fabricCfgDir].every((p) => existsSync(p))) return undefined;
  const admins = new Map<string, EnrolledIdentity>();
  for (const org of cfg.organisations) {
    const admin = readIdentity(identityDir(cfg, org.name, 'admin'), `admin-${org.name}`, org.mspId);
    if (admin === undefined) return undefined;
    admins.set(org.name, admin);
  }
  const identities: IssuedIdentities = { nodes: new Map(), admins, clients: new Map() };
  return (node) =>
    node.kind === 'peer'
      ? peerHeight(cfg, programs, identities, node, fabricCfgDir)
      : ordererHeight(cfg, programs, node);
}
