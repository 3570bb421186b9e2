/**
 * What runs for a data dir: every node's process and health (with block
 * heights and the committed chaincode where the built programs and admin
 * identities allow asking), which Fabric programs are used, and where each
 * gateway is with the configured callers that use it.
 */
import {
  diskStatusReaders,
  gatewayNodes,
  networkStatus,
  programPaths,
  type ChaincodeDefinition,
  type NodeStatus,
  type ResolvedConfig,
} from '@idcard/network';
import { describeError } from './describe-error';
import { gatewayUrl } from './gateway-files';
import { configuredClients } from './network-clients';

/** A gateway of the config: its node, base URL and the configured callers of its organisation. */
export interface GatewayStatus {
  readonly name: string;
  readonly url: string;
  readonly callers: readonly string[];
}

/** The system of one data dir as it runs now. */
export interface SystemStatus {
  readonly dataDir: string;
  /** Where the Fabric programs come from, or `unusable: <why>`. */
  readonly fabric: string;
  readonly nodes: readonly NodeStatus[];
  /** The committed definition of the project's chaincode; null when it cannot be asked. */
  readonly chaincode: ChaincodeDefinition | null;
  readonly gateways: readonly GatewayStatus[];
}

/** The gateways of the config with the callers that use each (its organisation's). */
export function gatewayStatuses(cfg: ResolvedConfig): GatewayStatus[] {
  return gatewayNodes(cfg).map((node) => ({
    name: node.name,
    url: gatewayUrl(node),
    callers: configuredClients(cfg)
      .filter(({ org }) => org.name === node.org)
      .map(({ client }) => client.name),
  }));
}

/** Asks every node of the data dir; never throws for a node that is down. */
export async function systemStatus(cfg: ResolvedConfig): Promise<SystemStatus> {
  // Heights and the chaincode need the built peer/osnadmin programs and the admin identities; without them they show as unknown.
  const readers = diskStatusReaders(cfg);
  let fabric: string;
  try {
    fabric = programPaths(cfg).fabricSource;
  } catch (err) {
    fabric = `unusable: ${describeError(err)}`;
  }
  const nodes = await networkStatus(cfg, readers?.height);
  const chaincode =
    readers === undefined ? null : ((await readers.committedChaincode().catch(() => null)) ?? null);
  return { dataDir: cfg.dataDir, fabric, nodes, chaincode, gateways: gatewayStatuses(cfg) };
}
