/**
 * ONLINE wiring of the block source: full blocks and the channel height from
 * one peer, signed as an auditor identity, over fabric-gateway. The height
 * comes from the peer's query system chaincode (`qscc GetChainInfo`), so a
 * replay knows where the live stream should end.
 *
 * UNRUN here: no Fabric peer can be built on this machine, so this file is
 * type-checked only; the replay itself is tested through the
 * BlockEventSource port with real-format blocks.
 */
import { connect, hash } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import { openPeerConnections, type PeerEndpoint } from '../fabric/connections';
import { createIdentityCache } from '../fabric/identities';
import type { LedgerIdentity } from '../ledger/ledger-client';
import { BlockSourceError } from './audit-errors';
import type { BlockEventSource } from './block-event-source';
import { fabricBlockEvents } from './fabric-block-events';

/** Options of the peer connection. */
export interface PeerBlockEventsOptions {
  readonly peer: PeerEndpoint;
  /** The auditor identity (a channel member; read-only). */
  readonly identity: LedgerIdentity;
  readonly channel: string;
  /** Deadline of the height query (default 10 s); the block stream has none. */
  readonly queryDeadlineMs?: number;
  readonly keepaliveMs?: number;
}

/** Blocks of one channel from one peer. */
export interface PeerBlockEvents {
  readonly events: BlockEventSource;
  /**
   * The channel height (last block number + 1) at the time of the call.
   * @throws BlockSourceError when the peer does not answer
   */
  channelHeight(): Promise<number>;
  /** Closes the gateway and the gRPC connection. */
  close(): void;
}

/**
 * Connects lazily (nothing is dialled until the first call).
 * @throws Error when the TLS CA, certificate or key file cannot be read
 */
export function openPeerBlockEvents(options: PeerBlockEventsOptions): PeerBlockEvents {
  const [connection] = openPeerConnections([options.peer], options.keepaliveMs ?? 120_000);
  if (connection === undefined) throw new Error('no peer connection');
  const deadlineMs = options.queryDeadlineMs ?? 10_000;
  const gateway = connect({
    client: connection.client,
    ...createIdentityCache().get(options.identity),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + deadlineMs }),
  });
  const network = gateway.getNetwork(options.channel);
  return {
    events: fabricBlockEvents(network),
    async channelHeight() {
      try {
        const bytes = await network.getContract('qscc').evaluateTransaction('GetChainInfo', options.channel);
        return common.BlockchainInfo.deserializeBinary(bytes).getHeight();
      } catch (err) {
        throw new BlockSourceError(`cannot read the height of ${options.channel} from ${options.peer.name}`, {
          cause: err,
        });
      }
    },
    close() {
      gateway.close();
      connection.client.close();
    },
  };
}
