/**
 * Where a transaction sits in the channel's order: its block and its index
 * inside that block, read from the peer's filtered block (deliver service).
 * Two transactions in one block are validated in that order, so a later one
 * that read a key the earlier one wrote is invalidated (MVCC_READ_CONFLICT).
 */
import type { Gateway } from '@hyperledger/fabric-gateway';

/** A transaction's place in the channel: block number, then index in the block. */
export interface TxPosition {
  readonly block: bigint;
  readonly index: number;
}

/**
 * Transaction ids of one block, in block order.
 * @throws Error when the block is not delivered
 */
export async function txIdsOfBlock(gateway: Gateway, channel: string, block: bigint): Promise<string[]> {
  const events = await gateway.getNetwork(channel).getFilteredBlockEvents({ startBlock: block });
  try {
    for await (const filtered of events) {
      return filtered.getFilteredTransactionsList().map((tx) => tx.getTxid());
    }
  } finally {
    events.close();
  }
  throw new Error(`block ${String(block)} was not delivered`);
}

/**
 * Positions of transactions committed at the given blocks.
 * @throws Error when a transaction is not in the block it was reported in
 */
export async function positionsOf(
  gateway: Gateway,
  channel: string,
  committed: readonly { readonly txId: string; readonly blockNumber: bigint }[],
): Promise<Map<string, TxPosition>> {
  const blocks = new Map<bigint, string[]>();
  for (const { blockNumber } of committed) {
    if (!blocks.has(blockNumber)) blocks.set(blockNumber, await txIdsOfBlock(gateway, channel, blockNumber));
  }
  const out = new Map<string, TxPosition>();
  for (const { txId, blockNumber } of committed) {
    const index = blocks.get(blockNumber)?.indexOf(txId) ?? -1;
    if (index < 0) throw new Error(`transaction ${txId} is not in block ${String(blockNumber)}`);
    out.set(txId, { block: blockNumber, index });
  }
  return out;
}

/** True when `a` comes before `b` in the channel's order. */
export function isBefore(a: TxPosition, b: TxPosition): boolean {
  return a.block < b.block || (a.block === b.block && a.index < b.index);
}
