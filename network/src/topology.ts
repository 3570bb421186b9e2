/**
 * Derives every node of the network (its name, host, ports and folders)
 * from the config. This is the only place that turns the base port into
 * port numbers and the data dir into paths.
 */
import { join } from 'node:path';
import type { OrdererOrgConfig, PeerOrgConfig, ResolvedConfig } from './config';

/** Kinds of process the network runs. */
export type NodeKind = 'ca' | 'orderer' | 'peer' | 'chaincode' | 'gateway';

/** One process of the network with everything needed to start and probe it. */
export interface NodeSpec {
  readonly name: string;
  readonly kind: NodeKind;
  readonly org: string;
  readonly mspId: string;
  readonly host: string;
  /** Main listen port (gRPC for peers and orderers, HTTPS for CAs, HTTP for the gateway). */
  readonly port: number;
  /** Operations (health, metrics) port where the node has one. */
  readonly operationsPort?: number;
  /** Orderer channel-participation admin port. */
  readonly adminPort?: number;
  /** Peer chaincode listen port. */
  readonly chaincodePort?: number;
  /** The node's own folder under the data dir. */
  readonly home: string;
}

/** Port offsets inside one organisation's block of 100 ports. */
const OFFSET = {
  ca: 0,
  caOperations: 1,
  firstNode: 10,
  nodeStride: 10,
  listen: 0,
  chaincode: 1,
  operations: 2,
  admin: 3,
};
/** Ports after the organisations' blocks. */
const SERVICE_OFFSET = { gateway: 900, chaincodeServer: 910 };

/** Folder layout under the data dir. */
export function dataPaths(cfg: ResolvedConfig): {
  root: string;
  logs: string;
  run: string;
  orgs: string;
  channel: string;
  chaincode: string;
  gateway: string;
  bundles: string;
} {
  const root = cfg.dataDir;
  return {
    root,
    logs: join(root, 'logs'),
    run: join(root, 'run'),
    orgs: join(root, 'organisations'),
    channel: join(root, 'channel'),
    chaincode: join(root, 'chaincode'),
    gateway: join(root, 'gateway'),
    bundles: join(root, 'bundles'),
  };
}

/** The orderer organisation of a config. */
export function ordererOrg(cfg: ResolvedConfig): OrdererOrgConfig {
  const org = cfg.organisations.find((o): o is OrdererOrgConfig => o.kind === 'orderer');
  if (!org) throw new Error('config has no orderer organisation (checked at load)');
  return org;
}

/** The peer organisations of a config, in config order. */
export function peerOrgs(cfg: ResolvedConfig): PeerOrgConfig[] {
  return cfg.organisations.filter((o): o is PeerOrgConfig => o.kind === 'peer');
}

/** Folder of one organisation's crypto material and node homes. */
export function orgHome(cfg: ResolvedConfig, orgName: string): string {
  return join(dataPaths(cfg).orgs, orgName);
}

function orgBase(cfg: ResolvedConfig, orgName: string): number {
  const index = cfg.organisations.findIndex((o) => o.name === orgName);
  return cfg.basePort + index * 100;
}

/** The Fabric CA of one organisation. */
export function caNode(cfg: ResolvedConfig, orgName: string): NodeSpec {
  const org = cfg.organisations.find((o) => o.name === orgName);
  if (!org) throw new Error(`unknown organisation ${orgName}`);
  const base = orgBase(cfg, orgName);
  return {
    name: `ca.${org.name}`,
    kind: 'ca',
    org: org.name,
    mspId: org.mspId,
    host: org.host,
    port: base + OFFSET.ca,
    operationsPort: base + OFFSET.caOperations,
    home: join(orgHome(cfg, org.name), 'ca'),
  };
}

/** The ordering nodes for the configured consensus type. */
export function ordererNodes(cfg: ResolvedConfig): NodeSpec[] {
  const org = ordererOrg(cfg);
  const count = cfg.consensus === 'bft' ? org.nodes.bft : org.nodes.raft;
  const base = orgBase(cfg, org.name);
  return Array.from({ length: count }, (_, i) => {
    const first = base + OFFSET.firstNode + i * OFFSET.nodeStride;
    const name = `orderer${i + 1}.${org.name}`;
    return {
      name,
      kind: 'orderer' as const,
      org: org.name,
      mspId: org.mspId,
      host: org.host,
      port: first + OFFSET.listen,
      operationsPort: first + OFFSET.operations,
      adminPort: first + OFFSET.admin,
      home: join(orgHome(cfg, org.name), 'nodes', name),
    };
  });
}

/** The peers of every peer organisation. */
export function peerNodes(cfg: ResolvedConfig): NodeSpec[] {
  return peerOrgs(cfg).flatMap((org) => {
    const base = orgBase(cfg, org.name);
    return Array.from({ length: org.peers }, (_, i) => {
      const first = base + OFFSET.firstNode + i * OFFSET.nodeStride;
      const name = `peer${i}.${org.name}`;
      return {
        name,
        kind: 'peer' as const,
        org: org.name,
        mspId: org.mspId,
        host: org.host,
        port: first + OFFSET.listen,
        chaincodePort: first + OFFSET.chaincode,
        operationsPort: first + OFFSET.operations,
        home: join(orgHome(cfg, org.name), 'nodes', name),
      };
    });
  });
}

/** The chaincode server (one process serves every peer that installed the package). */
export function chaincodeNode(cfg: ResolvedConfig): NodeSpec {
  const org = peerOrgs(cfg).find((o) => o.name === cfg.gateway.organisation) ?? peerOrgs(cfg)[0];
  if (!org) throw new Error('config has no peer organisation (checked at load)');
  return {
    name: `chaincode.${cfg.chaincode.name}`,
    kind: 'chaincode',
    org: org.name,
    mspId: org.mspId,
    host: org.host,
    port: cfg.basePort + SERVICE_OFFSET.chaincodeServer,
    home: join(dataPaths(cfg).chaincode, 'server'),
  };
}

/** The REST gateway service. */
export function gatewayNode(cfg: ResolvedConfig): NodeSpec {
  const org = peerOrgs(cfg).find((o) => o.name === cfg.gateway.organisation);
  if (!org) throw new Error('gateway organisation is not a peer organisation (checked at load)');
  return {
    name: 'gateway',
    kind: 'gateway',
    org: org.name,
    mspId: org.mspId,
    host: cfg.gateway.host,
    port: cfg.basePort + SERVICE_OFFSET.gateway,
    home: dataPaths(cfg).gateway,
  };
}

/** Every process of the network, in start order. */
export function allNodes(cfg: ResolvedConfig): NodeSpec[] {
  return [
    ...cfg.organisations.map((o) => caNode(cfg, o.name)),
    ...ordererNodes(cfg),
    ...peerNodes(cfg),
    chaincodeNode(cfg),
    gatewayNode(cfg),
  ];
}

/** Every port the network listens on, for a free-port check. */
export function allPorts(cfg: ResolvedConfig): number[] {
  return allNodes(cfg).flatMap((n) =>
    [n.port, n.operationsPort, n.adminPort, n.chaincodePort].filter((p): p is number => p !== undefined),
  );
}
