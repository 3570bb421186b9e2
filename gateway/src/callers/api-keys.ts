/**
 * API keys: `idk_<keyId>_<secret>` with 256 random bits of secret. Only the
 * SHA-256 of a key is stored; the key itself is shown to its owner once.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new key and what the registry stores of it. */
export interface NewApiKey {
  /** The key to hand over once; never stored or logged. */
  readonly apiKey: string;
  readonly keyId: string;
  readonly sha256: string;
}

const KEY_PATTERN = /^idk_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

/** SHA-256 (hex) of an API key. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/** Generates a fresh key. */
export function createApiKey(): NewApiKey {
  const keyId = randomBytes(8).toString('hex');
  const apiKey = `idk_${keyId}_${randomBytes(32).toString('base64url')}`;
  return { apiKey, keyId, sha256: hashApiKey(apiKey) };
}

/** The key id of a well-formed key, else undefined. */
export function apiKeyId(apiKey: string): string | undefined {
  return KEY_PATTERN.exec(apiKey)?.[1];
}

/** Constant-time comparison of two hex digests of equal length. */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
