/**
 * Shapes of the chaincode's results (docs/transactions.md) as TypeBox schemas:
 * each schema is both the response schema served in OpenAPI and the type.
 */
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import {
  CARD_ACTIONS,
  CARD_KINDS,
  CARD_STATES,
  EFFECTIVE_CARD_STATES,
  FRAUD_CATEGORIES,
  PURPOSES,
  TRAIL_READ_PURPOSES,
  UNIT_CATEGORIES,
  UNIT_STATES,
  VERIFICATION_CHANNELS,
  VERIFICATION_RESULTS,
} from '@idcard/common';

/** A string schema restricted to the members of a vocabulary list. */
export function literalUnion<T extends string>(values: readonly T[]): TUnion<TLiteral<T>[]> {
  return Type.Union(values.map((v) => Type.Literal(v)));
}

const nullableString = Type.Union([Type.String(), Type.Null()]);

/** A card as the chaincode returns it (the name check value is never returned). */
export const CardSchema = Type.Object({
  cardRef: Type.String(),
  personRef: Type.String(),
  kind: literalUnion(CARD_KINDS),
  state: literalUnion(CARD_STATES),
  effectiveState: literalUnion(EFFECTIVE_CARD_STATES),
  validFrom: Type.String(),
  validUntil: Type.String(),
  issuedAt: Type.String(),
  updatedAt: Type.String(),
  lastAction: literalUnion(CARD_ACTIONS),
  lastReason: nullableString,
  occurredAt: Type.String(),
  officerUnit: Type.String(),
  replacedBy: Type.Optional(nullableString),
});
export type Card = Static<typeof CardSchema>;

/** The status a card had at an instant, from its history. */
export const CardStatusAtSchema = Type.Object({
  cardRef: Type.String(),
  at: Type.String(),
  state: literalUnion(CARD_STATES),
  effectiveState: literalUnion(EFFECTIVE_CARD_STATES),
  txId: Type.String(),
});
export type CardStatusAt = Static<typeof CardStatusAtSchema>;

/** One transition in a card's history. */
export const CardHistoryEntrySchema = Type.Object({
  txId: Type.String(),
  txTime: Type.String(),
  action: literalUnion(CARD_ACTIONS),
  fromState: nullableString,
  toState: Type.String(),
  reasonCode: nullableString,
  occurredAt: Type.String(),
  officerUnit: Type.String(),
});
export type CardHistoryEntry = Static<typeof CardHistoryEntrySchema>;

/** The cards of one person (citizen self-check). */
export const PersonCardsSchema = Type.Object({
  personRef: Type.String(),
  cards: Type.Array(
    Type.Object({
      cardRef: Type.String(),
      state: literalUnion(CARD_STATES),
      effectiveState: literalUnion(EFFECTIVE_CARD_STATES),
      validFrom: Type.String(),
      validUntil: Type.String(),
    }),
  ),
});
export type PersonCards = Static<typeof PersonCardsSchema>;

/** One verification as recorded on the ledger. */
export const VerificationRecordSchema = Type.Object({
  recordId: Type.String(),
  requestId: Type.String(),
  unitId: Type.String(),
  purpose: literalUnion(PURPOSES),
  channel: literalUnion(VERIFICATION_CHANNELS),
  cardRef: nullableString,
  result: literalUnion(VERIFICATION_RESULTS),
  reason: nullableString,
  txId: Type.String(),
  txTime: Type.String(),
  replayed: Type.Boolean(),
});
export type VerificationRecord = Static<typeof VerificationRecordSchema>;

/** An electronic-ID token as held on the ledger (its hash only). */
export const EidTokenSchema = Type.Object({
  tokenHash: Type.String(),
  cardRef: Type.String(),
  expiresAt: Type.String(),
  issuedAt: Type.String(),
  usedAt: nullableString,
  usedBy: nullableString,
});
export type EidToken = Static<typeof EidTokenSchema>;

/** A fraud report filed by a relying unit. */
export const FraudReportSchema = Type.Object({
  reportId: Type.String(),
  requestId: Type.String(),
  unitId: Type.String(),
  cardRef: Type.String(),
  category: literalUnion(FRAUD_CATEGORIES),
  recordId: nullableString,
  txId: Type.String(),
  txTime: Type.String(),
  replayed: Type.Boolean(),
});
export type FraudReport = Static<typeof FraudReportSchema>;

/** A relying unit in the registry. */
export const UnitSchema = Type.Object({
  unitId: Type.String(),
  category: literalUnion(UNIT_CATEGORIES),
  displayName: Type.String(),
  allowedPurposes: Type.Array(literalUnion(PURPOSES)),
  state: literalUnion(UNIT_STATES),
  suspensionReason: nullableString,
  registeredAt: Type.String(),
  updatedAt: Type.String(),
});
export type Unit = Static<typeof UnitSchema>;

/** A card a unit checked changed state afterwards (no reason code, no replacing card). */
export const StatusNoticeSchema = Type.Object({
  noticeId: Type.String(),
  unitId: Type.String(),
  cardRef: Type.String(),
  state: literalUnion(CARD_STATES),
  changedAt: Type.String(),
  checkedAt: Type.String(),
  txId: Type.String(),
});
export type StatusNotice = Static<typeof StatusNoticeSchema>;

/** The notices one announcement recorded. */
export const NoticeBatchSchema = Type.Object({ notices: Type.Array(StatusNoticeSchema) });
export type NoticeBatch = Static<typeof NoticeBatchSchema>;

/** An officer's recorded read of a card's verification trail. */
export const TrailReadSchema = Type.Object({
  readId: Type.String(),
  cardRef: Type.String(),
  officerUnit: Type.String(),
  purpose: literalUnion(TRAIL_READ_PURPOSES),
  txId: Type.String(),
  txTime: Type.String(),
});
export type TrailRead = Static<typeof TrailReadSchema>;

/** A page of query results; an empty bookmark means there is no next page. */
export function PageSchema<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), bookmark: Type.String(), pageSize: Type.Integer() });
}

/** A page of items of type T. */
export interface Page<T> {
  readonly items: T[];
  readonly bookmark: string;
  readonly pageSize: number;
}
