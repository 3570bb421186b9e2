/**
 * Fabric's on-disk block file record (common/ledger/blkstorage,
 * block_serialization.go). Each block is a varint length followed by that
 * many bytes, which are NOT a marshalled common.Block but Fabric's own
 * storage layout, built from protobuf wire primitives:
 *
 *   varint number, bytes data_hash, bytes previous_hash,
 *   varint n, n x bytes envelope, varint m, m x bytes metadata
 *
 * where `bytes` is a varint length then the raw bytes. This file only reads
 * that framing (there is no protobuf message to decode with fabric-protos);
 * the envelopes and metadata entries are then decoded with fabric-protos.
 */
import { common } from '@hyperledger/fabric-protos';
import { AuditFormatError } from './audit-errors';

/** A block record read from a file, or the offset where the file stops mid-record. */
export type BlockRecord =
  | { readonly kind: 'block'; readonly block: common.Block; readonly end: number }
  | { readonly kind: 'truncated'; readonly offset: number; readonly available: number };

class Cursor {
  offset: number;
  readonly #bytes: Uint8Array;
  readonly #end: number;

  constructor(bytes: Uint8Array, offset: number, end: number) {
    this.#bytes = bytes;
    this.offset = offset;
    this.#end = end;
  }

  /** Reads an unsigned varint (up to 2^53), or undefined when the bytes run out. */
  varint(): number | undefined {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i += 1) {
      if (this.offset >= this.#end) return undefined;
      const byte = this.#bytes[this.offset] ?? 0;
      this.offset += 1;
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) {
        if (!Number.isSafeInteger(value)) throw new AuditFormatError('varint beyond 2^53');
        return value;
      }
      scale *= 128;
    }
    throw new AuditFormatError('varint longer than 10 bytes');
  }

  rawBytes(): Uint8Array {
    const length = this.varint();
    if (length === undefined || this.offset + length > this.#end)
      throw new AuditFormatError('length-prefixed field overruns the block record');
    const slice = this.#bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  list(): Uint8Array[] {
    const count = this.varint();
    if (count === undefined) throw new AuditFormatError('list count missing in the block record');
    const items: Uint8Array[] = [];
    for (let i = 0; i < count; i += 1) items.push(this.rawBytes());
    return items;
  }
}

function decodeStoredBlock(bytes: Uint8Array, start: number, end: number): common.Block {
  const cursor = new Cursor(bytes, start, end);
  const number = cursor.varint();
  if (number === undefined) throw new AuditFormatError('block number missing');
  const header = new common.BlockHeader();
  header.setNumber(number);
  header.setDataHash(cursor.rawBytes());
  header.setPreviousHash(cursor.rawBytes());
  const data = new common.BlockData();
  data.setDataList(cursor.list());
  const metadata = new common.BlockMetadata();
  metadata.setMetadataList(cursor.list());
  if (cursor.offset !== end) throw new AuditFormatError('trailing bytes in the block record');
  const block = new common.Block();
  block.setHeader(header);
  block.setData(data);
  block.setMetadata(metadata);
  return block;
}

/**
 * Reads the block record starting at `offset` of a block file's bytes.
 * @throws AuditFormatError when a complete record is malformed
 */
export function readBlockRecord(bytes: Uint8Array, offset: number): BlockRecord {
  const cursor = new Cursor(bytes, offset, bytes.length);
  const length = cursor.varint();
  if (length === undefined || cursor.offset + length > bytes.length)
    return { kind: 'truncated', offset, available: bytes.length - offset };
  const end = cursor.offset + length;
  return { kind: 'block', block: decodeStoredBlock(bytes, cursor.offset, end), end };
}

function varintBytes(value: number): Buffer {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push(rest % 0x80 | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
  return Buffer.from(out);
}

function withLength(bytes: Uint8Array): Buffer[] {
  return [varintBytes(bytes.length), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)];
}

/** Encodes a block as one block file record (length prefix included), as the peer writes it. */
export function encodeBlockRecord(block: common.Block): Buffer {
  const header = block.getHeader();
  const entries = block.getData()?.getDataList_asU8() ?? [];
  const metadata = block.getMetadata()?.getMetadataList_asU8() ?? [];
  const body = Buffer.concat([
    varintBytes(header?.getNumber() ?? 0),
    ...withLength(header?.getDataHash_asU8() ?? new Uint8Array()),
    ...withLength(header?.getPreviousHash_asU8() ?? new Uint8Array()),
    varintBytes(entries.length),
    ...entries.flatMap(withLength),
    varintBytes(metadata.length),
    ...metadata.flatMap(withLength),
  ]);
  return Buffer.concat([varintBytes(body.length), body]);
}
