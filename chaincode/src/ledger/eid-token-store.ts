/**
 * Electronic-ID tokens on the ledger, keyed by the token's SHA-256. Issuing
 * blind-writes guard/cards, so a token cannot be created without a
 * PublicSecurityMSP endorsement; using one needs only the chaincode policy.
 */
import { GUARD_KEYS, type EidToken } from '@idcard/common';
import type { GuardStore } from './guard-store';
import { KEY_TYPES } from './keys';
import type { StateStore } from './state-store';

/** Reads and writes tokens. */
export class EidTokenStore {
  readonly #state: StateStore;
  readonly #guards: GuardStore;

  constructor(state: StateStore, guards: GuardStore) {
    this.#state = state;
    this.#guards = guards;
  }

  #key(tokenHash: string): string {
    return this.#state.key(KEY_TYPES.eidToken, [tokenHash]);
  }

  /** The token, or undefined. */
  async find(tokenHash: string): Promise<EidToken | undefined> {
    return this.#state.read<EidToken>(this.#key(tokenHash));
  }

  /** Writes a new token and the guard. */
  async create(token: EidToken): Promise<void> {
    await this.#state.write(this.#key(token.tokenHash), token);
    await this.#guards.touch(GUARD_KEYS.cards);
  }

  /** Writes a used token. */
  async update(token: EidToken): Promise<void> {
    await this.#state.write(this.#key(token.tokenHash), token);
  }
}
