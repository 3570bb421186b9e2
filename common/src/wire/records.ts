/**
 * Result shapes of the chaincode's transactions (docs/transactions.md),
 * written once as field tables. The TypeScript types below derive from
 * them, the chaincode builds its @Object metadata classes from them and the
 * gateway builds its response schemas from them, so no side can add a field
 * the others do not know.
 */
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
} from '../vocabulary';

/** A field of a record: a scalar, one of a vocabulary list, nullable, a list, or another record. */
export type FieldSpec =
  | 'string'
  | 'boolean'
  | 'integer'
  | { readonly oneOf: readonly string[] }
  | { readonly nullable: FieldSpec }
  | { readonly listOf: FieldSpec }
  | { readonly record: string };

/** A record's fields, in the order the chaincode returns them. */
export type FieldTable = Readonly<Record<string, FieldSpec>>;

/** A string restricted to the members of a vocabulary list. */
export function oneOf<const T extends readonly string[]>(values: T): { readonly oneOf: T } {
  return { oneOf: values };
}

/** A field that may be null. */
export function nullable<const F extends FieldSpec>(field: F): { readonly nullable: F } {
  return { nullable: field };
}

/** A list of values. */
export function listOf<const F extends FieldSpec>(field: F): { readonly listOf: F } {
  return { listOf: field };
}

/** A nested record, by name. */
export function record<const R extends string>(name: R): { readonly record: R } {
  return { record: name };
}

const nullableString = nullable('string');
const cardState = oneOf(CARD_STATES);
const effectiveState = oneOf(EFFECTIVE_CARD_STATES);

/** Every record the chaincode returns, by its contract-metadata name. */
export const RECORDS = {
  Card: {
    cardRef: 'string',
    personRef: 'string',
    kind: oneOf(CARD_KINDS),
    state: cardState,
    effectiveState,
    validFrom: 'string',
    validUntil: 'string',
    issuedAt: 'string',
    updatedAt: 'string',
    lastAction: oneOf(CARD_ACTIONS),
    lastReason: nullableString,
    occurredAt: 'string',
    officerUnit: 'string',
    replacedBy: nullableString,
  },
  CardStatusAt: { cardRef: 'string', at: 'string', state: cardState, effectiveState, txId: 'string' },
  CardHistoryEntry: {
    txId: 'string',
    txTime: 'string',
    action: oneOf(CARD_ACTIONS),
    fromState: nullable(cardState),
    toState: cardState,
    reasonCode: nullableString,
    occurredAt: 'string',
    officerUnit: 'string',
  },
  PersonCardSummary: {
    cardRef: 'string',
    state: cardState,
    effectiveState,
    validFrom: 'string',
    validUntil: 'string',
  },
  PersonCards: { personRef: 'string', cards: listOf(record('PersonCardSummary')) },
  VerificationRecord: {
    recordId: 'string',
    requestId: 'string',
    unitId: 'string',
    purpose: oneOf(PURPOSES),
    channel: oneOf(VERIFICATION_CHANNELS),
    cardRef: nullableString,
    result: oneOf(VERIFICATION_RESULTS),
    reason: nullableString,
    txId: 'string',
    txTime: 'string',
    replayed: 'boolean',
  },
  VerificationBatch: { records: listOf(record('VerificationRecord')) },
  EidToken: {
    tokenHash: 'string',
    cardRef: 'string',
    expiresAt: 'string',
    issuedAt: 'string',
    usedAt: nullableString,
    usedBy: nullableString,
  },
  FraudReport: {
    reportId: 'string',
    requestId: 'string',
    unitId: 'string',
    cardRef: 'string',
    category: oneOf(FRAUD_CATEGORIES),
    recordId: nullableString,
    txId: 'string',
    txTime: 'string',
    replayed: 'boolean',
  },
  /**
   * A status notice: a card that a unit checked changed state afterwards
   * (`state` after the change, `changedAt` its transaction time, `checkedAt`
   * the unit's latest check before it, `txId` the announcing transaction).
   * No reason code and no replacing card: DEATH or FRAUD, and the holder's
   * next card, are not the unit's business.
   */
  StatusNotice: {
    noticeId: 'string',
    unitId: 'string',
    cardRef: 'string',
    state: cardState,
    changedAt: 'string',
    checkedAt: 'string',
    txId: 'string',
  },
  NoticeBatch: { notices: listOf(record('StatusNotice')) },
  TrailRead: {
    readId: 'string',
    cardRef: 'string',
    officerUnit: 'string',
    purpose: oneOf(TRAIL_READ_PURPOSES),
    txId: 'string',
    txTime: 'string',
  },
  Unit: {
    unitId: 'string',
    category: oneOf(UNIT_CATEGORIES),
    displayName: 'string',
    allowedPurposes: listOf(oneOf(PURPOSES)),
    state: oneOf(UNIT_STATES),
    suspensionReason: nullableString,
    registeredAt: 'string',
    updatedAt: 'string',
  },
  BootstrapResult: { guards: listOf('string'), created: 'boolean' },
} as const satisfies Readonly<Record<string, FieldTable>>;

/** Every record name. */
export type RecordName = keyof typeof RECORDS;

/** The pages the list queries return, by metadata name, with the record of their items. */
export const PAGES = {
  CardHistoryPage: 'CardHistoryEntry',
  FraudReportPage: 'FraudReport',
  StatusNoticePage: 'StatusNotice',
  TrailReadPage: 'TrailRead',
  UnitPage: 'Unit',
  VerificationPage: 'VerificationRecord',
} as const satisfies Readonly<Record<string, RecordName>>;

/** The fields of a page of `item`s; an empty bookmark means there is no next page. */
export function pageFields<const R extends RecordName>(item: R) {
  return { items: listOf(record(item)), bookmark: 'string', pageSize: 'integer' } as const;
}

/** The value type of a field. */
export type FieldValue<F> = F extends 'string'
  ? string
  : F extends 'boolean'
    ? boolean
    : F extends 'integer'
      ? number
      : F extends { readonly oneOf: readonly (infer U)[] }
        ? U
        : F extends { readonly nullable: infer G }
          ? FieldValue<G> | null
          : F extends { readonly listOf: infer G }
            ? readonly FieldValue<G>[]
            : F extends { readonly record: infer R extends RecordName }
              ? RecordOf<R>
              : never;

/** The type of a record, from its field table. */
export type RecordOf<R extends RecordName> = {
  readonly [K in keyof (typeof RECORDS)[R]]: FieldValue<(typeof RECORDS)[R][K]>;
};

/** A card as returned by the `cards` contract (the name check value is never returned). */
export type Card = RecordOf<'Card'>;
/** The status a card had at an instant, read from its history. */
export type CardStatusAt = RecordOf<'CardStatusAt'>;
/** One transition of a card. */
export type CardHistoryEntry = RecordOf<'CardHistoryEntry'>;
/** One card in a person's list. */
export type PersonCardSummary = RecordOf<'PersonCardSummary'>;
/** The cards of one person. */
export type PersonCards = RecordOf<'PersonCards'>;
/** One verification as recorded on the ledger. */
export type VerificationRecord = RecordOf<'VerificationRecord'>;
/** The result of a bulk verification, records in item order. */
export type VerificationBatch = RecordOf<'VerificationBatch'>;
/** An electronic-ID token (its SHA-256 only). */
export type EidToken = RecordOf<'EidToken'>;
/** A fraud report filed by a relying unit. */
export type FraudReport = RecordOf<'FraudReport'>;
/** A card a unit checked changed state afterwards (see RECORDS.StatusNotice). */
export type StatusNotice = RecordOf<'StatusNotice'>;
/** The notices an announcement recorded (none when every unit was told already, or none checked the card). */
export type NoticeBatch = RecordOf<'NoticeBatch'>;
/** A recorded read of a card's verification trail by an officer. */
export type TrailRead = RecordOf<'TrailRead'>;
/** A relying unit in the registry. */
export type Unit = RecordOf<'Unit'>;
/** The result of `admin:Bootstrap`. */
export type BootstrapResult = RecordOf<'BootstrapResult'>;

/** A page of query results; an empty bookmark means there is no next page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly bookmark: string;
  readonly pageSize: number;
}
