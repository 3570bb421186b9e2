/**
 * Whether a receipt's transaction is on the ledger: block `blockNumber` of
 * the source holds the very envelope of the receipt (byte for byte), the
 * block's data hash covers it, and the peers marked it VALID. The source is
 * a copy of a peer's block files or the blocks a peer delivers; a chain
 * check of the whole ledger is `idcard audit replay`.
 */
import { common } from '@hyperledger/fabric-protos';
import { blockDataHash } from './block-hash';
import { onlineBlockSource } from './block-event-source';
import type { BlockSource } from './block-source';
import type { PeerBlockEvents } from './peer-block-events';
import { decodeTransaction } from './transaction-decoder';
import { validationCodeName } from './validation-codes';
import type { VerificationReceipt } from './receipt';

/** The outcome of the ledger check. */
export interface LedgerPresence {
  readonly ok: boolean;
  readonly problems: readonly string[];
  /** Where the block was read. */
  readonly location?: string;
  /** The validation code name of the transaction, when found. */
  readonly validation?: string;
}

function presenceIn(block: common.Block, receipt: VerificationReceipt, location: string): LedgerPresence {
  const entries = block.getData()?.getDataList_asU8() ?? [];
  const envelope = Buffer.from(receipt.transaction, 'base64');
  const index = entries.findIndex((e) => envelope.equals(e));
  const refused = (problem: string): LedgerPresence => ({ ok: false, problems: [problem], location });
  if (index < 0) {
    const sameId = entries.some((e, i) => decodeTransaction(i, e, '', false).txId === receipt.txId);
    return refused(
      sameId
        ? `transaction ${receipt.txId} in block ${receipt.blockNumber} differs from the receipt's`
        : `transaction ${receipt.txId} is not in block ${receipt.blockNumber}`,
    );
  }
  if (!blockDataHash(entries).equals(block.getHeader()?.getDataHash_asU8() ?? new Uint8Array()))
    return refused(`the data hash of block ${receipt.blockNumber} does not match its data`);
  const flags = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER];
  const code = flags?.[index];
  const validation = code === undefined ? 'UNKNOWN' : validationCodeName(code);
  if (validation !== 'VALID')
    return { ...refused(`transaction ${receipt.txId} is marked ${validation} on the ledger`), validation };
  return { ok: true, problems: [], location, validation };
}

/**
 * Looks for the receipt's transaction in block `receipt.blockNumber` of `source`.
 * @throws BlockSourceError when the source cannot be read
 */
export async function checkReceiptOnLedger(
  source: BlockSource,
  receipt: VerificationReceipt,
): Promise<LedgerPresence> {
  for await (const item of source.blocks(receipt.blockNumber)) {
    if (item.kind !== 'block') continue;
    const number = item.block.getHeader()?.getNumber() ?? -1;
    if (number === receipt.blockNumber) return presenceIn(item.block, receipt, item.location);
    if (number > receipt.blockNumber) break;
  }
  return { ok: false, problems: [`block ${receipt.blockNumber} is not on the ledger`] };
}

/**
 * Looks for the receipt's transaction in the blocks a peer delivers: first
 * the channel height (a block beyond it would never arrive on the stream),
 * then block `receipt.blockNumber`.
 * @throws BlockSourceError when the peer does not answer
 */
export async function checkReceiptOnPeer(
  blocks: PeerBlockEvents,
  receipt: VerificationReceipt,
): Promise<LedgerPresence> {
  const height = await blocks.channelHeight();
  if (receipt.blockNumber >= height)
    return { ok: false, problems: [`block ${receipt.blockNumber} is not on the ledger (height ${height})`] };
  return checkReceiptOnLedger(onlineBlockSource(blocks.events, { endBlock: receipt.blockNumber }), receipt);
}
