/**
 * Verification records on the ledger: one key per transaction and item, an
 * index by card and time, an index by unit and time, and the
 * (unit, requestId) entry that makes retries return the first record.
 */
import type { StoredVerification } from '../domain/verification-record';
import { NotFoundError } from '../errors';
import { KEY_TYPES, unitIndexKey, unitIndexRange } from './keys';
import type { StateStore } from './state-store';

/** An index entry pointing at a record. */
interface RecordPointer {
  readonly recordId: string;
}

/** A page of records. */
export interface RecordPage {
  readonly records: StoredVerification[];
  readonly bookmark: string;
}

/** A unit's time window and page. */
export interface UnitWindow {
  readonly unitId: string;
  readonly from: string;
  readonly to: string;
  readonly pageSize: number;
  readonly bookmark: string;
}

/** Reads and writes verification records. */
export class VerificationStore {
  readonly #state: StateStore;

  constructor(state: StateStore) {
    this.#state = state;
  }

  #recordKey(recordId: string): string {
    return this.#state.key(KEY_TYPES.verification, [recordId]);
  }

  #requestKey(unitId: string, requestId: string): string {
    return this.#state.key(KEY_TYPES.verificationRequest, [unitId, requestId]);
  }

  /** The record, or undefined. */
  async find(recordId: string): Promise<StoredVerification | undefined> {
    return this.#state.read<StoredVerification>(this.#recordKey(recordId));
  }

  /**
   * The record.
   * @throws NotFoundError when there is none.
   */
  async get(recordId: string): Promise<StoredVerification> {
    const record = await this.find(recordId);
    if (record === undefined) throw new NotFoundError(`no verification record ${recordId}`);
    return record;
  }

  /** The first record of a unit's request id, or undefined when the request is new. */
  async findByRequest(unitId: string, requestId: string): Promise<StoredVerification | undefined> {
    const pointer = await this.#state.read<RecordPointer>(this.#requestKey(unitId, requestId));
    return pointer === undefined ? undefined : this.get(pointer.recordId);
  }

  /** Writes a new record, its request entry and both indexes. */
  async add(record: StoredVerification): Promise<void> {
    const pointer: RecordPointer = { recordId: record.recordId };
    await this.#state.write(this.#recordKey(record.recordId), record);
    await this.#state.write(this.#requestKey(record.unitId, record.requestId), pointer);
    await this.#state.write(unitIndexKey(record.unitId, record.txTime, record.recordId), pointer);
    if (record.cardRef !== null) {
      const byCard = this.#state.key(KEY_TYPES.verificationByCard, [
        record.cardRef,
        record.txTime,
        record.recordId,
      ]);
      await this.#state.write(byCard, pointer);
    }
  }

  async #resolve(pointers: RecordPointer[], bookmark: string): Promise<RecordPage> {
    const records: StoredVerification[] = [];
    for (const pointer of pointers) records.push(await this.get(pointer.recordId));
    return { records, bookmark };
  }

  /** A page of a card's records, oldest first. */
  async pageByCard(cardRef: string, pageSize: number, bookmark: string): Promise<RecordPage> {
    const page = await this.#state.pageByPartialKey<RecordPointer>(
      KEY_TYPES.verificationByCard,
      [cardRef],
      pageSize,
      bookmark,
    );
    return this.#resolve(page.values, page.bookmark);
  }

  /** A page of a unit's records with from <= txTime <= to, oldest first. */
  async pageByUnit(window: UnitWindow): Promise<RecordPage> {
    const range = unitIndexRange(window.unitId, window.from, window.to);
    const page = await this.#state.pageByRange<RecordPointer>({
      ...range,
      pageSize: window.pageSize,
      bookmark: window.bookmark,
    });
    return this.#resolve(page.values, page.bookmark);
  }
}
