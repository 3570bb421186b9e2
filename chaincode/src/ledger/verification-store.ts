/**
 * Verification records on the ledger: one key per transaction and item, an
 * index by card and time, an index by unit and time, and the
 * (unit, requestId) entry that makes retries return the first record (it
 * keeps the request's fingerprint, so only the same request is a retry).
 */
import type { FirstRequest } from '../domain/request-fingerprint';
import type { StoredVerification } from '../domain/verification-record';
import { NotFoundError } from '../errors';
import { KEY_TYPES, unitIndexKey, unitIndexRange } from './keys';
import type { StateStore, ValuePage } from './state-store';

/** An index entry pointing at a record. */
interface RecordPointer {
  readonly recordId: string;
}

/** The request entry: the first record, and the fingerprint of its request (absent before issue 14). */
interface RequestEntry extends RecordPointer {
  readonly fingerprint?: string;
}

/** A page of records. */
export interface RecordPage {
  readonly values: StoredVerification[];
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

  /** The first record of a unit's request id and its request's fingerprint, or undefined when the request is new. */
  async findRequest(unitId: string, requestId: string): Promise<FirstRequest | undefined> {
    const entry = await this.#state.read<RequestEntry>(this.#requestKey(unitId, requestId));
    if (entry === undefined) return undefined;
    return { record: await this.get(entry.recordId), fingerprint: entry.fingerprint ?? null };
  }

  /** Writes a new record, its request entry (with the request's fingerprint) and both indexes. */
  async add(record: StoredVerification, fingerprint: string): Promise<void> {
    const pointer: RecordPointer = { recordId: record.recordId };
    const request: RequestEntry = { recordId: record.recordId, fingerprint };
    await this.#state.write(this.#recordKey(record.recordId), record);
    await this.#state.write(this.#requestKey(record.unitId, record.requestId), request);
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

  async #resolve(page: ValuePage<RecordPointer>): Promise<RecordPage> {
    const values: StoredVerification[] = [];
    for (const pointer of page.values) values.push(await this.get(pointer.recordId));
    return { values, bookmark: page.bookmark };
  }

  /** A page of a card's records, oldest first. */
  async pageByCard(cardRef: string, pageSize: number, bookmark: string): Promise<RecordPage> {
    const request = { objectType: KEY_TYPES.verificationByCard, attributes: [cardRef], pageSize, bookmark };
    return this.#resolve(await this.#state.pageByPartialKey<RecordPointer>(request));
  }

  /** A page of a card's records, oldest first, in a transaction that writes (no paginated query). */
  async scanPageByCard(cardRef: string, pageSize: number, bookmark: string): Promise<RecordPage> {
    const request = { objectType: KEY_TYPES.verificationByCard, attributes: [cardRef], pageSize, bookmark };
    return this.#resolve(await this.#state.scanPageByPartialKey<RecordPointer>(request));
  }

  /** A page of a unit's records with from <= txTime <= to, oldest first. */
  async pageByUnit(window: UnitWindow): Promise<RecordPage> {
    const range = unitIndexRange(window.unitId, window.from, window.to);
    const page = await this.#state.pageByRange<RecordPointer>({
      ...range,
      pageSize: window.pageSize,
      bookmark: window.bookmark,
    });
    return this.#resolve(page);
  }
}
