/**
 * ECDSA P-256 signature checks as Fabric's BCCSP does them: DER signature,
 * SHA-256 digest, and S in the lower half of the curve order (Fabric rejects
 * high-S signatures to make them non-malleable).
 */
import { verify, type KeyObject } from 'node:crypto';
import { decodeIntegerPair } from './der';

/** Order of the P-256 group. */
export const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HALF_ORDER = P256_ORDER >> 1n;

/** Why a signature was refused, or 'ok'. */
export type SignatureCheck = 'ok' | 'malformed' | 'high-s' | 'mismatch';

/** Checks a DER ECDSA signature over `data` (hashed with SHA-256) with `publicKey`. */
export function checkEcdsaSignature(
  publicKey: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): SignatureCheck {
  let s: bigint;
  try {
    s = decodeIntegerPair(signature).s;
  } catch {
    return 'malformed';
  }
  if (s > HALF_ORDER) return 'high-s';
  try {
    return verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, signature) ? 'ok' : 'mismatch';
  } catch {
    return 'malformed';
  }
}

/**
 * Checks a Fabric identity's signature: ECDSA (as above) or, since Fabric v3,
 * Ed25519 (signature over the message itself, no pre-hash).
 */
export function checkFabricSignature(
  publicKey: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): SignatureCheck {
  if (publicKey.asymmetricKeyType !== 'ed25519') return checkEcdsaSignature(publicKey, data, signature);
  try {
    return verify(null, data, publicKey, signature) ? 'ok' : 'mismatch';
  } catch {
    return 'malformed';
  }
}
