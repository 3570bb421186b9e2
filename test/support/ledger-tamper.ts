/**
 * An attacker with write access to a copy of a peer's block files: changes
 * a transaction in place (one byte of a record's `result`), optionally
 * rewrites the block header's data_hash to match, and splits a block file
 * at block boundaries (as a peer does when a file fills up) so that one
 * file can be removed. Offsets come from the audit library's reader of the
 * peer's stored-block format.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import { blockDataHash } from '@idcard/audit';
import { readBlockRecord } from '@idcard/audit/testing';

/** One block record of a block file. */
interface StoredBlock {
  readonly number: number;
  readonly start: number;
  readonly end: number;
  readonly block: common.Block;
}

/** Every block record of a block file, in file order. @throws Error on a truncated record */
function storedBlocks(bytes: Buffer): StoredBlock[] {
  const found: StoredBlock[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    const record = readBlockRecord(bytes, offset);
    if (record.kind !== 'block') throw new Error(`truncated block record at ${offset}`);
    found.push({
      number: record.block.getHeader()!.getNumber(),
      start: offset,
      end: record.end,
      block: record.block,
    });
    offset = record.end;
  }
  return found;
}

/** The transaction id of an envelope. */
export function txIdOf(entry: Uint8Array): string {
  const payload = common.Payload.deserializeBinary(
    common.Envelope.deserializeBinary(entry).getPayload_asU8(),
  );
  return common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8()).getTxId();
}

function recordOf(bytes: Buffer, blockNumber: number): StoredBlock {
  const record = storedBlocks(bytes).find((b) => b.number === blockNumber);
  if (record === undefined) throw new Error(`no block ${blockNumber} in the file`);
  return record;
}

/**
 * Changes one byte of the transaction `txId` of block `blockNumber` in the
 * channel's first block file: the first letter of the verification record's
 * `result` in its write set. With `rewriteDataHash` the block header's
 * data_hash is recomputed over the changed data, so only signatures tell.
 * @throws Error when the block, the transaction or the field is not found
 */
export function changeTransaction(
  channelDir: string,
  blockNumber: number,
  txId: string,
  rewriteDataHash: boolean,
): void {
  const file = join(channelDir, 'blockfile_000000');
  const bytes = readFileSync(file);
  const { block, start, end } = recordOf(bytes, blockNumber);
  const entry = block
    .getData()!
    .getDataList_asU8()
    .find((e) => txIdOf(e) === txId);
  if (entry === undefined) throw new Error(`no transaction ${txId} in block ${blockNumber}`);
  const at = bytes.indexOf(Buffer.from(entry), start);
  const field = bytes.indexOf(Buffer.from('"result":"'), at);
  if (at < 0 || field < 0 || field >= at + entry.length) throw new Error(`no record result in ${txId}`);
  bytes[field + 10] = 'X'.charCodeAt(0);
  if (rewriteDataHash) {
    const changed = recordOf(bytes, blockNumber).block.getData()!.getDataList_asU8();
    const oldHash = Buffer.from(block.getHeader()!.getDataHash_asU8());
    const hashAt = bytes.indexOf(oldHash, start);
    if (hashAt < 0 || hashAt >= end) throw new Error(`no data_hash in block ${blockNumber}`);
    blockDataHash(changed).copy(bytes, hashAt);
  }
  writeFileSync(file, bytes);
}

/**
 * Splits the channel's single block file into consecutive files, a new one
 * starting at each block number of `firstBlocks` (ascending).
 * @throws Error when the directory holds more than one block file or a boundary is not a block
 */
export function splitBlockfile(channelDir: string, firstBlocks: readonly number[]): void {
  const file = join(channelDir, 'blockfile_000000');
  const bytes = readFileSync(file);
  const blocks = storedBlocks(bytes);
  const cuts = firstBlocks.map((n) => {
    const found = blocks.find((b) => b.number === n);
    if (found === undefined) throw new Error(`no block ${n} to split at`);
    return found.start;
  });
  const bounds = [0, ...cuts, bytes.length];
  for (let i = 0; i + 1 < bounds.length; i++)
    writeFileSync(
      join(channelDir, `blockfile_${String(i).padStart(6, '0')}`),
      bytes.subarray(bounds[i], bounds[i + 1]),
    );
}
