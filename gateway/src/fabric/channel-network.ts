/**
 * One peer's view of a channel as a fabric-gateway Network, signed as one
 * identity, for readers that are not the gateway's ledger client (the
 * auditor's block stream and channel height).
 */
import { connect, type Network } from '@hyperledger/fabric-gateway';
import type { LedgerIdentity } from '../ledger/ledger-client';
import { openPeerConnections, type PeerEndpoint } from './connections';
import { createIdentityCache } from './identities';

/** Options of the connection. */
export interface ChannelNetworkOptions {
  readonly peer: PeerEndpoint;
  readonly identity: LedgerIdentity;
  readonly channel: string;
  /** Deadline of each evaluation (default 10 s); block streams have none. */
  readonly evaluateDeadlineMs?: number;
  readonly keepaliveMs?: number;
}

/** An open channel network; close it when done. */
export interface ChannelNetwork {
  readonly network: Network;
  /** Closes the gateway and the gRPC connection. */
  close(): void;
}

/**
 * Connects lazily (nothing is dialled until the first call).
 * @throws Error when the TLS CA, certificate or key file cannot be read
 */
export function openChannelNetwork(options: ChannelNetworkOptions): ChannelNetwork {
  const [connection] = openPeerConnections([options.peer], options.keepaliveMs ?? 120_000);
  if (connection === undefined) throw new Error('no peer connection');
  const deadlineMs = options.evaluateDeadlineMs ?? 10_000;
  const gateway = connect({
    client: connection.client,
    // The identity's signer and the hash it expects (the native signer hashes itself).
    ...createIdentityCache().get(options.identity),
    evaluateOptions: () => ({ deadline: Date.now() + deadlineMs }),
  });
  return {
    network: gateway.getNetwork(options.channel),
    close() {
      gateway.close();
      connection.client.close();
    },
  };
}
