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
  /** A verification record whose unit is not the certified unit of the transaction's creator. */
  'record-unit-mismatch',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * Why a verification record is not provably its unit's work, most basic
 * first (a finding names the first that applies).
 */
export const ATTRIBUTION_PROBLEMS = [
  /** The creator's identity bytes are not a certificate with readable attributes. */
  'unreadable-certificate',
  /** The creator is not of RelyingPartyMSP. */
  'foreign-msp',
  /** The creator's certificate has no `role` attribute `verifier`. */
  'not-verifier',
  /** The creator's certificate has no `unit` attribute. */
  'no-unit-attribute',
  /** The record's unitId differs from the creator's `unit` attribute. */
  'unit-differs',
] as const;
export type AttributionProblem = (typeof ATTRIBUTION_PROBLEMS)[number];

/** The record a `record-unit-mismatch` finding is about (pseudonymous ids only). */
export interface RecordAttribution {
  readonly recordId: string;
  /** The record's `unitId`. */
  readonly claimedUnit: string;
  /** The creator certificate's `unit` attribute, null when it has none. */
  readonly certifiedUnit: string | null;
  readonly creatorMspId: string;
  /** The creator certificate's `role` attribute, null when it has none. */
  readonly creatorRole: string | null;
  readonly problem: AttributionProblem;
}

/** One integrity failure. */
export interface IntegrityFinding {
  readonly kind: FindingKind;
  readonly blockNumber: number;
  readonly txIndex?: number;
  readonly txId?: string;
  /** Where the block was read (file and offset, or `deliver`). */
  readonly location?: string;
  readonly message: string;
  /** Set on `record-unit-mismatch` findings. */
  readonly record?: RecordAttribution;
}
