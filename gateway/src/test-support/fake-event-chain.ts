/** An in-memory chain of chaincode events for the fake ledger, read through the real positionedEvents logic. */
import type { RawChaincodeEvent, RawEventStream } from '../fabric/event-source';

/** An in-memory chain of chaincode events, appended block by block. */
export class FakeEventChain {
  readonly blocks: RawChaincodeEvent[][] = [];
  #listeners = new Set<() => void>();

  /** Appends a block holding the given events; returns its number. */
  appendBlock(events: readonly { name: string; payload: Record<string, unknown> }[]): number {
    const blockNumber = this.blocks.length;
    this.blocks.push(
      events.map((e, i) => ({
        blockNumber: BigInt(blockNumber),
        transactionId: `tx-${blockNumber}-${i}`,
        eventName: e.name,
        payload: Buffer.from(JSON.stringify(e.payload)),
      })),
    );
    for (const listener of this.#listeners) listener();
    return blockNumber;
  }

  /** Opens a stream like the peer: from startBlock, or from the next block. */
  open(startBlock: bigint | undefined): RawEventStream {
    let next = startBlock === undefined ? this.blocks.length : Number(startBlock);
    let closed = false;
    let wake: (() => void) | undefined;
    const listener = () => wake?.();
    this.#listeners.add(listener);
    const blocks = this.blocks;
    const listeners = this.#listeners;
    return {
      close: () => {
        closed = true;
        listeners.delete(listener);
        wake?.();
      },
      async *[Symbol.asyncIterator]() {
        while (!closed) {
          const block = blocks[next];
          if (block) {
            next += 1;
            yield* block;
          } else {
            await new Promise<void>((resolve) => (wake = resolve));
          }
        }
      },
    };
  }
}
