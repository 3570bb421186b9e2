/**
 * An ECDSA P-256 signer on Node's native crypto (OpenSSL) for
 * fabric-gateway: it hashes (SHA-256) and signs the whole message, so it is
 * used with `hash.none`. fabric-gateway's own private-key signer signs a
 * digest in pure JavaScript (@noble/curves), which the gateway's CPU profile
 * showed as its largest cost (docs/performance.md). Fabric accepts only
 * low-S signatures, so S is normalised to the lower half of the curve order,
 * as fabric-gateway's signer does.
 */
import { sign, type KeyObject } from 'node:crypto';
import type { Signer } from '@hyperledger/fabric-gateway';

/** The order of the P-256 group. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HALF_ORDER = P256_ORDER >> 1n;

const toBigInt = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);

/** The DER INTEGER of a non-negative value (minimal, with a 0x00 byte when the top bit is set). */
function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  let body = Buffer.from(hex, 'hex');
  if ((body[0] ?? 0) & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
}

/** DER `SEQUENCE { r INTEGER, s INTEGER }` with S in the lower half of the order. */
export function lowSDerSignature(rawSignature: Uint8Array): Uint8Array {
  if (rawSignature.length !== 64) throw new Error('a P-256 signature is 64 bytes (r || s)');
  const r = toBigInt(rawSignature.subarray(0, 32));
  let s = toBigInt(rawSignature.subarray(32));
  if (s > HALF_ORDER) s = P256_ORDER - s;
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/**
 * A signer of whole messages (use with fabric-gateway's `hash.none`).
 * @throws Error at creation when the key is not an EC P-256 private key
 */
export function newNativeP256Signer(key: KeyObject): Signer {
  if (
    key.type !== 'private' ||
    key.asymmetricKeyType !== 'ec' ||
    key.asymmetricKeyDetails?.namedCurve !== 'prime256v1'
  )
    throw new Error('the native signer needs an EC P-256 private key');
  return (message) =>
    Promise.resolve(lowSDerSignature(sign('sha256', message, { key, dsaEncoding: 'ieee-p1363' })));
}
