/**
 * A store of one kind of record kept under one composite key per record
 * (`<type> [id]`): find, get, create (with the kind's key-level policy and
 * guard, when it has them), update and list in id order. Cards, units and
 * electronic-ID tokens are such stores.
 */
import type { GuardKey } from '@idcard/common';
import { NotFoundError } from '../errors';
import type { GuardStore } from './guard-store';
import type { StateStore, ValuePage } from './state-store';

/** What a keyed store keeps, and how a new record is protected. */
export interface KeyedStoreOptions<T> {
  /** The composite key object type, also the record kind error messages name ("no unit ..."). */
  readonly keyType: string;
  /** The field holding the record's id, the key's one attribute. */
  readonly idField: { [K in keyof T]: T[K] extends string ? K : never }[keyof T];
  /** Organisations whose endorsement a change of a new record's key needs (none: the chaincode policy). */
  readonly policy?: readonly string[];
  /** The guard key a creation blind-writes. */
  readonly guard: GuardKey;
}

/** Reads and writes records of one kind, each under its own key. */
export class KeyedStore<T> {
  protected readonly state: StateStore;
  readonly #guards: GuardStore;
  readonly #options: KeyedStoreOptions<T>;

  constructor(state: StateStore, guards: GuardStore, options: KeyedStoreOptions<T>) {
    this.state = state;
    this.#guards = guards;
    this.#options = options;
  }

  /** The key of the record with this id. */
  protected keyOf(id: string): string {
    return this.state.key(this.#options.keyType, [id]);
  }

  #idOf(record: T): string {
    return record[this.#options.idField] as string;
  }

  /** The record, or undefined. */
  async find(id: string): Promise<T | undefined> {
    return this.state.read<T>(this.keyOf(id));
  }

  /**
   * The record.
   * @throws NotFoundError when there is none.
   */
  async get(id: string): Promise<T> {
    const found = await this.find(id);
    if (found === undefined) throw new NotFoundError(`no ${this.#options.keyType} ${id}`);
    return found;
  }

  /** Writes a new record (with the kind's key-level policy, if any) and its guard. */
  async create(record: T): Promise<void> {
    const { policy } = this.#options;
    const key = this.keyOf(this.#idOf(record));
    if (policy === undefined) await this.state.write(key, record);
    else await this.state.writeWithPolicy(key, record, policy);
    await this.touchGuard();
  }

  /** Writes a changed record (its key-level policy stays). */
  async update(record: T): Promise<void> {
    await this.state.write(this.keyOf(this.#idOf(record)), record);
  }

  /** A page of the records in id order. */
  async page(pageSize: number, bookmark: string): Promise<ValuePage<T>> {
    return this.state.pageByPartialKey<T>({
      objectType: this.#options.keyType,
      attributes: [],
      pageSize,
      bookmark,
    });
  }

  /** Blind-writes the kind's guard key, so creating needs the guard's endorsement. */
  protected async touchGuard(): Promise<void> {
    await this.#guards.touch(this.#options.guard);
  }
}
