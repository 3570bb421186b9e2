/**
 * The ledger of one transaction: the state store and the stores of each
 * kind of record, all built from the transaction's stub.
 */
import { CardStore } from './card-store';
import { EidTokenStore } from './eid-token-store';
import { FraudStore } from './fraud-store';
import { GuardStore } from './guard-store';
import type { LedgerStub } from './ledger-stub';
import { StateStore } from './state-store';
import { TrailReadStore } from './trail-read-store';
import { UnitStore } from './unit-store';
import { VerificationStore } from './verification-store';
import { NoticeStore } from '../status-notices/notice-store';
import { WatchStore } from '../status-notices/watch-store';

/** Everything a transaction reads and writes. */
export interface Ledger {
  readonly state: StateStore;
  readonly guards: GuardStore;
  readonly cards: CardStore;
  readonly units: UnitStore;
  readonly verifications: VerificationStore;
  readonly tokens: EidTokenStore;
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
    units: new UnitStore(state, guards),
    verifications: new VerificationStore(state),
    tokens: new EidTokenStore(state, guards),
    fraud: new FraudStore(state),
    watches: new WatchStore(state),
    notices: new NoticeStore(state),
    trailReads: new TrailReadStore(state, guards),
  };
}
