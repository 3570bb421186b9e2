/**
 * How to run each peer and orderer: the ORDERER_* / CORE_* environment laid
 * over the sample orderer.yaml / core.yaml, with every address from the
 * topology and every file under the node's home. TLS is on for every gRPC
 * endpoint and for the orderer admin endpoint (with client authentication);
 * operations endpoints stay plain HTTP for the health probes.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fabricLogSpec, type ResolvedConfig } from './config';
import { type EnrolledIdentity, singleFile } from '@idcard/ca-client';
import type { FabricPrograms } from './fabric-programs';
import { orgPaths } from './identities';
import type { ProcessSpec } from './supervisor';
import {
  benchChaincodeNodes,
  chaincodeNode,
  dataPaths,
  ordererOrg,
  peerNodes,
  type NodeSpec,
} from './topology';

/** The TLS material of a node enrolled under `<home>/tls`. */
export interface TlsFiles {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

/**
 * The TLS certificate, key and CA certificate of a TLS enrolment folder.
 * @throws Error when the folder does not hold exactly one key and one CA certificate.
 */
export function tlsFilesIn(tlsDir: string): TlsFiles {
  return {
    cert: join(tlsDir, 'signcerts', 'cert.pem'),
    key: singleFile(join(tlsDir, 'keystore')),
    ca: singleFile(join(tlsDir, 'tlscacerts')),
  };
}

/** The folder a node's TLS certificate is enrolled into. */
export function nodeTlsDir(node: Pick<NodeSpec, 'home'>): string {
  return join(node.home, 'tls');
}

/**
 * The TLS material of an enrolled node.
 * @throws Error when the node's TLS material is missing (identities not issued).
 */
export function nodeTlsFiles(node: Pick<NodeSpec, 'home'>): TlsFiles {
  return tlsFilesIn(nodeTlsDir(node));
}

/** The TLS CA certificate of an organisation (its org MSP's tlscacerts). */
export function orgTlsCaFile(cfg: ResolvedConfig, org: string): string {
  return join(orgPaths(cfg, org).msp, 'tlscacerts', 'ca-cert.pem');
}

/** Folders of a node's ledger data under its home. */
export function nodeDataDirs(node: Pick<NodeSpec, 'home'>): {
  ledger: string;
  wal: string;
  consensusSnapshots: string;
  snapshots: string;
} {
  const data = join(node.home, 'data');
  return {
    ledger: join(data, 'ledger'),
    wal: join(data, 'consensus', 'wal'),
    consensusSnapshots: join(data, 'consensus', 'snapshot'),
    snapshots: join(data, 'snapshots'),
  };
}

const addr = (host: string, port: number | undefined): string => {
  if (port === undefined) throw new Error(`missing port for ${host} (topology gives every node its ports)`);
  return `${host}:${port}`;
};

function baseEnv(cfg: ResolvedConfig, home: string, fabricCfgDir: string): NodeJS.ProcessEnv {
  return {
    // The node running this first: the project's own ccaas builder is a Node script the peer runs.
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: home,
    FABRIC_CFG_PATH: fabricCfgDir,
    FABRIC_LOGGING_SPEC: fabricLogSpec(cfg),
  };
}

function files(
  cfg: ResolvedConfig,
  node: NodeSpec,
): Pick<ProcessSpec, 'cwd' | 'logFile' | 'pidFile' | 'netns'> {
  return {
    ...(node.netns === undefined ? {} : { netns: node.netns }),
    cwd: node.home,
    logFile: join(dataPaths(cfg).logs, `${node.name}.log`),
    pidFile: join(dataPaths(cfg).run, `${node.name}.pid`),
  };
}

/** The environment of an ordering node. */
export function ordererEnv(cfg: ResolvedConfig, node: NodeSpec, fabricCfgDir: string): NodeJS.ProcessEnv {
  const tls = nodeTlsFiles(node);
  const caList = `[${orgTlsCaFile(cfg, ordererOrg(cfg).name)}]`;
  const dirs = nodeDataDirs(node);
  return {
    ...baseEnv(cfg, node.home, fabricCfgDir),
    ORDERER_GENERAL_LISTENADDRESS: node.host,
    ORDERER_GENERAL_LISTENPORT: String(node.port),
    ORDERER_GENERAL_LOCALMSPID: node.mspId,
    ORDERER_GENERAL_LOCALMSPDIR: join(node.home, 'msp'),
    ORDERER_GENERAL_BOOTSTRAPMETHOD: 'none',
    ORDERER_GENERAL_TLS_ENABLED: 'true',
    ORDERER_GENERAL_TLS_CERTIFICATE: tls.cert,
    ORDERER_GENERAL_TLS_PRIVATEKEY: tls.key,
    ORDERER_GENERAL_TLS_ROOTCAS: caList,
    ORDERER_GENERAL_TLS_CLIENTAUTHREQUIRED: 'false',
    // Consenters talk over the main listener with the node's own TLS pair.
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE: tls.cert,
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY: tls.key,
    ORDERER_GENERAL_CLUSTER_ROOTCAS: caList,
    ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
    ORDERER_ADMIN_LISTENADDRESS: addr(node.host, node.adminPort),
    ORDERER_ADMIN_TLS_ENABLED: 'true',
    ORDERER_ADMIN_TLS_CERTIFICATE: tls.cert,
    ORDERER_ADMIN_TLS_PRIVATEKEY: tls.key,
    ORDERER_ADMIN_TLS_ROOTCAS: caList,
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
    // osnadmin presents an orderer node's TLS pair (see channel.ts): trust the orderer TLS CA only.
    ORDERER_ADMIN_TLS_CLIENTROOTCAS: caList,
    ORDERER_OPERATIONS_LISTENADDRESS: addr(node.host, node.operationsPort),
    ORDERER_OPERATIONS_TLS_ENABLED: 'false',
    ORDERER_METRICS_PROVIDER: 'prometheus',
    ORDERER_FILELEDGER_LOCATION: dirs.ledger,
    ORDERER_CONSENSUS_WALDIR: dirs.wal,
    ORDERER_CONSENSUS_SNAPDIR: dirs.consensusSnapshots,
    ...(cfg.profileDir === undefined
      ? {}
      : {
          ORDERER_GENERAL_PROFILE_ENABLED: 'true',
          ORDERER_GENERAL_PROFILE_ADDRESS: addr(node.host, node.profilePort),
        }),
  };
}

/** How to run an ordering node. */
export function ordererProcessSpec(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  node: NodeSpec,
  fabricCfgDir: string,
): ProcessSpec {
  return {
    name: node.name,
    program: programs.orderer,
    args: [],
    env: ordererEnv(cfg, node, fabricCfgDir),
    ...files(cfg, node),
  };
}

/** Gossip bootstrap of a peer: another peer of its organisation, or itself when it is the only one. */
function gossipBootstrap(cfg: ResolvedConfig, node: NodeSpec): string {
  const other = peerNodes(cfg).find((p) => p.org === node.org && p.name !== node.name) ?? node;
  return addr(other.host, other.port);
}

/** The external builder list of the peer: only the ccaas builder, so nothing ever falls back to Docker. */
export function externalBuildersValue(programs: FabricPrograms): string {
  return `[{name: ccaas_builder, path: ${programs.ccaasBuilderDir}, propagateEnvironment: [CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG]}]`;
}

/** Concurrent gateway requests a peer accepts (Fabric's default of 500 throttles load tests). */
export const GATEWAY_CONCURRENCY = 2500;

/**
 * What the ccaas builder fills into the package's connection.json template
 * for one peer: its organisation's chaincode server and, for mutual TLS, that
 * organisation's TLS root and the peer's own TLS certificate and key (the
 * chaincode server accepts only clients its organisation's TLS CA signed).
 * `bench_address` is where the benchmark chaincode's server of the
 * organisation listens (nothing does unless `idcard bench` deployed it).
 */
export function builderConfig(cfg: ResolvedConfig, peer: NodeSpec): Record<string, string> {
  const server = chaincodeNode(cfg, peer.org);
  const bench = benchChaincodeNodes(cfg).find((n) => n.org === peer.org) ?? server;
  const tls = nodeTlsFiles(peer);
  return {
    peername: peer.name,
    address: addr(server.host, server.port),
    bench_address: addr(bench.host, bench.port),
    root_cert: readFileSync(orgTlsCaFile(cfg, peer.org), 'utf8'),
    client_cert: readFileSync(tls.cert, 'utf8'),
    client_key: readFileSync(tls.key, 'utf8'),
  };
}

/** The environment of a peer. */
export function peerEnv(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  node: NodeSpec,
  fabricCfgDir: string,
): NodeJS.ProcessEnv {
  const tls = nodeTlsFiles(node);
  const dirs = nodeDataDirs(node);
  const self = addr(node.host, node.port);
  const chaincode = addr(node.host, node.chaincodePort);
  return {
    ...baseEnv(cfg, node.home, fabricCfgDir),
    CORE_PEER_ID: node.name,
    CORE_PEER_LISTENADDRESS: self,
    CORE_PEER_ADDRESS: self,
    CORE_PEER_CHAINCODELISTENADDRESS: chaincode,
    CORE_PEER_CHAINCODEADDRESS: chaincode,
    CORE_PEER_LOCALMSPID: node.mspId,
    CORE_PEER_MSPCONFIGPATH: join(node.home, 'msp'),
    CORE_PEER_FILESYSTEMPATH: dirs.ledger,
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_CERT_FILE: tls.cert,
    CORE_PEER_TLS_KEY_FILE: tls.key,
    CORE_PEER_TLS_ROOTCERT_FILE: orgTlsCaFile(cfg, node.org),
    CORE_PEER_TLS_CLIENTAUTHREQUIRED: 'false',
    CORE_PEER_GOSSIP_BOOTSTRAP: gossipBootstrap(cfg, node),
    // Without it other organisations never learn this peer, and the gateway cannot plan endorsements.
    CORE_PEER_GOSSIP_EXTERNALENDPOINT: self,
    CORE_PEER_GOSSIP_USELEADERELECTION: 'true',
    CORE_PEER_GOSSIP_ORGLEADER: 'false',
    // Peers start together, so the first dial of another organisation's anchor peer often fails;
    // Fabric's 25 s retry then keeps discovery (and so every endorsement plan) blind that long.
    CORE_PEER_GOSSIP_RECONNECTINTERVAL: '2s',
    // Clients (the gateways) may ping every 5 s, so a peer cut off by the network is noticed fast.
    CORE_PEER_KEEPALIVE_MININTERVAL: '5s',
    CORE_PEER_GATEWAY_ENABLED: 'true',
    CORE_PEER_LIMITS_CONCURRENCY_GATEWAYSERVICE: String(GATEWAY_CONCURRENCY),
    CORE_LEDGER_STATE_STATEDATABASE: 'goleveldb',
    CORE_LEDGER_SNAPSHOTS_ROOTDIR: dirs.snapshots,
    CORE_OPERATIONS_LISTENADDRESS: addr(node.host, node.operationsPort),
    CORE_OPERATIONS_TLS_ENABLED: 'false',
    CORE_METRICS_PROVIDER: 'prometheus',
    // Empty: no Docker daemon; chaincode runs as a service through the ccaas builder.
    CORE_VM_ENDPOINT: '',
    CORE_CHAINCODE_EXTERNALBUILDERS: externalBuildersValue(programs),
    CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG: JSON.stringify(builderConfig(cfg, node)),
    // fabric-shim <= 2.5.8 exits on the peer's KEEPALIVE message: never send one.
    CORE_CHAINCODE_KEEPALIVE: '0',
    CORE_PEER_AUTHENTICATION_TIMEWINDOW: cfg.peerAuthenticationTimeWindow ?? DEFAULT_TIME_WINDOW,
    ...(cfg.profileDir === undefined
      ? {}
      : {
          CORE_PEER_PROFILE_ENABLED: 'true',
          CORE_PEER_PROFILE_LISTENADDRESS: addr(node.host, node.profilePort),
        }),
  };
}

/** Fabric's own default for peer.authentication.timewindow. */
export const DEFAULT_TIME_WINDOW = '15m';

/** How to run a peer. */
export function peerProcessSpec(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  node: NodeSpec,
  fabricCfgDir: string,
): ProcessSpec {
  return {
    name: node.name,
    program: programs.peer,
    args: ['node', 'start'],
    env: peerEnv(cfg, programs, node, fabricCfgDir),
    ...files(cfg, node),
  };
}

/**
 * The environment for running the `peer` CLI as an organisation admin
 * against one peer (channel join, lifecycle). The Fabric programs' folder
 * comes first on PATH so helper commands resolve to the pinned build.
 */
export function adminPeerEnv(
  cfg: ResolvedConfig,
  programs: FabricPrograms,
  peerNode: NodeSpec,
  adminIdentity: EnrolledIdentity,
  fabricCfgDir: string,
): NodeJS.ProcessEnv {
  return {
    PATH: `${dirname(programs.peer)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: dirname(adminIdentity.mspDir),
    FABRIC_CFG_PATH: fabricCfgDir,
    FABRIC_LOGGING_SPEC: 'warning',
    CORE_PEER_LOCALMSPID: adminIdentity.mspId,
    CORE_PEER_MSPCONFIGPATH: adminIdentity.mspDir,
    CORE_PEER_ADDRESS: addr(peerNode.host, peerNode.port),
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_ROOTCERT_FILE: orgTlsCaFile(cfg, peerNode.org),
  };
}
