/**
 * Where the replay gets its blocks: an async sequence of decoded blocks in
 * ledger order, with where each came from (for the report), and notices about
 * the source itself (a truncated block file tail).
 */
import type { common } from '@hyperledger/fabric-protos';

/** A block and where it was read. */
export interface SourcedBlock {
  readonly kind: 'block';
  readonly block: common.Block;
  /** Human location, e.g. `blockfile_000001@1048576` or `deliver`. */
  readonly location: string;
}

/** Something about the source the report should mention (not a block). */
export interface SourceNotice {
  readonly kind: 'notice';
  readonly message: string;
}

/** One item of a block source. */
export type SourceItem = SourcedBlock | SourceNotice;

/** A source of blocks, in order, from a block number (earlier blocks may be skipped by the source). */
export interface BlockSource {
  /** Blocks with number >= startBlock, in ledger order. @throws BlockSourceError when reading fails */
  blocks(startBlock: number): AsyncIterable<SourceItem>;
}
