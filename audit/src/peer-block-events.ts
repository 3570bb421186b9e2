/**
 * ONLINE wiring of the block source: full blocks and the channel height from
 * one peer's channel, through a fabric-gateway Network signed as an auditor
 * identity. The height comes from the peer's query system chaincode
 * (`qscc GetChainInfo`), so a replay knows where the live stream should end.
 * The connection itself (TLS, identity, deadlines) is the caller's.
 */
import type { Network } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import { BlockSourceError } from './audit-errors';
import type { BlockEventSource } from './block-event-source';
import { fabricBlockEvents } from './fabric-block-events';

/** Blocks of one channel from one peer. */
export interface PeerBlockEvents {
  readonly events: BlockEventSource;
  /**
   * The channel height (last block number + 1) at the time of the call.
   * @throws BlockSourceError when the peer does not answer
   */
  channelHeight(): Promise<number>;
}

/** The block events and height of `network`'s channel, read from the peer named `peerName` (for messages). */
export function peerBlockEvents(network: Network, peerName: string): PeerBlockEvents {
  const channel = network.getName();
  return {
    events: fabricBlockEvents(network),
    async channelHeight() {
      try {
        const bytes = await network.getContract('qscc').evaluateTransaction('GetChainInfo', channel);
        return common.BlockchainInfo.deserializeBinary(bytes).getHeight();
      } catch (err) {
        throw new BlockSourceError(`cannot read the height of ${channel} from ${peerName}`, { cause: err });
      }
    },
  };
}
