import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { lowSDerSignature, newNativeP256Signer } from './native-signer';

const ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** r and s of a DER signature (parsed independently of the code under test). */
function parseDer(der: Uint8Array): { r: bigint; s: bigint } {
  const b = Buffer.from(der);
  expect(b[0]).toBe(0x30);
  expect(b[1]).toBe(b.length - 2);
  const rLen = b[3]!;
  const r = BigInt(`0x${b.subarray(4, 4 + rLen).toString('hex')}`);
  const sLen = b[5 + rLen]!;
  const s = BigInt(`0x${b.subarray(6 + rLen, 6 + rLen + sLen).toString('hex')}`);
  return { r, s };
}

describe('native P-256 signer', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const signer = newNativeP256Signer(privateKey);

  it('signs whole messages with signatures that verify and always have a low S', async () => {
    for (let i = 0; i < 64; i++) {
      const message = createHash('sha256').update(String(i)).digest();
      const signature = await signer(message);
      expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
      expect(parseDer(signature).s <= ORDER >> 1n).toBe(true);
    }
  });

  it('replaces a high S by its complement and keeps r', () => {
    const r = Buffer.alloc(32, 0x81);
    const highS = (ORDER - 5n).toString(16).padStart(64, '0');
    const der = lowSDerSignature(Buffer.concat([r, Buffer.from(highS, 'hex')]));
    expect(parseDer(der)).toEqual({ r: BigInt(`0x${r.toString('hex')}`), s: 5n });
  });

  it('refuses a key that is not an EC P-256 private key', () => {
    const { privateKey: rsa } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => newNativeP256Signer(rsa)).toThrow('the native signer needs an EC P-256 private key');
    expect(() => newNativeP256Signer(publicKey)).toThrow('the native signer needs an EC P-256 private key');
  });
});
