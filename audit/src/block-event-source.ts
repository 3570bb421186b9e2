/**
 * ONLINE block source: full blocks delivered by a peer. The port
 * (`BlockEventSource`) is what the replay needs; the fabric-gateway adapter
 * lives in fabric-block-events.ts. A live stream never ends, so the replay
 * stops after `endBlock` (e.g. the channel height minus one at start).
 */
import type { common } from '@hyperledger/fabric-protos';
import { BlockSourceError } from './audit-errors';
import type { BlockSource } from './block-source';

/** A closeable stream of blocks. */
export interface BlockStream extends AsyncIterable<common.Block> {
  close(): void;
}

/** The port: open a stream of full blocks from a block number. */
export interface BlockEventSource {
  /** @throws whatever the transport throws; wrapped into BlockSourceError by the replay source */
  open(startBlock: bigint): Promise<BlockStream>;
}

/** Options of the online source. */
export interface OnlineSourceOptions {
  /** The last block to replay (inclusive). */
  readonly endBlock: number;
  /** Stops the replay early. */
  readonly signal?: AbortSignal;
}

/** A block source over a BlockEventSource, ending after `endBlock`. */
export function onlineBlockSource(events: BlockEventSource, options: OnlineSourceOptions): BlockSource {
  const { endBlock, signal } = options;
  return {
    async *blocks(startBlock: number) {
      if (startBlock > endBlock) return;
      let stream: BlockStream;
      try {
        stream = await events.open(BigInt(startBlock));
      } catch (err) {
        throw new BlockSourceError('cannot open the block event stream', { cause: err });
      }
      try {
        for await (const block of stream) {
          yield { kind: 'block', block, location: 'deliver' };
          if ((block.getHeader()?.getNumber() ?? 0) >= endBlock || signal?.aborted === true) return;
        }
      } catch (err) {
        throw new BlockSourceError('the block event stream failed', { cause: err });
      } finally {
        stream.close();
      }
    },
  };
}
