/**
 * Every @Object record type, imported together so that contract metadata
 * describes each of them whichever contract is loaded first.
 */
export { BootstrapResult } from './bootstrap-result';
export { Card } from './card';
export { CardHistoryEntry, CardHistoryPage } from './card-history-entry';
export { CardStatusAt } from './card-status-at';
export { EidToken } from './eid-token';
export { FraudReport, FraudReportPage } from './fraud-report';
export { PersonCardSummary, PersonCards } from './person-cards';
export { NoticeBatch, StatusNotice, StatusNoticePage } from './status-notice';
export { TrailRead, TrailReadPage } from './trail-read';
export { Unit, UnitPage } from './unit';
export { VerificationBatch, VerificationPage, VerificationRecord } from './verification-record';
