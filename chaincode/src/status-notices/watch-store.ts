/**
 * Which units checked which card (issue 14): one key per card and unit,
 * `watch [cardRef, unitId]`, holding the unit's latest check. Verifications
 * write it blind (no read), so concurrent checks never conflict; a card's
 * status change reads all of its keys (a range, so a check that commits
 * first makes the change retry and notify that unit too).
 */
import type { CardWatcher } from './status-notice';
import { KEY_TYPES } from '../ledger/keys';
import type { StateStore } from '../ledger/state-store';

/** Reads and writes card watchers. */
export class WatchStore {
  readonly #state: StateStore;

  constructor(state: StateStore) {
    this.#state = state;
  }

  /** Notes that a unit checked a card at `checkedAt` (blind write). */
  async note(cardRef: string, unitId: string, checkedAt: string): Promise<void> {
    const watcher: CardWatcher = { unitId, checkedAt };
    await this.#state.write(this.#state.key(KEY_TYPES.cardWatch, [cardRef, unitId]), watcher);
  }

  /** Every unit that checked the card, in unit order. */
  async ofCard(cardRef: string): Promise<CardWatcher[]> {
    return (await this.#state.readAll<CardWatcher>(KEY_TYPES.cardWatch, [cardRef])).values;
  }
}
