/**
 * The narrow part of fabric-shim's ChaincodeStub the chaincode uses. The
 * real stub satisfies it structurally; tests fake exactly this and no more.
 */

/** One key and value of a range or partial-composite-key query. */
export interface StateEntry {
  readonly key: string;
  readonly value: Uint8Array;
}

/** One committed modification of a key, from getHistoryForKey. */
export interface KeyModificationEntry {
  readonly txId: string;
  readonly isDelete: boolean;
  readonly value: Uint8Array;
}

/** A ledger iterator that must always be closed. */
export interface LedgerIterator<T> {
  next(): Promise<{ value: T; done: boolean }>;
  close(): Promise<void>;
}

/** A paginated query's iterator and the peer's bookmark. */
export interface PagedQuery {
  readonly iterator: LedgerIterator<StateEntry>;
  readonly metadata: { readonly bookmark: string; readonly fetchedRecordsCount: number };
}

/** Transaction timestamp (seconds are a Long in fabric-shim; a number also works). */
export interface TxTimestamp {
  readonly seconds: { toString(): string } | number;
  readonly nanos: number;
}

/** The stub methods the ledger layer calls. */
export interface LedgerStub {
  getTxID(): string;
  getTxTimestamp(): TxTimestamp;
  getState(key: string): Promise<Uint8Array>;
  putState(key: string, value: Uint8Array): Promise<void>;
  deleteState(key: string): Promise<void>;
  setStateValidationParameter(key: string, ep: Uint8Array): Promise<void>;
  getStateValidationParameter(key: string): Promise<Uint8Array>;
  createCompositeKey(objectType: string, attributes: string[]): string;
  splitCompositeKey(compositeKey: string): { objectType: string; attributes: string[] };
  getStateByPartialCompositeKey(
    objectType: string,
    attributes: string[],
  ): Promise<LedgerIterator<StateEntry>>;
  getStateByPartialCompositeKeyWithPagination(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark?: string,
  ): Promise<PagedQuery>;
  getStateByRangeWithPagination(
    startKey: string,
    endKey: string,
    pageSize: number,
    bookmark?: string,
  ): Promise<PagedQuery>;
  getHistoryForKey(key: string): Promise<LedgerIterator<KeyModificationEntry>>;
  setEvent(name: string, payload: Uint8Array): void;
}
