/**
 * Recorded reads of a card's verification trail (issue 14), keyed
 * `trail-read [cardRef, txTime, readId]` so a card's reads list oldest
 * first. Recording blind-writes guard/cards, so no read record can be made
 * without a PublicSecurityMSP endorsement.
 */
import { GUARD_KEYS, type TrailRead } from '@idcard/common';
import type { GuardStore } from './guard-store';
import { KEY_TYPES } from './keys';
import type { StateStore, ValuePage } from './state-store';

/** Reads and writes trail reads. */
export class TrailReadStore {
  readonly #state: StateStore;
  readonly #guards: GuardStore;

  constructor(state: StateStore, guards: GuardStore) {
    this.#state = state;
    this.#guards = guards;
  }

  /** Writes a read record and the guard. */
  async add(read: TrailRead): Promise<void> {
    const key = this.#state.key(KEY_TYPES.trailRead, [read.cardRef, read.txTime, read.readId]);
    await this.#state.write(key, read);
    await this.#guards.touch(GUARD_KEYS.cards);
  }

  /** A page of a card's reads, oldest first. */
  async pageByCard(cardRef: string, pageSize: number, bookmark: string): Promise<ValuePage<TrailRead>> {
    return this.#state.pageByPartialKey<TrailRead>({
      objectType: KEY_TYPES.trailRead,
      attributes: [cardRef],
      pageSize,
      bookmark,
    });
  }
}
