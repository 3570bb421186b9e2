/**
 * Keyed pseudonyms (DESIGN §3): HMAC-SHA256 under a secret key held only by
 * this service, written `<keyId>.<hex>` so the key can be rotated. The key
 * stays inside the closure: it is never returned, logged or serialised.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { normaliseName } from './person-name';

/** Key ids are what REFERENCE_PATTERN allows before the dot. */
const KEY_ID_PATTERN = /^[a-z0-9]{1,16}$/;
const MIN_KEY_BYTES = 32;

/** Derives the pseudonymous references of a person and card. */
export interface Pseudonymizer {
  readonly keyId: string;
  /** HMAC(k, idNumber). */
  personRef(idNumber: string): string;
  /** HMAC(k, idNumber | validFrom): one physical card. */
  cardRef(idNumber: string, validFrom: string): string;
  /** HMAC(k, idNumber | NFC(name)): lets the chaincode answer NAME_MISMATCH without the name. */
  nameCheck(idNumber: string, name: string): string;
}

/**
 * A pseudonymizer over a key of at least 32 bytes.
 * @throws Error when the key id or the key is unusable
 */
export function createPseudonymizer(keyId: string, key: Uint8Array): Pseudonymizer {
  if (!KEY_ID_PATTERN.test(keyId)) throw new Error('pseudonym key id must be 1-16 of [a-z0-9]');
  if (key.length < MIN_KEY_BYTES) throw new Error(`pseudonym key must be at least ${MIN_KEY_BYTES} bytes`);
  const secret = Buffer.from(key);
  const reference = (text: string): string =>
    `${keyId}.${createHmac('sha256', secret).update(text, 'utf8').digest('hex')}`;
  return Object.freeze({
    keyId,
    personRef: (idNumber: string) => reference(idNumber),
    cardRef: (idNumber: string, validFrom: string) => reference(`${idNumber}|${validFrom}`),
    nameCheck: (idNumber: string, name: string) => reference(`${idNumber}|${normaliseName(name)}`),
  });
}

/**
 * Reads a pseudonym key file: hex text (64+ hex digits) or raw bytes.
 * @throws Error when the file is missing or the key too short
 */
export function loadPseudonymizer(keyFile: string, keyId: string): Pseudonymizer {
  const raw = readFileSync(keyFile);
  const text = raw.toString('utf8').trim();
  const key = /^([0-9a-fA-F]{2}){32,}$/.test(text) ? Buffer.from(text, 'hex') : raw;
  return createPseudonymizer(keyId, key);
}
