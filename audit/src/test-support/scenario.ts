/**
 * The standard test scenario: units registered, cards issued, lost, found,
 * stolen, replaced and revoked, verifications with every kind of result, an
 * invalidated (MVCC) transaction whose writes must not count, a fraud report.
 */
import { ChaincodeModel } from './chaincode-model';
import { TestLedger, type TestNetwork } from './test-ledger';

/** A built scenario: the ledger and what the chaincode wrote. */
export interface Scenario {
  readonly ledger: TestLedger;
  readonly model: ChaincodeModel;
  /** The txId of the MVCC-invalidated verification. */
  readonly invalidTxId: string;
}

const t = (minute: number): string => new Date(Date.UTC(2026, 2, 1, 8, minute)).toISOString();

/** Builds the standard scenario on a new ledger (block 0 is the genesis config). */
export function buildScenario(network: TestNetwork): Scenario {
  const ledger = new TestLedger(network);
  const model = new ChaincodeModel();
  const { officer, operator, verifier } = network;
  ledger.transact(operator, t(1), model.unit('BANK-001', 'ACTIVE', t(1)));
  ledger.transact(operator, t(1), model.unit('HOTEL-002', 'ACTIVE', t(1)));
  ledger.transact(officer, t(2), model.issueCard('alice-1', 'alice', '2016-01-01', t(2)));
  ledger.transact(officer, t(2), model.issueCard('bob-1', 'bob', '2020-05-05', t(2)));
  ledger.transact(officer, t(3), model.issueCard('carol-1', 'carol', '2018-03-03', t(3)));
  ledger.cut();
  ledger.transact(officer, t(4), model.transition('alice-1', 'REPORT_LOST', 'LOST', 'LOST', t(4)));
  ledger.transact(verifier, t(5), (id) =>
    model.verify(id, t(5), 'BANK-001', 'r-1', 'ACCOUNT_OPENING', 'bob-1', 'VALID', null),
  );
  ledger.transact(verifier, t(5), (id) =>
    model.verify(id, t(5), 'BANK-001', 'r-2', 'LOAN_APPLICATION', 'alice-1', 'INVALID', 'LOST'),
  );
  ledger.cut();
  ledger.transact(officer, t(6), model.transition('alice-1', 'WITHDRAW_LOSS', 'VALID', 'FOUND', t(6)));
  ledger.transact(officer, t(7), model.transition('bob-1', 'REPORT_STOLEN', 'STOLEN', 'STOLEN', t(7)));
  ledger.transact(operator, t(7), model.unit('HOTEL-002', 'SUSPENDED', t(7)));
  ledger.cut();
  // Endorsed but invalidated at commit: its writes are not applied by the peer, so the model must not hold them.
  const shadow = new ChaincodeModel();
  const invalidTxId = ledger.transact(
    verifier,
    t(8),
    (id) => shadow.verify(id, t(8), 'BANK-001', 'r-3', 'ACCOUNT_OPENING', 'bob-1', 'VALID', null),
    11,
  );
  ledger.transact(network.verifierOf('HOTEL-002'), t(8), (id) =>
    model.verify(id, t(8), 'HOTEL-002', 'h-1', 'HOTEL_CHECKIN', 'carol-1', 'DENIED', 'UNIT_SUSPENDED'),
  );
  ledger.transact(verifier, t(9), (id) =>
    model.verify(id, t(9), 'BANK-001', 'r-4', 'ACCOUNT_OPENING', 'bob-1', 'INVALID', 'STOLEN'),
  );
  ledger.transact(verifier, t(9), (id) =>
    model.reportFraud(id, t(9), 'BANK-001', 'bob-1', 'REPORTED_LOST_IN_USE'),
  );
  ledger.cut();
  ledger.transact(officer, t(10), model.issueCard('bob-2', 'bob', '2026-03-01', t(10)));
  ledger.transact(officer, t(11), model.transition('carol-1', 'REVOKE', 'REVOKED', 'DEATH', t(11)));
  ledger.transact(verifier, t(12), (id) =>
    model.verify(id, t(12), 'BANK-001', 'r-5', 'ACCOUNT_OPENING', 'bob-2', 'VALID', null),
  );
  ledger.cut();
  return { ledger, model, invalidTxId };
}
