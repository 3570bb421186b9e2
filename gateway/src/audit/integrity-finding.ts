/**
 * What the integrity checks can find. Every finding names the block, and the
 * transaction (index and id) where that can be determined.
 */

/** Kinds of integrity failure. */
export const FINDING_KINDS = [
  /** Block numbers skipped: a block was removed (broken chain). */
  'missing-blocks',
  /** A block number repeated or going backwards. */
  'block-out-of-order',
  /** previous_hash does not match the previous header's hash. */
  'previous-hash',
  /** data_hash does not match the block's data. */
  'data-hash',
  /** A transaction that no longer decodes or whose creator signature fails (localises a data-hash failure). */
  'transaction-tampered',
  /** Orderer signatures missing or failing against the configuration in force. */
  'orderer-signature',
  /** Metadata unreadable or inconsistent (validation flags count, last config). */
  'block-metadata',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** One integrity failure. */
export interface IntegrityFinding {
  readonly kind: FindingKind;
  readonly blockNumber: number;
  readonly txIndex?: number;
  readonly txId?: string;
  /** Where the block was read (file and offset, or `deliver`). */
  readonly location?: string;
  readonly message: string;
}
