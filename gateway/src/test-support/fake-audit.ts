/** A fake AuditPort recording its calls, answering what a test sets, and a well-formed receipt to ask about. */
import type { AuditReport, ReceiptOutcome, VerificationReceipt } from '@idcard/audit';
import type { AuditPort, AuditReplayOptions } from '../auditing/audit-port';
import type { LedgerIdentity } from '../ledger/ledger-client';

/** A receipt parseReceipt accepts (its signatures are not real). */
export function wellFormedReceipt(): VerificationReceipt {
  return {
    kind: 'idcard-verification-receipt',
    version: 1,
    txId: 'a'.repeat(64),
    blockNumber: 7,
    record: { recordId: 'rec-1', result: 'VALID' },
    endorsements: [{ mspId: 'PublicSecurityMSP', certificate: 'PEM', signature: 'c2ln' }],
    transaction: 'dHg=',
  };
}

/** A clean report of an empty ledger. */
export function cleanReport(): AuditReport {
  return {
    ok: true,
    namespace: 'idcard',
    blocks: { replayed: 3, lastBlock: 2 },
    transactions: { total: 0, valid: 0, byType: {}, invalidByCode: {} },
    timeRange: { from: null, to: null },
    cards: { total: 0, byState: {}, transitionsByType: {} },
    verifications: { total: 0, byResult: {}, byPurpose: {}, denials: {}, byUnit: [] },
    fraudReports: { total: 0, byCategory: {} },
    units: { total: 0, byState: {} },
    eidTokens: 0,
    integrity: { ok: true, failures: [] },
    stateComparison: { performed: true, differences: [] },
    anomalies: [],
    notices: [],
  };
}

/** The fake port. */
export class FakeAudit implements AuditPort {
  readonly receiptChecks: { identity: LedgerIdentity; receipt: VerificationReceipt }[] = [];
  readonly replays: LedgerIdentity[] = [];
  /** The next receipt check's answer. */
  outcome: ReceiptOutcome = { accepted: true, problems: [] };
  report: AuditReport = cleanReport();
  /** Ledger reads each replay makes (each reported through onRead). */
  replayReads = 0;
  /** When set, a replay waits for this before answering. */
  hold: Promise<void> | undefined;

  checkReceipt(identity: LedgerIdentity, receipt: VerificationReceipt): Promise<ReceiptOutcome> {
    this.receiptChecks.push({ identity, receipt });
    return Promise.resolve(this.outcome);
  }

  async replay(identity: LedgerIdentity, options: AuditReplayOptions = {}): Promise<AuditReport> {
    this.replays.push(identity);
    await this.hold;
    for (let i = 0; i < this.replayReads; i += 1) options.onRead?.();
    return this.report;
  }
}
