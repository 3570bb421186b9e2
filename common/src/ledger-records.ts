/**
 * Result shapes of the chaincode's transactions (docs/transactions.md), as
 * plain interfaces both the chaincode and its clients can check against.
 */
import type {
  CardAction,
  CardKind,
  CardState,
  EffectiveCardState,
  FraudCategory,
  Purpose,
  TrailReadPurpose,
  UnitCategory,
  UnitState,
  VerificationChannel,
  VerificationResult,
} from './vocabulary';

/** A card as returned by the `cards` contract (the name check value is never returned). */
export interface Card {
  readonly cardRef: string;
  readonly personRef: string;
  readonly kind: CardKind;
  readonly state: CardState;
  readonly effectiveState: EffectiveCardState;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly issuedAt: string;
  readonly updatedAt: string;
  readonly lastAction: CardAction;
  readonly lastReason: string | null;
  readonly occurredAt: string;
  readonly officerUnit: string;
  readonly replacedBy: string | null;
}

/** The status a card had at an instant, read from its history. */
export interface CardStatusAt {
  readonly cardRef: string;
  readonly at: string;
  readonly state: CardState;
  readonly effectiveState: EffectiveCardState;
  readonly txId: string;
}

/** One transition of a card. */
export interface CardHistoryEntry {
  readonly txId: string;
  readonly txTime: string;
  readonly action: CardAction;
  readonly fromState: CardState | null;
  readonly toState: CardState;
  readonly reasonCode: string | null;
  readonly occurredAt: string;
  readonly officerUnit: string;
}

/** One card in a person's list. */
export interface PersonCardSummary {
  readonly cardRef: string;
  readonly state: CardState;
  readonly effectiveState: EffectiveCardState;
  readonly validFrom: string;
  readonly validUntil: string;
}

/** The cards of one person. */
export interface PersonCards {
  readonly personRef: string;
  readonly cards: readonly PersonCardSummary[];
}

/** One verification as recorded on the ledger. */
export interface VerificationRecord {
  readonly recordId: string;
  readonly requestId: string;
  readonly unitId: string;
  readonly purpose: Purpose;
  readonly channel: VerificationChannel;
  readonly cardRef: string | null;
  readonly result: VerificationResult;
  readonly reason: string | null;
  readonly txId: string;
  readonly txTime: string;
  readonly replayed: boolean;
}

/** The result of a bulk verification, records in item order. */
export interface VerificationBatch {
  readonly records: readonly VerificationRecord[];
}

/** An electronic-ID token (its SHA-256 only). */
export interface EidToken {
  readonly tokenHash: string;
  readonly cardRef: string;
  readonly expiresAt: string;
  readonly issuedAt: string;
  readonly usedAt: string | null;
  readonly usedBy: string | null;
}

/** A fraud report filed by a relying unit. */
export interface FraudReport {
  readonly reportId: string;
  readonly requestId: string;
  readonly unitId: string;
  readonly cardRef: string;
  readonly category: FraudCategory;
  readonly recordId: string | null;
  readonly txId: string;
  readonly txTime: string;
  readonly replayed: boolean;
}

/**
 * A status notice: a card that a unit checked changed state afterwards. The
 * unit's own view carries no reason code and no replacing card (DEATH or
 * FRAUD, and the holder's next card, are not the unit's business).
 */
export interface StatusNotice {
  readonly noticeId: string;
  readonly unitId: string;
  readonly cardRef: string;
  /** The card's state after the change. */
  readonly state: CardState;
  /** Transaction time of the change. */
  readonly changedAt: string;
  /** The unit's latest check of the card before the change. */
  readonly checkedAt: string;
  /** The transaction that announced the change (AnnounceCardChange). */
  readonly txId: string;
}

/** The notices an announcement recorded (none when every unit was told already, or none checked the card). */
export interface NoticeBatch {
  readonly notices: readonly StatusNotice[];
}

/** A recorded read of a card's verification trail by an officer. */
export interface TrailRead {
  readonly readId: string;
  readonly cardRef: string;
  readonly officerUnit: string;
  readonly purpose: TrailReadPurpose;
  readonly txId: string;
  readonly txTime: string;
}

/** A relying unit in the registry. */
export interface Unit {
  readonly unitId: string;
  readonly category: UnitCategory;
  readonly displayName: string;
  readonly allowedPurposes: readonly Purpose[];
  readonly state: UnitState;
  readonly suspensionReason: string | null;
  readonly registeredAt: string;
  readonly updatedAt: string;
}

/** The result of `admin:Bootstrap`. */
export interface BootstrapResult {
  readonly guards: readonly string[];
  readonly created: boolean;
}

/** A page of query results; an empty bookmark means there is no next page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly bookmark: string;
  readonly pageSize: number;
}
