/**
 * Payloads of the chaincode events (docs/transactions.md, "Events"): one
 * event per transaction, pseudonymous references only.
 */
import type { UnitAction } from './ledger-vocabulary';
import type { StatusNotice } from './wire/records';
import type {
  CardAction,
  CardState,
  Purpose,
  TrailReadPurpose,
  UnitState,
  VerificationResult,
} from './vocabulary';

/** One status notice as carried by an event (the event names the transaction). */
export type StatusNoticePayload = Omit<StatusNotice, 'txId'>;

/** `CardIssued`: a new card, and the card it replaced if any. */
export interface CardIssuedPayload {
  readonly cardRef: string;
  readonly replacedCardRef: string | null;
}

/** `CardStatusChanged`: one transition of an existing card. */
export interface CardStatusChangedPayload {
  readonly cardRef: string;
  readonly action: CardAction;
  readonly fromState: CardState;
  readonly toState: CardState;
  readonly reasonCode: string;
}

/** `CardStatusNotices`: a card change announced to the units that checked the card before it. */
export interface CardStatusNoticesPayload {
  readonly notices: readonly StatusNoticePayload[];
}

/** `CardVerified`: one verification (card or electronic-ID token). */
export interface CardVerifiedPayload {
  readonly recordId: string;
  readonly unitId: string;
  readonly cardRef: string | null;
  readonly purpose: Purpose;
  readonly result: VerificationResult;
  readonly reason: string | null;
}

/** `CardsVerified`: the new records of one bulk verification. */
export interface CardsVerifiedPayload {
  readonly unitId: string;
  readonly purpose: Purpose;
  readonly records: readonly {
    readonly recordId: string;
    readonly cardRef: string | null;
    readonly result: VerificationResult;
    readonly reason: string | null;
  }[];
}

/** `EidTokenIssued`: a token bound to a card. */
export interface EidTokenIssuedPayload {
  readonly cardRef: string;
  readonly expiresAt: string;
}

/** `FraudReported`: a relying unit's fraud report. */
export interface FraudReportedPayload {
  readonly reportId: string;
  readonly unitId: string;
  readonly cardRef: string;
  readonly category: string;
}

/** `UnitChanged`: a relying-unit registry change. */
export interface UnitChangedPayload {
  readonly unitId: string;
  readonly state: UnitState;
  readonly action: UnitAction;
}

/** `TrailRead`: an officer read a card's verification trail. */
export interface TrailReadPayload {
  readonly readId: string;
  readonly cardRef: string;
  readonly officerUnit: string;
  readonly purpose: TrailReadPurpose;
}
