/**
 * Guard keys (docs/transactions.md, "Endorsement"): a brand-new key is
 * checked only against the chaincode-level policy, so every transaction that
 * creates a card-side or unit key also writes a guard whose key-level policy
 * needs the owning agency. The write is blind (no read), so concurrent
 * writers never conflict.
 */
import { GUARD_KEYS, type GuardKey } from '@idcard/common';
import { KEY_POLICIES } from './endorsement-policies';
import type { StateStore } from './state-store';

const GUARD_POLICIES: readonly { key: GuardKey; orgs: readonly string[] }[] = [
  { key: GUARD_KEYS.cards, orgs: KEY_POLICIES.cardsGuard },
  { key: GUARD_KEYS.units, orgs: KEY_POLICIES.unitsGuard },
];

/** Writes and creates the guard keys. */
export class GuardStore {
  readonly #state: StateStore;

  constructor(state: StateStore) {
    this.#state = state;
  }

  /** Blind-writes a guard key (its value names the last transaction that wrote it). */
  async touch(key: GuardKey): Promise<void> {
    await this.#state.write(key, { lastTxId: this.#state.txId });
  }

  /**
   * Gives every guard key its value and key-level policy where the policy is
   * missing; true when anything was created.
   */
  async bootstrap(): Promise<{ guards: GuardKey[]; created: boolean }> {
    const missing: (typeof GUARD_POLICIES)[number][] = [];
    for (const guard of GUARD_POLICIES) {
      const orgs = await this.#state.policyOrgs(guard.key);
      if (orgs.length === 0) missing.push(guard);
    }
    for (const guard of missing) {
      await this.#state.writeWithPolicy(guard.key, { lastTxId: this.#state.txId }, guard.orgs);
    }
    return { guards: GUARD_POLICIES.map((guard) => guard.key), created: missing.length > 0 };
  }
}
