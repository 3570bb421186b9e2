/**
 * Fraud reports on the ledger, keyed by transaction time and report id so
 * that listing is chronological, with the (unit, requestId) entry that
 * makes a retry return the first report.
 */
import type { FraudReport } from '@idcard/common';
import { KEY_TYPES } from './keys';
import type { StateStore, ValuePage } from './state-store';

/** A fraud report as stored. */
export type StoredFraudReport = Omit<FraudReport, 'replayed'>;

interface ReportPointer {
  readonly txTime: string;
  readonly reportId: string;
}

/** Reads and writes fraud reports. */
export class FraudStore {
  readonly #state: StateStore;

  constructor(state: StateStore) {
    this.#state = state;
  }

  #reportKey(pointer: ReportPointer): string {
    return this.#state.key(KEY_TYPES.fraudReport, [pointer.txTime, pointer.reportId]);
  }

  #requestKey(unitId: string, requestId: string): string {
    return this.#state.key(KEY_TYPES.fraudRequest, [unitId, requestId]);
  }

  /** The first report of a unit's request id, or undefined when the request is new. */
  async findByRequest(unitId: string, requestId: string): Promise<StoredFraudReport | undefined> {
    const pointer = await this.#state.read<ReportPointer>(this.#requestKey(unitId, requestId));
    return pointer === undefined ? undefined : this.#state.read<StoredFraudReport>(this.#reportKey(pointer));
  }

  /** Writes a new report and its request entry. */
  async add(report: StoredFraudReport): Promise<void> {
    const pointer: ReportPointer = { txTime: report.txTime, reportId: report.reportId };
    await this.#state.write(this.#reportKey(pointer), report);
    await this.#state.write(this.#requestKey(report.unitId, report.requestId), pointer);
  }

  /** A page of reports, oldest first. */
  async page(pageSize: number, bookmark: string): Promise<ValuePage<StoredFraudReport>> {
    return this.#state.pageByPartialKey<StoredFraudReport>({
      objectType: KEY_TYPES.fraudReport,
      attributes: [],
      pageSize,
      bookmark,
    });
  }
}
