/** The public door of @idcard/audit, the auditor's library. */
export { AuditError, AuditFormatError, BlockSourceError, CheckpointError } from './audit-errors';
export type { BlockSource, SourceItem, SourcedBlock, SourceNotice } from './block-source';
export { blockfileSource, channelBlocksDir, type BlockfileSourceOptions } from './blockfile-source';
export {
  onlineBlockSource,
  type BlockEventSource,
  type BlockStream,
  type OnlineSourceOptions,
} from './block-event-source';
export { fabricBlockEvents } from './fabric-block-events';
export { peerBlockEvents, type PeerBlockEvents } from './peer-block-events';
export { blockDataHash, blockHeaderBytes, blockHeaderHash } from './block-hash';
export { readOrdererTrust, type OrdererTrust, type OrdererOrg, type ConsenterInfo } from './channel-config';
export {
  ATTRIBUTION_PROBLEMS,
  FINDING_KINDS,
  type AttributionProblem,
  type FindingKind,
  type IntegrityFinding,
  type RecordAttribution,
} from './integrity-finding';
export { certificateAttributes } from './certificate-attributes';
export { replayLedger, type ReplayOptions, type ReplayResult } from './replay-ledger';
export { ReplayState, type ReplayStats, type ReplayAnomaly, type ReplayStateJson } from './replay-state';
export type {
  CardTransition,
  ReplayedCard,
  ReplayedFraudReport,
  ReplayedUnit,
  ReplayedVerification,
} from './replay-records';
export { parseStateKey, KEY_TYPES, RECORD_KINDS, type ParsedKey, type RecordKind } from './record-keys';
export {
  compareWithWorldState,
  type WorldStateReader,
  type LiveCard,
  type LiveVerification,
  type StateDifference,
  type DifferenceKind,
} from './world-state-compare';
export { buildAuditReport, type AuditReport, type ComparisonOutcome } from './audit-report';
export { renderAuditReport } from './report-text';
export {
  accountabilityOf,
  buildAccountabilityReport,
  renderAccountabilityReport,
  type AccountabilityReport,
} from './accountability-report';
export type { UnitActivity, TimeRange } from './unit-activity';
export { saveCheckpoint, loadCheckpoint, CHECKPOINT_VERSION, type ReplayCheckpoint } from './checkpoint';
export type { ChainPosition } from './chain-verifier';
export type { ReplayProgress, ProgressCallback } from './progress';
export { runAudit, type AuditRun, type AuditRunOptions } from './run-audit';
export {
  buildReceipt,
  parseReceipt,
  ReceiptError,
  RECEIPT_KIND,
  RECEIPT_VERSION,
  type ReceiptEndorsement,
  type VerificationReceipt,
} from './receipt';
export { checkReceipt, type OrgRoots, type ReceiptSigner, type ReceiptVerdict } from './receipt-check';
export { checkReceiptOnLedger, checkReceiptOnPeer, type LedgerPresence } from './receipt-ledger';
export { receiptOutcome, type ReceiptOutcome } from './receipt-outcome';
