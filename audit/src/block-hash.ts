/**
 * The two hashes that chain Fabric blocks together.
 *
 * * Header hash (protoutil.BlockHeaderHash): SHA-256 of the DER encoding of
 *   SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }.
 *   The same DER bytes are the tail of what orderers sign.
 * * Data hash: ASSUMPTION, as in Fabric v3 protoutil.ComputeBlockDataHash for
 *   channels without a BlockDataHashingStructure other than the default:
 *   SHA-256 over the plain concatenation of every entry of block.data, in order
 *   (no framing between entries).
 */
import { createHash } from 'node:crypto';
import type { common } from '@hyperledger/fabric-protos';
import { encodeInteger, encodeOctetString, encodeSequence } from './der';

/** The DER bytes of a block header (what is hashed and what orderers sign). */
export function blockHeaderBytes(header: common.BlockHeader): Buffer {
  return encodeSequence([
    encodeInteger(BigInt(header.getNumber())),
    encodeOctetString(header.getPreviousHash_asU8()),
    encodeOctetString(header.getDataHash_asU8()),
  ]);
}

/** SHA-256 of the header's DER bytes: the next block's previous_hash. */
export function blockHeaderHash(header: common.BlockHeader): Buffer {
  return createHash('sha256').update(blockHeaderBytes(header)).digest();
}

/** SHA-256 over the concatenated data entries (see the assumption above). */
export function blockDataHash(entries: readonly Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const entry of entries) hash.update(entry);
  return hash.digest();
}
