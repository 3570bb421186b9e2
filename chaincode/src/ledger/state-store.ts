/**
 * World-state access for one transaction: deterministic values, key-level
 * policies, the transaction's id and time, paginated reads, history and the
 * transaction's single event. Built per transaction from the stub.
 */
import type { EventName } from '@idcard/common';
import { decodePolicy, encodePolicy } from './endorsement-policies';
import { readHistory, type HistoryEntry } from './history';
import { marshal, unmarshal } from './json-marshal';
import type { LedgerStub, StateEntry } from './ledger-stub';
import {
  pageByPartialKey,
  pageByRange,
  readAllByPartialKey,
  scanPageByPartialKey,
  type EntryPage,
  type PartialKeyRequest,
  type RangeRequest,
} from './pagination';
import { txInstant } from './tx-time';

/** A page of unmarshalled values. */
export interface ValuePage<T> {
  readonly values: T[];
  readonly keys: string[];
  readonly bookmark: string;
}

function values<T>(page: EntryPage): ValuePage<T> {
  return {
    values: page.entries.map((entry) => unmarshal(entry.value) as T),
    keys: page.entries.map((entry) => entry.key),
    bookmark: page.bookmark,
  };
}

/** The state of one transaction. */
export class StateStore {
  readonly #stub: LedgerStub;
  readonly #txTime: string;
  #eventName: EventName | undefined;

  constructor(stub: LedgerStub) {
    this.#stub = stub;
    this.#txTime = txInstant(stub.getTxTimestamp());
  }

  /** The transaction id. */
  get txId(): string {
    return this.#stub.getTxID();
  }

  /** The transaction time, a fixed-width ISO instant. */
  get txTime(): string {
    return this.#txTime;
  }

  /** A composite key. */
  key(objectType: string, attributes: string[]): string {
    return this.#stub.createCompositeKey(objectType, attributes);
  }

  /** The attributes of a composite key. */
  attributesOf(key: string): string[] {
    return this.#stub.splitCompositeKey(key).attributes;
  }

  /** The committed value of a key, or undefined. */
  async read<T>(key: string): Promise<T | undefined> {
    const bytes = await this.#stub.getState(key);
    return bytes.length === 0 ? undefined : (unmarshal(bytes) as T);
  }

  /** Writes a value (sorted-key JSON). */
  async write(key: string, value: unknown): Promise<void> {
    await this.#stub.putState(key, marshal(value));
  }

  /** Writes a value and sets the key's endorsement policy to a peer of each org. */
  async writeWithPolicy(key: string, value: unknown, orgs: readonly string[]): Promise<void> {
    await this.write(key, value);
    await this.#stub.setStateValidationParameter(key, encodePolicy(orgs));
  }

  /** The organisations of a key's key-level policy (empty when none). */
  async policyOrgs(key: string): Promise<string[]> {
    return decodePolicy(await this.#stub.getStateValidationParameter(key));
  }

  /** Sets the transaction's event. A transaction emits at most one (Fabric keeps only the last). */
  emit(name: EventName, payload: unknown): void {
    if (this.#eventName !== undefined) {
      throw new Error(`a transaction emits one event; ${this.#eventName} was already set`);
    }
    this.#eventName = name;
    this.#stub.setEvent(name, marshal(payload));
  }

  /** Every value under a partial composite key. */
  async readAll<T>(objectType: string, attributes: string[]): Promise<ValuePage<T>> {
    const entries: StateEntry[] = await readAllByPartialKey(this.#stub, objectType, attributes);
    return values<T>({ entries, bookmark: '' });
  }

  /** A page of values under a partial composite key. */
  async pageByPartialKey<T>(request: PartialKeyRequest): Promise<ValuePage<T>> {
    return values<T>(await pageByPartialKey(this.#stub, request));
  }

  /** A page of values under a partial composite key, in a transaction that writes (no paginated query). */
  async scanPageByPartialKey<T>(request: PartialKeyRequest): Promise<ValuePage<T>> {
    return values<T>(await scanPageByPartialKey(this.#stub, request));
  }

  /** A page of values of simple keys in [start, end). */
  async pageByRange<T>(request: RangeRequest): Promise<ValuePage<T>> {
    return values<T>(await pageByRange(this.#stub, request));
  }

  /** The committed history of a key. */
  async history<T>(key: string): Promise<HistoryEntry<T>[]> {
    return readHistory<T>(this.#stub, key);
  }
}
