/**
 * The ledger of one transaction: the state store and the stores of each
 * kind of record, all built from the transaction's stub.
 */
import { GUARD_KEYS, type EidToken, type Unit } from '@idcard/common';
import { CardStore } from './card-store';
import { KEY_POLICIES } from './endorsement-policies';
import { FraudStore } from './fraud-store';
import { GuardStore } from './guard-store';
import { KeyedStore } from './keyed-store';
import { KEY_TYPES } from './keys';
import type { LedgerStub } from './ledger-stub';
import { StateStore } from './state-store';
import { TrailReadStore } from './trail-read-store';
import { VerificationStore } from './verification-store';
import { NoticeStore } from '../status-notices/notice-store';
import { WatchStore } from '../status-notices/watch-store';

/** Everything a transaction reads and writes. */
export interface Ledger {
  readonly state: StateStore;
  readonly guards: GuardStore;
  readonly cards: CardStore;
  /** The relying-unit registry: BigDataBureauMSP must endorse a change of a unit key; creating one writes guard/units. */
  readonly units: KeyedStore<Unit>;
  readonly verifications: VerificationStore;
  /**
   * Electronic-ID tokens by SHA-256: issuing one writes guard/cards, so it needs a PublicSecurityMSP
   * endorsement; using one needs only the chaincode policy.
   */
  readonly tokens: KeyedStore<EidToken>;
  readonly fraud: FraudStore;
  readonly watches: WatchStore;
  readonly notices: NoticeStore;
  readonly trailReads: TrailReadStore;
}

/** The ledger of the transaction the stub belongs to. */
export function openLedger(stub: LedgerStub): Ledger {
  const state = new StateStore(stub);
  const guards = new GuardStore(state);
  return {
    state,
    guards,
    cards: new CardStore(state, guards),
    units: new KeyedStore<Unit>(state, guards, {
      keyType: KEY_TYPES.unit,
      idField: 'unitId',
      policy: KEY_POLICIES.unit,
      guard: GUARD_KEYS.units,
    }),
    verifications: new VerificationStore(state),
    tokens: new KeyedStore<EidToken>(state, guards, {
      keyType: KEY_TYPES.eidToken,
      idField: 'tokenHash',
      guard: GUARD_KEYS.cards,
    }),
    fraud: new FraudStore(state),
    watches: new WatchStore(state),
    notices: new NoticeStore(state),
    trailReads: new TrailReadStore(state, guards),
  };
}
