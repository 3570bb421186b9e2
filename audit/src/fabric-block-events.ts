/**
 * The BlockEventSource adapter over fabric-gateway: full blocks from
 * `network.getBlockEvents({ startBlock })`. Not exercised by unit tests
 * (no Fabric peer on this machine); the replay is tested through the port.
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
