/**
 * Fabric identities and signers from PEM files, one per caller, read once
 * and cached by the caller's id.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hash, type Hash, type Identity, type Signer } from '@hyperledger/fabric-gateway';
import type { LedgerIdentity } from '../ledger/ledger-client';
import { newNativeP256Signer } from './native-signer';

/** An identity ready to sign with, and the hash fabric-gateway applies before its signer. */
export interface SigningMaterial {
  readonly identity: Identity;
  readonly signer: Signer;
  readonly hash: Hash;
}

/** A cache of signing material by identity id. */
export interface IdentityCache {
  /**
   * The material of an identity, reading its files on first use.
   * @throws Error when the certificate or key cannot be read
   */
  get(identity: LedgerIdentity): SigningMaterial;
}

/** Creates an empty cache. */
export function createIdentityCache(): IdentityCache {
  const cache = new Map<string, SigningMaterial>();
  return {
    get(identity) {
      let material = cache.get(identity.id);
      if (!material) {
        material = {
          identity: { mspId: identity.mspId, credentials: readFileSync(identity.certPath) },
          // Native signing hashes the message itself (see native-signer.ts).
          signer: newNativeP256Signer(createPrivateKey(readFileSync(identity.keyPath))),
          hash: hash.none,
        };
        cache.set(identity.id, material);
      }
      return material;
    },
  };
}
