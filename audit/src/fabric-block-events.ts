/**
 * The BlockEventSource adapter over fabric-gateway: full blocks from
 * `network.getBlockEvents({ startBlock })`. Unit tests drive the replay
 * through the port; test/fabric/audit.test.ts drives this adapter on a real peer.
 */
import type { Network } from '@hyperledger/fabric-gateway';
import type { BlockEventSource, BlockStream } from './block-event-source';

/** A BlockEventSource reading the channel of a fabric-gateway Network. */
export function fabricBlockEvents(network: Network): BlockEventSource {
  return {
    async open(startBlock: bigint): Promise<BlockStream> {
      return network.getBlockEvents({ startBlock });
    },
  };
}
