/**
 * The LedgerClient port: everything the routes need from the ledger. Routes
 * depend only on this interface; the Fabric adapter implements it and unit
 * tests fake it.
 */
import type { QueryName, SubmitName, TxArgs, TxResult } from './transactions';

/** The Fabric identity a call is signed with (the caller's own). */
export interface LedgerIdentity {
  /** Stable id of the identity (the caller id); connections are cached by it. */
  readonly id: string;
  readonly mspId: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** A committed write: the chaincode's result plus where it landed. */
export interface Committed<T> {
  readonly result: T;
  readonly txId: string;
  readonly blockNumber: number;
  /**
   * The committed transaction envelope (common.Envelope): signed by the
   * caller's identity, carrying the endorsing peers' signatures. Absent
   * where no Fabric transaction exists (test fakes).
   */
  readonly envelope?: Uint8Array;
}

/**
 * Where an event sits on the ledger: block number and the event's index
 * among the chaincode events of that block. Totally ordered and stable.
 */
export interface EventPosition {
  readonly blockNumber: number;
  readonly txIndex: number;
}

/** One chaincode event, parsed (payloads carry pseudonymous references only). */
export interface LedgerEvent {
  /** `<blockNumber>:<txIndex>`, the SSE event id. */
  readonly id: string;
  readonly position: EventPosition;
  readonly txId: string;
  readonly name: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Where an event subscription starts. */
export interface EventsOptions {
  /** Deliver only events strictly after this position; absent: only new events. */
  readonly after?: EventPosition;
  /** Ends the subscription. */
  readonly signal: AbortSignal;
}

/** What the readiness probe found. */
export interface Readiness {
  readonly ready: boolean;
  readonly peers: readonly { readonly name: string; readonly reachable: boolean }[];
  readonly chaincode: boolean;
}

/** The port. Every method may throw a LedgerError (ledger-errors.ts). */
export interface LedgerClient {
  /**
   * Evaluates a query on one peer as `identity`.
   * @throws ChaincodeError when the chaincode refuses; LedgerUnavailableError when no peer answers.
   */
  evaluate<N extends QueryName>(identity: LedgerIdentity, name: N, args: TxArgs<N>): Promise<TxResult<N>>;
  /**
   * Endorses, orders and waits for the commit of a transaction signed as `identity`.
   * @throws ChaincodeError, LedgerConflictError, LedgerCommitError, LedgerUnavailableError
   */
  submit<N extends SubmitName>(
    identity: LedgerIdentity,
    name: N,
    args: TxArgs<N>,
  ): Promise<Committed<TxResult<N>>>;
  /** Chaincode events strictly after `options.after`, in ledger order, until the signal aborts. */
  events(identity: LedgerIdentity, options: EventsOptions): AsyncIterable<LedgerEvent>;
  /** Peer reachable and chaincode answering. Never throws. */
  readiness(): Promise<Readiness>;
  /** Waits for in-flight transactions, then closes every connection. */
  close(): Promise<void>;
}

/** Formats a position as an SSE event id. */
export function formatEventId(position: EventPosition): string {
  return `${position.blockNumber}:${position.txIndex}`;
}

/** Parses `<blockNumber>:<txIndex>`; undefined when malformed. */
export function parseEventId(text: string): EventPosition | undefined {
  const match = /^(\d{1,15}):(\d{1,9})$/.exec(text);
  if (!match) return undefined;
  return { blockNumber: Number(match[1]), txIndex: Number(match[2]) };
}

/** True when position a comes strictly after b. */
export function isAfter(a: EventPosition, b: EventPosition): boolean {
  return a.blockNumber > b.blockNumber || (a.blockNumber === b.blockNumber && a.txIndex > b.txIndex);
}
