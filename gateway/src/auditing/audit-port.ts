/**
 * The port behind the auditors' endpoints: a receipt check and a replay of
 * the ledger, each signed as the calling auditor's own Fabric identity. The
 * Fabric adapter is fabric/fabric-audit.ts; tests use a fake.
 */
import type { AuditReport, ReceiptOutcome, VerificationReceipt } from '@idcard/audit';
import type { LedgerIdentity } from '../ledger/ledger-client';

/** Options of a replay. */
export interface AuditReplayOptions {
  /**
   * Called before every ledger read of the replay (a block delivered, a
   * world-state query); when it throws, the replay stops and rejects with
   * that error (the caller's work budget is spent).
   */
  readonly onRead?: () => void;
}

/** What the auditors' endpoints ask of the ledger. */
export interface AuditPort {
  /**
   * Checks a receipt against the organisations' CA certificates, and that its
   * transaction is in the block it names, VALID, as the peer delivers it.
   * @throws LedgerUnavailableError when the peer does not answer
   */
  checkReceipt(identity: LedgerIdentity, receipt: VerificationReceipt): Promise<ReceiptOutcome>;
  /**
   * Replays the channel from block 0 to its height at the start and compares
   * the rebuilt state with the world state.
   * @throws LedgerUnavailableError when the peer does not answer; whatever `onRead` throws
   */
  replay(identity: LedgerIdentity, options?: AuditReplayOptions): Promise<AuditReport>;
}
