/**
 * The integrity checks of one block against the chain so far: number
 * continuity, previous hash, data hash (localised to the transaction when it
 * fails), orderer signatures under the configuration in force, and the
 * transaction validation flags. Its position (last block, last header hash,
 * configurations seen) is plain data, saved in checkpoints.
 */
import { common } from '@hyperledger/fabric-protos';
import { blockDataHash, blockHeaderBytes } from './block-hash';
import type { OrdererTrust } from './channel-config';
import { locateTamperedTransactions } from './tamper-locator';
import type { IntegrityFinding } from './integrity-finding';
import { lastConfigIndex, SignerCache, verifyOrdererSignatures } from './orderer-signatures';
import { createHash } from 'node:crypto';

/** Where the chain stands after a block (saved in checkpoints). */
export interface ChainPosition {
  readonly lastBlock: number | null;
  /** Hex SHA-256 of the last block's header DER. */
  readonly lastHeaderHash: string | null;
  /** Orderer trust of every config block seen, in block order. */
  readonly configs: readonly OrdererTrust[];
}

/** Result of checking one block. */
export interface BlockCheck {
  /** False when the block repeats or goes back and must not be replayed. */
  readonly replay: boolean;
  readonly findings: readonly IntegrityFinding[];
  /** Validation code of each data entry (VALID when no flags are present). */
  readonly validationCodes: readonly number[];
}

const VALID = 0;

/** Checks blocks in order; feed it every block the replay sees. */
export class ChainVerifier {
  #lastBlock: number | null;
  #lastHeaderHash: string | null;
  readonly #configs: OrdererTrust[];
  readonly #caches = new Map<number, SignerCache>();
  readonly #expectFirst: number;

  constructor(position: ChainPosition, expectFirst: number) {
    this.#lastBlock = position.lastBlock;
    this.#lastHeaderHash = position.lastHeaderHash;
    this.#configs = [...position.configs];
    this.#expectFirst = expectFirst;
  }

  /** The position after the last block checked. */
  position(): ChainPosition {
    return { lastBlock: this.#lastBlock, lastHeaderHash: this.#lastHeaderHash, configs: [...this.#configs] };
  }

  /** Records the orderer trust of a config block (once its data is known good enough to read). */
  addConfig(trust: OrdererTrust): void {
    if (!this.#configs.some((c) => c.configBlock === trust.configBlock)) this.#configs.push(trust);
    this.#configs.sort((a, b) => a.configBlock - b.configBlock);
  }

  /** Checks one block; call addConfig for its config entry, if any, afterwards. */
  check(block: common.Block, location: string): BlockCheck {
    const header = block.getHeader() ?? new common.BlockHeader();
    const number = header.getNumber();
    const entries = block.getData()?.getDataList_asU8() ?? [];
    const metadata = block.getMetadata()?.getMetadataList_asU8() ?? [];
    const findings: IntegrityFinding[] = [];
    const at = { blockNumber: number, location };
    const expected = this.#lastBlock === null ? this.#expectFirst : this.#lastBlock + 1;
    if (number < expected) {
      findings.push({
        ...at,
        kind: 'block-out-of-order',
        message: `block ${number} after block ${expected - 1}`,
      });
      return { replay: false, findings, validationCodes: [] };
    }
    const headerDer = blockHeaderBytes(header);
    if (number > expected) {
      const missing = number - 1 === expected ? `${expected}` : `${expected}..${number - 1}`;
      findings.push({
        ...at,
        kind: 'missing-blocks',
        message: `block(s) ${missing} missing before block ${number}`,
      });
    } else if (this.#lastHeaderHash !== null) {
      const previous = Buffer.from(header.getPreviousHash_asU8()).toString('hex');
      if (previous !== this.#lastHeaderHash)
        findings.push({
          ...at,
          kind: 'previous-hash',
          message: `previous_hash of block ${number} does not match the header of block ${number - 1}`,
        });
    }
    const dataHashFails = !blockDataHash(entries).equals(header.getDataHash_asU8());
    if (dataHashFails)
      findings.push({
        ...at,
        kind: 'data-hash',
        message: `data_hash of block ${number} does not match its data`,
      });
    const signatureFindings = this.#checkSignatures(number, metadata, headerDer, location);
    findings.push(...signatureFindings);
    if (dataHashFails || signatureFindings.length > 0)
      findings.push(...this.#locate(entries, at, dataHashFails));
    const validationCodes = this.#validationCodes(metadata, entries.length, at, findings);
    this.#lastBlock = number;
    this.#lastHeaderHash = createHash('sha256').update(headerDer).digest('hex');
    return { replay: true, findings, validationCodes };
  }

  /** The tampered transactions of a failing block, or a finding saying none is (the header changed). */
  #locate(
    entries: readonly Uint8Array[],
    at: { blockNumber: number; location: string },
    dataHashFails: boolean,
  ): IntegrityFinding[] {
    const located = locateTamperedTransactions(entries, at);
    if (located.length > 0 || !dataHashFails) return located;
    return [
      {
        ...at,
        kind: 'transaction-tampered',
        message: `block ${at.blockNumber}: every transaction verifies; the change is in the header's data_hash or the entry order`,
      },
    ];
  }

  #validationCodes(
    metadata: readonly Uint8Array[],
    count: number,
    at: { blockNumber: number; location: string },
    findings: IntegrityFinding[],
  ): number[] {
    const flags = metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
    if (flags.length === count) return [...flags];
    findings.push({
      ...at,
      kind: 'block-metadata',
      message: `${flags.length} validation flag(s) for ${count} transaction(s)`,
    });
    return Array.from({ length: count }, (_, i) => flags[i] ?? VALID);
  }

  #trustFor(number: number, lastConfig: number | undefined): OrdererTrust | undefined {
    // A config block names itself as last config but is signed under the configuration before it.
    const bound = lastConfig === undefined || lastConfig >= number ? number - 1 : lastConfig;
    let found: OrdererTrust | undefined;
    for (const trust of this.#configs) if (trust.configBlock <= bound) found = trust;
    return found;
  }

  #checkSignatures(
    number: number,
    metadata: readonly Uint8Array[],
    headerDer: Uint8Array,
    location: string,
  ): IntegrityFinding[] {
    if (number === 0) return []; // the genesis block is not signed by the ordering service
    const at = { blockNumber: number, location, kind: 'orderer-signature' as const };
    let lastConfig: number | undefined;
    let signatures: common.Metadata;
    try {
      lastConfig = lastConfigIndex(metadata);
      signatures = common.Metadata.deserializeBinary(
        metadata[common.BlockMetadataIndex.SIGNATURES] ?? new Uint8Array(),
      );
    } catch {
      return [{ ...at, message: `signature metadata of block ${number} does not decode` }];
    }
    const trust = this.#trustFor(number, lastConfig);
    if (trust === undefined)
      return [{ ...at, message: `no channel configuration in force at block ${number}` }];
    let cache = this.#caches.get(trust.configBlock);
    if (cache === undefined) {
      cache = new SignerCache(trust);
      this.#caches.set(trust.configBlock, cache);
    }
    const verdict = verifyOrdererSignatures(signatures, headerDer, trust, cache);
    if (verdict.ok) return [];
    return [{ ...at, message: `block ${number}: ${verdict.problems.join('; ')}` }];
  }
}
