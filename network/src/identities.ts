/**
 * Issues every identity the network needs from the organisations' own CAs:
 * the org-level MSP for the channel configuration, node identities with TLS
 * certificates, an admin per organisation, and the client identities of the
 * config (with `role` and `unit` attributes), and, where a gateway onboards
 * relying units, the unit registrar it does that with. Idempotent: an identity that is
 * already enrolled in the data dir is kept, so `up` on an existing data dir
 * changes nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { singleFile, writeOrgMsp, type EnrolledIdentity, type IdentityRequest } from '@idcard/ca-client';
import type { ClientConfig, ResolvedConfig } from './config';
import { caCertPath, enrollRegistrar, registerAndEnroll } from './fabric-ca';
import type { FabricPrograms } from './fabric-programs';
import { chaincodeNodes, ordererNodes, orgHome, peerNodes, type NodeSpec } from './topology';
import { enrollUnitRegistrar, onboardsUnits } from './unit-registrar';

/** Where one organisation's material lives. */
export function orgPaths(cfg: ResolvedConfig, org: string): { msp: string; identities: string } {
  return { msp: join(orgHome(cfg, org), 'msp'), identities: join(orgHome(cfg, org), 'identities') };
}

/** Folder of a named identity (client or admin) of an organisation. */
export function identityDir(cfg: ResolvedConfig, org: string, name: string): string {
  return join(orgPaths(cfg, org).identities, name);
}

/** An enrolled identity read back from the data dir (undefined when not enrolled). */
export function readIdentity(dir: string, name: string, mspId: string): EnrolledIdentity | undefined {
  const mspDir = join(dir, 'msp');
  const certPath = join(mspDir, 'signcerts', 'cert.pem');
  if (!existsSync(certPath)) return undefined;
  const tlsDir = join(dir, 'tls');
  return {
    name,
    mspId,
    mspDir,
    certPath,
    keyPath: singleFile(join(mspDir, 'keystore')),
    ...(existsSync(tlsDir) ? { tlsDir } : {}),
  };
}

async function ensureIdentity(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  org: string,
  mspId: string,
  dir: string,
  req: IdentityRequest,
): Promise<EnrolledIdentity> {
  const existing = readIdentity(dir, req.name, mspId);
  if (existing && (req.tlsHosts === undefined || existing.tlsDir !== undefined)) return existing;
  return registerAndEnroll(cfg, programs, org, mspId, dir, req);
}

/** Certificate attributes of a configured client. */
export function clientAttributes(client: Pick<ClientConfig, 'role' | 'unit'>): Record<string, string> {
  return client.unit === undefined ? { role: client.role } : { role: client.role, unit: client.unit };
}

function nodeTlsHosts(node: NodeSpec): string[] {
  return [...new Set([node.host, 'localhost', '127.0.0.1', node.name])];
}

/** Everything issued for the network, by organisation. */
export interface IssuedIdentities {
  readonly nodes: ReadonlyMap<string, EnrolledIdentity>;
  readonly admins: ReadonlyMap<string, EnrolledIdentity>;
  readonly clients: ReadonlyMap<string, EnrolledIdentity>;
}

/**
 * Issues (or finds) every identity of the config. The CAs must be running.
 * @throws NetworkError CA_COMMAND_FAILED
 */
export async function issueIdentities(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
): Promise<IssuedIdentities> {
  const nodes = new Map<string, EnrolledIdentity>();
  const admins = new Map<string, EnrolledIdentity>();
  const clients = new Map<string, EnrolledIdentity>();
  for (const org of cfg.organisations) {
    await enrollRegistrar(cfg, programs, org.name);
    writeOrgMsp(orgPaths(cfg, org.name).msp, caCertPath(cfg, org.name));
    admins.set(
      org.name,
      await ensureIdentity(cfg, programs, org.name, org.mspId, identityDir(cfg, org.name, 'admin'), {
        name: `admin-${org.name}`,
        type: 'admin',
      }),
    );
    if (org.kind === 'peer') {
      if (onboardsUnits(org)) await enrollUnitRegistrar(cfg, programs, org);
      for (const c of org.clients) {
        clients.set(
          c.name,
          await ensureIdentity(cfg, programs, org.name, org.mspId, identityDir(cfg, org.name, c.name), {
            name: c.name,
            type: 'client',
            attributes: clientAttributes(c),
          }),
        );
      }
    }
  }
  for (const node of [...ordererNodes(cfg), ...peerNodes(cfg)]) {
    nodes.set(
      node.name,
      await ensureIdentity(cfg, programs, node.org, node.mspId, node.home, {
        name: node.name,
        type: node.kind === 'orderer' ? 'orderer' : 'peer',
        tlsHosts: nodeTlsHosts(node),
      }),
    );
  }
  // A chaincode server is no Fabric node (a client-type identity, so NodeOUs
  // never take it for a peer), but its organisation's peers reach it over TLS like one.
  for (const cc of chaincodeNodes(cfg)) {
    nodes.set(
      cc.name,
      await ensureIdentity(cfg, programs, cc.org, cc.mspId, cc.home, {
        name: cc.name,
        type: 'client',
        tlsHosts: nodeTlsHosts(cc),
      }),
    );
  }
  return { nodes, admins, clients };
}
