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
  /** A gateway that serves HTTPS (network config `gateway.https`). */
  readonly https?: boolean;
  /** Peer chaincode listen port. */
  readonly chaincodePort?: number;
  /** Go pprof port of peers and orderers (listening only when the config has a profile dir). */
  readonly profilePort?: number;
  /** The node's own folder under the data dir. */
  readonly home: string;
  /** The network namespace it runs in (its organisation's `netns`); absent: the host's. */
  readonly netns?: string;
}

/** The `netns` part of a node of this organisation. */
function netnsOf(org: { readonly netns?: string }): { netns?: string } {
  return org.netns === undefined ? {} : { netns: org.netns };
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
  profile: 4,
  chaincodeServer: 5,
  benchChaincodeServer: 6,
};
/** Ports after the organisations' blocks. */
const SERVICE_OFFSET = { gateways: 900 };

/** Folder layout under the data dir. */
export function dataPaths(cfg: ResolvedConfig): {
  root: string;
  logs: string;
  run: string;
  orgs: string;
  channel: string;
  chaincode: string;
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
    ...(org.kind === 'peer' ? netnsOf(org) : {}),
  };
}

/**
 * What every orderer and peer has: the `index`th node slot of its
 * organisation's port block (listen, operations and profile ports) and its
 * folder; `first` is the slot's first port, for the ports of its kind.
 */
function fabricNode(
  cfg: ResolvedConfig,
  org: Pick<OrdererOrgConfig | PeerOrgConfig, 'name' | 'mspId' | 'host'>,
  kind: 'orderer' | 'peer',
  name: string,
  index: number,
): { first: number; node: NodeSpec } {
  const first = orgBase(cfg, org.name) + OFFSET.firstNode + index * OFFSET.nodeStride;
  return {
    first,
    node: {
      name,
      kind,
      org: org.name,
      mspId: org.mspId,
      host: org.host,
      port: first + OFFSET.listen,
      operationsPort: first + OFFSET.operations,
      profilePort: first + OFFSET.profile,
      home: join(orgHome(cfg, org.name), 'nodes', name),
    },
  };
}

/** The ordering nodes for the configured consensus type. */
export function ordererNodes(cfg: ResolvedConfig): NodeSpec[] {
  const org = ordererOrg(cfg);
  const count = cfg.consensus === 'bft' ? org.nodes.bft : org.nodes.raft;
  return Array.from({ length: count }, (_, i) => {
    const { first, node } = fabricNode(cfg, org, 'orderer', `orderer${i + 1}.${org.name}`, i);
    return { ...node, adminPort: first + OFFSET.admin };
  });
}

/** The peers of every peer organisation. */
export function peerNodes(cfg: ResolvedConfig): NodeSpec[] {
  return peerOrgs(cfg).flatMap((org) =>
    Array.from({ length: org.peers }, (_, i) => {
      const { first, node } = fabricNode(cfg, org, 'peer', `peer${i}.${org.name}`, i);
      return { ...node, chaincodePort: first + OFFSET.chaincode, ...netnsOf(org) };
    }),
  );
}

/**
 * The chaincode servers: one per peer organisation, on its host, serving only
 * that organisation's peers (no peer runs code another organisation runs).
 */
export function chaincodeNodes(cfg: ResolvedConfig): NodeSpec[] {
  return peerOrgs(cfg).map((org) => ({
    name: `chaincode.${cfg.chaincode.name}.${org.name}`,
    kind: 'chaincode' as const,
    org: org.name,
    mspId: org.mspId,
    host: org.host,
    port: orgBase(cfg, org.name) + OFFSET.chaincodeServer,
    home: join(orgHome(cfg, org.name), 'nodes', `chaincode.${cfg.chaincode.name}`),
    ...netnsOf(org),
  }));
}

/** Name of the benchmark chaincode `idcard bench` deploys beside the project's chaincode. */
export const BENCH_CHAINCODE_NAME = 'bench';

/**
 * The benchmark chaincode's servers (one per peer organisation, as for the
 * project's chaincode; started only by `idcard bench`). They reuse the TLS
 * material of the organisation's chaincode server (same host).
 */
export function benchChaincodeNodes(cfg: ResolvedConfig): NodeSpec[] {
  return chaincodeNodes(cfg).map((server) => ({
    ...server,
    name: `chaincode.${BENCH_CHAINCODE_NAME}.${server.org}`,
    port: orgBase(cfg, server.org) + OFFSET.benchChaincodeServer,
  }));
}

/**
 * The chaincode server of one organisation (default: the first peer organisation's).
 * @throws Error for an organisation without peers
 */
export function chaincodeNode(cfg: ResolvedConfig, orgName?: string): NodeSpec {
  const org = orgName ?? peerOrgs(cfg)[0]?.name;
  const node = chaincodeNodes(cfg).find((n) => n.org === org);
  if (!node) throw new Error(`no chaincode server for organisation ${String(org)}`);
  return node;
}

/**
 * The REST gateways: one per peer organisation, each with its own folder in
 * that organisation's (configuration, caller registry, its members'
 * enrolled identities), so no organisation's gateway holds another's keys.
 * Ports follow the organisations' blocks: basePort + 900 + the peer
 * organisation's index.
 */
export function gatewayNodes(cfg: ResolvedConfig): NodeSpec[] {
  return peerOrgs(cfg).map((org, index) => ({
    name: `gateway.${org.name}`,
    kind: 'gateway' as const,
    org: org.name,
    mspId: org.mspId,
    host: cfg.gateway.host,
    port: cfg.basePort + SERVICE_OFFSET.gateways + index,
    home: join(orgHome(cfg, org.name), 'gateway'),
    ...(cfg.gateway.https === true ? { https: true } : {}),
  }));
}

/**
 * The REST gateway of one organisation.
 * @throws Error for an organisation without peers
 */
export function gatewayNode(cfg: ResolvedConfig, orgName: string): NodeSpec {
  const node = gatewayNodes(cfg).find((n) => n.org === orgName);
  if (!node) throw new Error(`no gateway for organisation ${orgName}`);
  return node;
}

/** Every process of the network, in start order. */
export function allNodes(cfg: ResolvedConfig): NodeSpec[] {
  return [
    ...cfg.organisations.map((o) => caNode(cfg, o.name)),
    ...ordererNodes(cfg),
    ...peerNodes(cfg),
    ...chaincodeNodes(cfg),
    ...gatewayNodes(cfg),
  ];
}

/** Every port the network listens on, for a free-port check. */
export function allPorts(cfg: ResolvedConfig): number[] {
  return allNodes(cfg).flatMap((n) =>
    [n.port, n.operationsPort, n.adminPort, n.chaincodePort].filter((p): p is number => p !== undefined),
  );
}
