/**
 * An in-memory fake of the narrow stub subset (ledger/ledger-stub.ts), with
 * Fabric's semantics where they matter to the chaincode: reads see committed
 * state only (never the transaction's own writes), writes and policies are
 * buffered until commit, an empty value is refused, history is newest first,
 * composite keys cannot be range-queried, a bookmark is the next start key,
 * and paginated queries are refused in a transaction that writes. It counts
 * open iterators so tests can prove every iterator is closed.
 */
import type {
  KeyModificationEntry,
  LedgerIterator,
  LedgerStub,
  PagedQuery,
  StateEntry,
  TxTimestamp,
} from '../ledger/ledger-stub';

const NS = '\u0000';
const MAX = '\u{10ffff}';

/** One committed modification of a key. */
interface Modification extends KeyModificationEntry {
  readonly txTime: string;
}

/** The committed world state shared by successive fake transactions. */
export class FakeWorld {
  readonly state = new Map<string, Uint8Array>();
  readonly policies = new Map<string, Uint8Array>();
  readonly history = new Map<string, Modification[]>();
  /** Events of committed transactions, in order. */
  readonly events: { txId: string; name: string; payload: unknown }[] = [];

  /** Committed keys in ledger order. */
  sortedKeys(): string[] {
    return [...this.state.keys()].sort();
  }

  /** The committed value of a key parsed as JSON, or undefined. */
  json(key: string): unknown {
    const value = this.state.get(key);
    return value === undefined ? undefined : JSON.parse(Buffer.from(value).toString('utf8'));
  }
}

class FakeIterator<T> implements LedgerIterator<T> {
  readonly #items: T[];
  readonly #onClose: () => void;
  #closed = false;

  constructor(items: T[], onClose: () => void) {
    this.#items = items;
    this.#onClose = onClose;
  }

  next(): Promise<{ value: T; done: boolean }> {
    const value = this.#items.shift();
    return Promise.resolve(
      value === undefined ? { value: undefined as unknown as T, done: true } : { value, done: false },
    );
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#onClose();
    }
    return Promise.resolve();
  }
}

/** One transaction against a FakeWorld. */
export class FakeStub implements LedgerStub {
  readonly writes = new Map<string, Uint8Array | null>();
  readonly policyWrites = new Map<string, Uint8Array>();
  readonly events: { name: string; payload: unknown }[] = [];
  readonly reads: string[] = [];
  openIterators = 0;
  pagedQueries = 0;
  readonly #world: FakeWorld;
  readonly #txId: string;
  readonly #txTime: string;

  constructor(world: FakeWorld, txId: string, txTime: string) {
    this.#world = world;
    this.#txId = txId;
    this.#txTime = txTime;
  }

  getTxID(): string {
    return this.#txId;
  }

  getTxTimestamp(): TxTimestamp {
    const millis = Date.parse(this.#txTime);
    const seconds = Math.floor(millis / 1000);
    // fabric-shim gives a Long here; only toString() is relied upon.
    return { seconds: { toString: () => String(seconds) }, nanos: (millis % 1000) * 1_000_000 + 123 };
  }

  getState(key: string): Promise<Uint8Array> {
    this.reads.push(key);
    return Promise.resolve(this.#world.state.get(key) ?? new Uint8Array(0));
  }

  putState(key: string, value: Uint8Array): Promise<void> {
    if (key === '' || value.length === 0) return Promise.reject(new Error('empty key or value'));
    this.writes.set(key, value);
    return Promise.resolve();
  }

  deleteState(key: string): Promise<void> {
    this.writes.set(key, null);
    return Promise.resolve();
  }

  setStateValidationParameter(key: string, ep: Uint8Array): Promise<void> {
    this.policyWrites.set(key, ep);
    return Promise.resolve();
  }

  getStateValidationParameter(key: string): Promise<Uint8Array> {
    return Promise.resolve(this.#world.policies.get(key) ?? new Uint8Array(0));
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    for (const part of [objectType, ...attributes]) {
      if (part === '' || part.includes(NS))
        throw new Error('object type or attribute not a non-zero length string');
    }
    return `${NS}${objectType}${NS}${attributes.map((a) => `${a}${NS}`).join('')}`;
  }

  splitCompositeKey(compositeKey: string): { objectType: string; attributes: string[] } {
    const [objectType = '', ...attributes] = compositeKey.slice(1, -1).split(NS);
    return { objectType, attributes };
  }

  #iterator<T>(items: T[]): LedgerIterator<T> {
    this.openIterators += 1;
    return new FakeIterator(items, () => {
      this.openIterators -= 1;
    });
  }

  #range(start: string, end: string): StateEntry[] {
    return this.#world
      .sortedKeys()
      .filter((key) => key >= start && key < end)
      .map((key) => ({ key, value: this.#world.state.get(key) ?? new Uint8Array(0) }));
  }

  #paged(start: string, end: string, pageSize: number, bookmark: string | undefined): PagedQuery {
    this.pagedQueries += 1;
    const all = this.#range(bookmark !== undefined && bookmark !== '' ? bookmark : start, end);
    const page = all.slice(0, pageSize);
    const next = all[pageSize];
    return {
      iterator: this.#iterator(page),
      metadata: { bookmark: next === undefined ? '' : next.key, fetchedRecordsCount: page.length },
    };
  }

  getStateByPartialCompositeKey(
    objectType: string,
    attributes: string[],
  ): Promise<LedgerIterator<StateEntry>> {
    const prefix = this.createCompositeKey(objectType, attributes);
    return Promise.resolve(this.#iterator(this.#range(prefix, `${prefix}${MAX}`)));
  }

  getStateByPartialCompositeKeyWithPagination(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark?: string,
  ): Promise<PagedQuery> {
    const prefix = this.createCompositeKey(objectType, attributes);
    return Promise.resolve(this.#paged(prefix, `${prefix}${MAX}`, pageSize, bookmark));
  }

  getStateByRangeWithPagination(
    startKey: string,
    endKey: string,
    pageSize: number,
    bookmark?: string,
  ): Promise<PagedQuery> {
    if (startKey.startsWith(NS) || endKey.startsWith(NS)) {
      return Promise.reject(new Error('first character of the key contains a null character'));
    }
    return Promise.resolve(this.#paged(startKey, endKey, pageSize, bookmark));
  }

  getHistoryForKey(key: string): Promise<LedgerIterator<KeyModificationEntry>> {
    const entries = [...(this.#world.history.get(key) ?? [])].reverse();
    return Promise.resolve(this.#iterator<KeyModificationEntry>(entries));
  }

  setEvent(name: string, payload: Uint8Array): void {
    this.events.push({ name, payload: JSON.parse(Buffer.from(payload).toString('utf8')) as unknown });
  }

  /** True when the transaction wrote nothing: no value, no policy, no event. */
  wroteNothing(): boolean {
    return this.writes.size === 0 && this.policyWrites.size === 0 && this.events.length === 0;
  }

  /** Applies the buffered writes to the world, as a valid commit would. */
  commit(): void {
    if (this.pagedQueries > 0 && (this.writes.size > 0 || this.policyWrites.size > 0)) {
      throw new Error('paginated queries are only valid in read-only transactions');
    }
    for (const [key, value] of this.writes) {
      const modifications = this.#world.history.get(key) ?? [];
      if (value === null) this.#world.state.delete(key);
      else this.#world.state.set(key, value);
      modifications.push({
        txId: this.#txId,
        isDelete: value === null,
        value: value ?? new Uint8Array(0),
        txTime: this.#txTime,
      });
      this.#world.history.set(key, modifications);
    }
    for (const [key, ep] of this.policyWrites) this.#world.policies.set(key, ep);
    const event = this.events.at(-1);
    if (event !== undefined) this.#world.events.push({ txId: this.#txId, ...event });
  }
}

/** A composite key in the shim's format (for assertions on the world state). */
export function compositeKey(objectType: string, attributes: string[]): string {
  return `${NS}${objectType}${NS}${attributes.map((a) => `${a}${NS}`).join('')}`;
}
