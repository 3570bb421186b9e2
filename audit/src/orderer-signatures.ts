/**
 * Orderer block signatures, checked as Fabric's block signature verifier
 * does: each signature in metadata[SIGNATURES] covers
 * metadata.value || signature_header (or identifier_header, BFT) || header DER,
 * by an identity of an orderer organisation of the configuration in force.
 * Enough valid signers must remain: one under Raft (the default
 * BlockValidation policy is ANY Writers), a BFT quorum under BFT.
 *
 * Simplifications (see the report of the library): the signer certificate
 * must chain to the org's root or intermediate certificates; NodeOU roles,
 * CRLs and certificate expiry are not checked.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import { common, msp } from '@hyperledger/fabric-protos';
import { chainsToRoots } from './certificate-chain';
import type { OrdererTrust } from './channel-config';
import { checkFabricSignature } from './ecdsa-signature';

/** The outcome of checking one block's orderer signatures. */
export interface SignatureVerdict {
  readonly ok: boolean;
  /** MSP ids of the signers whose signatures verified. */
  readonly validSigners: readonly string[];
  /** Why each refused signature was refused (and why the block fails, if it does). */
  readonly problems: readonly string[];
}

/** Signatures needed under a configuration (BFT quorum, else one). */
export function requiredSignatures(trust: OrdererTrust): number {
  if (trust.consensusType !== 'BFT') return 1;
  const n = trust.consenters.length;
  const f = Math.floor((n - 1) / 3);
  return Math.ceil((n + f + 1) / 2);
}

/** Caches parsed and chain-checked signer certificates per configuration. */
export class SignerCache {
  readonly #keys = new Map<string, KeyObject | string>();
  readonly #trust: OrdererTrust;

  constructor(trust: OrdererTrust) {
    this.#trust = trust;
  }

  /** The public key of a trusted orderer signer, or why it is not trusted. */
  signerKey(mspId: string, certificate: string): KeyObject | string {
    const cacheKey = `${mspId}\n${certificate}`;
    let found = this.#keys.get(cacheKey);
    if (found === undefined) {
      found = this.#check(mspId, certificate);
      this.#keys.set(cacheKey, found);
    }
    return found;
  }

  #check(mspId: string, certificate: string): KeyObject | string {
    const org = this.#trust.orgs.find((o) => o.mspId === mspId);
    if (org === undefined) return `signer MSP ${mspId} is not an orderer organisation`;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(certificate);
    } catch {
      return `signer certificate of ${mspId} does not parse`;
    }
    if (!chainsToRoots(cert, org.rootCerts, org.intermediateCerts))
      return `signer certificate is not issued by a CA of ${mspId}`;
    const pinned = this.#trust.consenters.flatMap((c) => (c.identity === null ? [] : [c.identity]));
    if (
      pinned.length > 0 &&
      !pinned.some((p) => new X509Certificate(p).fingerprint256 === cert.fingerprint256)
    )
      return `signer of ${mspId} is not a consenter`;
    return cert.publicKey;
  }
}

interface Signer {
  readonly mspId: string;
  readonly certificate: string;
  readonly headerBytes: Uint8Array;
}

function signerOf(signature: common.MetadataSignature, trust: OrdererTrust): Signer | string {
  const signatureHeader = signature.getSignatureHeader_asU8();
  if (signatureHeader.length > 0) {
    const creator = msp.SerializedIdentity.deserializeBinary(
      common.SignatureHeader.deserializeBinary(signatureHeader).getCreator_asU8(),
    );
    return {
      mspId: creator.getMspid(),
      certificate: Buffer.from(creator.getIdBytes_asU8()).toString('utf8'),
      headerBytes: signatureHeader,
    };
  }
  const identifierHeader = signature.getIdentifierHeader_asU8();
  const id = common.IdentifierHeader.deserializeBinary(identifierHeader).getIdentifier();
  const consenter = trust.consenters.find((c) => c.id === id);
  if (consenter?.identity == null || consenter.mspId === null) return `no consenter with id ${id}`;
  return { mspId: consenter.mspId, certificate: consenter.identity, headerBytes: identifierHeader };
}

/** Checks the orderer signatures of a block against the configuration in force. */
export function verifyOrdererSignatures(
  metadata: common.Metadata,
  headerDer: Uint8Array,
  trust: OrdererTrust,
  cache: SignerCache,
): SignatureVerdict {
  const value = metadata.getValue_asU8();
  const validSigners: string[] = [];
  const problems: string[] = [];
  metadata.getSignaturesList().forEach((signature, i) => {
    let signer: Signer | string;
    try {
      signer = signerOf(signature, trust);
    } catch {
      signer = 'signature header does not decode';
    }
    if (typeof signer === 'string') return problems.push(`signature ${i}: ${signer}`);
    const key = cache.signerKey(signer.mspId, signer.certificate);
    if (typeof key === 'string') return problems.push(`signature ${i}: ${key}`);
    const signed = Buffer.concat([value, signer.headerBytes, headerDer]);
    const check = checkFabricSignature(key, signed, signature.getSignature_asU8());
    if (check !== 'ok') return problems.push(`signature ${i} by ${signer.mspId}: ${check}`);
    return validSigners.push(signer.mspId);
  });
  const required = requiredSignatures(trust);
  if (validSigners.length < required)
    problems.push(`${validSigners.length} valid orderer signature(s), ${required} required`);
  return { ok: validSigners.length >= required && problems.length === 0, validSigners, problems };
}

/**
 * The last config block index named by a block: OrdererBlockMetadata in the
 * SIGNATURES value (Fabric 2.x and 3.x), else the deprecated LAST_CONFIG entry.
 */
export function lastConfigIndex(blockMetadata: readonly Uint8Array[]): number | undefined {
  const signatures = blockMetadata[common.BlockMetadataIndex.SIGNATURES];
  if (signatures !== undefined && signatures.length > 0) {
    const value = common.Metadata.deserializeBinary(signatures).getValue_asU8();
    const ordererMetadata = common.OrdererBlockMetadata.deserializeBinary(value);
    if (ordererMetadata.hasLastConfig()) return ordererMetadata.getLastConfig()?.getIndex();
  }
  const legacy = blockMetadata[common.BlockMetadataIndex.LAST_CONFIG];
  if (legacy !== undefined && legacy.length > 0) {
    const value = common.Metadata.deserializeBinary(legacy).getValue_asU8();
    return common.LastConfig.deserializeBinary(value).getIndex();
  }
  return undefined;
}
