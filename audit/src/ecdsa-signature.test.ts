import { generateKeyPairSync, sign } from 'node:crypto';
import { decodeIntegerPair, encodeInteger, encodeSequence } from './der';
import { checkEcdsaSignature, checkFabricSignature, P256_ORDER } from './ecdsa-signature';
import { signLowS } from './test-support/fabric-blocks';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const data = Buffer.from('block header bytes');

describe('ECDSA signature check', () => {
  it('accepts a low-S DER signature', () => {
    expect(checkEcdsaSignature(publicKey, data, signLowS(privateKey, data))).toBe('ok');
  });

  it('refuses the high-S twin of a valid signature', () => {
    const { r, s } = decodeIntegerPair(signLowS(privateKey, data));
    const high = encodeSequence([encodeInteger(r), encodeInteger(P256_ORDER - s)]);

    expect(checkEcdsaSignature(publicKey, data, high)).toBe('high-s');
  });

  it('refuses a signature over other data', () => {
    expect(checkEcdsaSignature(publicKey, Buffer.from('other'), signLowS(privateKey, data))).toBe('mismatch');
  });

  it('calls bytes that are not a DER pair malformed', () => {
    expect(checkEcdsaSignature(publicKey, data, Buffer.from('3003020101', 'hex'))).toBe('malformed');
  });

  it('checks Ed25519 identities (Fabric v3) without a pre-hash', () => {
    const ed = generateKeyPairSync('ed25519');

    expect(checkFabricSignature(ed.publicKey, data, sign(null, data, ed.privateKey))).toBe('ok');
  });
});
