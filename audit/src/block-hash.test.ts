import { createHash } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { blockDataHash, blockHeaderBytes, blockHeaderHash } from './block-hash';

function header(number: number, previous: Uint8Array, data: Uint8Array): common.BlockHeader {
  const h = new common.BlockHeader();
  h.setNumber(number);
  h.setPreviousHash(previous);
  h.setDataHash(data);
  return h;
}

describe('block header DER', () => {
  it('encodes block 0 with an empty previous hash as SEQUENCE { INTEGER 0, OCTET STRING "", OCTET STRING hash }', () => {
    const data = Buffer.alloc(32, 0xab);

    const expected = `3027020100040004 20${data.toString('hex')}`.replace(' ', '');

    expect(blockHeaderBytes(header(0, new Uint8Array(), data)).toString('hex')).toBe(expected);
  });

  it('adds a leading zero to numbers whose top bit is set (128 is 02 02 00 80)', () => {
    const bytes = blockHeaderBytes(header(128, Buffer.alloc(32, 1), Buffer.alloc(32, 2)));

    expect(bytes.subarray(0, 6).toString('hex')).toBe('304802020080');
  });

  it('hashes the DER bytes with SHA-256', () => {
    const h = header(7, Buffer.alloc(32, 1), Buffer.alloc(32, 2));

    expect(blockHeaderHash(h)).toEqual(createHash('sha256').update(blockHeaderBytes(h)).digest());
  });
});

describe('block data hash', () => {
  it('is SHA-256 over the concatenated entries', () => {
    expect(blockDataHash([Buffer.from('ab'), Buffer.from('c')])).toEqual(
      createHash('sha256').update('abc').digest(),
    );
  });
});
