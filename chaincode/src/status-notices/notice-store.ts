/**
 * Status notices on the ledger (issue 14): one per unit that checked a card
 * before the card changed, under `status-notice/<unitId>/<changedAt>/<noticeId>`
 * so a unit's notices are a time range; and the marks of card versions
 * already announced.
 */
import type { StatusNotice } from '@idcard/common';
import { KEY_TYPES, noticeKey, noticeRange } from '../ledger/keys';
import type { StateStore, ValuePage } from '../ledger/state-store';
import type { UnitWindow } from '../ledger/verification-store';

/** Reads and writes status notices. */
export class NoticeStore {
  readonly #state: StateStore;

  constructor(state: StateStore) {
    this.#state = state;
  }

  /** Writes notices. */
  async addAll(notices: readonly StatusNotice[]): Promise<void> {
    for (const notice of notices) {
      await this.#state.write(noticeKey(notice.unitId, notice.changedAt, notice.noticeId), notice);
    }
  }

  /** True when this version of the card was announced already. */
  async wasAnnounced(cardRef: string, version: number): Promise<boolean> {
    const key = this.#state.key(KEY_TYPES.announced, [cardRef, String(version)]);
    return (await this.#state.read(key)) !== undefined;
  }

  /** Marks this version of the card announced. */
  async markAnnounced(cardRef: string, version: number): Promise<void> {
    const key = this.#state.key(KEY_TYPES.announced, [cardRef, String(version)]);
    await this.#state.write(key, { txId: this.#state.txId });
  }

  /** A page of a unit's notices with from <= changedAt <= to, oldest first. */
  async pageByUnit(window: UnitWindow): Promise<ValuePage<StatusNotice>> {
    const range = noticeRange(window.unitId, window.from, window.to);
    return this.#state.pageByRange<StatusNotice>({
      ...range,
      pageSize: window.pageSize,
      bookmark: window.bookmark,
    });
  }
}
