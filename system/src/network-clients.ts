/**
 * What the system, the bench and the CLI look up in the network config: the
 * configured client identities with their organisations, and the peers as
 * the gateway client dials them (one organisation's first, the rest for
 * failover).
 */
import { isIP } from 'node:net';
import {
  nodeTlsFiles,
  peerNodes,
  peerOrgs,
  type ClientConfig,
  type PeerOrgConfig,
  type ResolvedConfig,
} from '@idcard/network';

/** A client identity of the config with its organisation. */
export interface ConfiguredClient {
  readonly org: PeerOrgConfig;
  readonly client: ClientConfig;
}

/** Every client identity of the config, in config order. */
export function configuredClients(cfg: ResolvedConfig): ConfiguredClient[] {
  return peerOrgs(cfg).flatMap((org) => org.clients.map((client) => ({ org, client })));
}

/** The first client of the config with a role (and, when given, that name). */
export function clientWithRole(
  cfg: ResolvedConfig,
  role: ClientConfig['role'],
  name?: string,
): ConfiguredClient | undefined {
  return configuredClients(cfg).find(
    ({ client }) => client.role === role && (name === undefined || client.name === name),
  );
}

/** A peer as a fabric-gateway client dials it. */
export interface PeerEndpointSpec {
  readonly name: string;
  /** `host:port`. */
  readonly endpoint: string;
  /** PEM file of the CA that signed the peer's TLS certificate. */
  readonly tlsCaPath: string;
  /**
   * The name to ask the peer's TLS certificate for when its host is an IP address: the node's name,
   * which its certificate carries (an IP as TLS server name is refused by RFC 6066; Node warns DEP0123).
   */
  readonly hostOverride?: string;
}

/**
 * Every peer, those of `preferredOrg` first.
 * @throws Error when a peer's TLS material is missing (identities not issued)
 */
export function peerEndpoints(cfg: ResolvedConfig, preferredOrg: string): PeerEndpointSpec[] {
  return peerNodes(cfg)
    .sort((a, b) => Number(b.org === preferredOrg) - Number(a.org === preferredOrg))
    .map((node) => ({
      name: node.name,
      endpoint: `${node.host}:${String(node.port)}`,
      tlsCaPath: nodeTlsFiles(node).ca,
      ...(isIP(node.host) === 0 ? {} : { hostOverride: node.name }),
    }));
}
