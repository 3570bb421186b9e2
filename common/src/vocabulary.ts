/**
 * The shared vocabulary of the ID-card status network. Every list is written
 * once here as a readonly tuple; the union types are derived from it, so the
 * chaincode, the gateway and the audit tool can never disagree on a spelling.
 */

/** MSP ids of the organisations of the channel. */
export const MSP_IDS = {
  publicSecurity: 'PublicSecurityMSP',
  bigDataBureau: 'BigDataBureauMSP',
  relyingParty: 'RelyingPartyMSP',
  orderer: 'OrdererMSP',
} as const;
export type MspId = (typeof MSP_IDS)[keyof typeof MSP_IDS];

/** Channel and chaincode names used by default. */
export const CHANNEL_NAME = 'idcards';
export const CHAINCODE_NAME = 'idcard';

/** Caller roles carried in the `role` attribute of a client certificate. */
export const ROLES = ['officer', 'operator', 'verifier', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Certificate attribute names the chaincode reads. */
export const CERT_ATTRIBUTES = { role: 'role', unit: 'unit' } as const;

/** Stored card states; EXPIRED is derived from validUntil, never stored. */
export const CARD_STATES = ['VALID', 'LOST', 'STOLEN', 'REPLACED', 'REVOKED'] as const;
export type CardState = (typeof CARD_STATES)[number];

/** States as reported to a reader, including the derived EXPIRED. */
export const EFFECTIVE_CARD_STATES = [...CARD_STATES, 'EXPIRED'] as const;
export type EffectiveCardState = (typeof EFFECTIVE_CARD_STATES)[number];

/** Card kinds: second-generation resident card and temporary identity certificate. */
export const CARD_KINDS = ['RESIDENT_CARD', 'TEMPORARY_CERTIFICATE'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

/** Value of validUntil for a long-term card (holders aged 46 and over). */
export const LONG_TERM = 'LONG_TERM';

/** Card life-cycle actions (DESIGN §4). */
export const CARD_ACTIONS = [
  'ISSUE',
  'REPORT_LOST',
  'REPORT_STOLEN',
  'WITHDRAW_LOSS',
  'REVOKE',
  'REPLACE',
] as const;
export type CardAction = (typeof CARD_ACTIONS)[number];

/**
 * Reason codes of transitions, each mapped to the X.509 CRL reason vocabulary
 * where one fits (RFC 5280 §5.3.1).
 */
export const REASON_CODES = {
  FIRST_ISSUE: null,
  RENEWAL: 'superseded',
  LOST: 'keyCompromise',
  STOLEN: 'keyCompromise',
  FOUND: 'removeFromCRL',
  REPLACED: 'superseded',
  DEATH: 'cessationOfOperation',
  HOUSEHOLD_DEREGISTRATION: 'cessationOfOperation',
  FRAUD: 'keyCompromise',
  ISSUED_IN_ERROR: 'affiliationChanged',
} as const;
export type ReasonCode = keyof typeof REASON_CODES;
export const REASON_CODE_LIST = Object.keys(REASON_CODES) as ReasonCode[];

/** Reasons an officer may give for each action. */
export const REASONS_BY_ACTION: Readonly<Record<CardAction, readonly ReasonCode[]>> = {
  ISSUE: ['FIRST_ISSUE', 'RENEWAL', 'LOST', 'STOLEN'],
  REPORT_LOST: ['LOST'],
  REPORT_STOLEN: ['STOLEN'],
  WITHDRAW_LOSS: ['FOUND'],
  REVOKE: ['DEATH', 'HOUSEHOLD_DEREGISTRATION', 'FRAUD', 'ISSUED_IN_ERROR'],
  REPLACE: ['REPLACED'],
};

/** Verification results (DESIGN §5). */
export const VERIFICATION_RESULTS = ['VALID', 'INVALID', 'DENIED'] as const;
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];

/** Why a presented card is INVALID. */
export const INVALID_REASONS = [
  'LOST',
  'STOLEN',
  'EXPIRED',
  'REPLACED',
  'REVOKED',
  'NOT_FOUND',
  'NAME_MISMATCH',
  'TOKEN_USED',
  'TOKEN_EXPIRED',
] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

/** Why a verification is DENIED: the unit, not the card, is the problem. */
export const DENIAL_REASONS = ['UNIT_UNKNOWN', 'UNIT_SUSPENDED', 'PURPOSE_NOT_ALLOWED'] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

/** Purposes a relying unit may verify a card for. */
export const PURPOSES = [
  'ACCOUNT_OPENING',
  'LOAN_APPLICATION',
  'PERIODIC_REVIEW',
  'HOTEL_CHECKIN',
  'LIBRARY_MEMBERSHIP',
  'UTILITY_CONTRACT',
  'TELECOM_SUBSCRIPTION',
  'GOVERNMENT_SERVICE',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Kinds of relying unit. */
export const UNIT_CATEGORIES = ['BANK', 'LIBRARY', 'HOTEL', 'UTILITY', 'TELECOM', 'SERVICE_HALL'] as const;
export type UnitCategory = (typeof UNIT_CATEGORIES)[number];

/** States of a relying unit in the registry. */
export const UNIT_STATES = ['ACTIVE', 'SUSPENDED'] as const;
export type UnitState = (typeof UNIT_STATES)[number];

/** What a relying unit may report as fraud about a presented card. */
export const FRAUD_CATEGORIES = [
  'FORGED_CARD',
  'IMPERSONATION',
  'ALTERED_CARD',
  'REPORTED_LOST_IN_USE',
  'OTHER',
] as const;
export type FraudCategory = (typeof FRAUD_CATEGORIES)[number];

/** Verification channel: a physical card presented, or an electronic-ID token scanned. */
export const VERIFICATION_CHANNELS = ['CARD', 'EID_TOKEN'] as const;
export type VerificationChannel = (typeof VERIFICATION_CHANNELS)[number];

/**
 * Stable error codes. Only an error's message crosses from chaincode to the
 * peer and client, so every chaincode error message starts with `CODE: `.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'FORBIDDEN',
  'NOT_FOUND',
  'ILLEGAL_TRANSITION',
  'ALREADY_EXISTS',
  'LIMIT_EXCEEDED',
  'IDEMPOTENCY_MISMATCH',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Chaincode event names; payloads carry pseudonymous references only. */
export const EVENT_NAMES = [
  'CardIssued',
  'CardStatusChanged',
  'CardVerified',
  'CardsVerified',
  'EidTokenIssued',
  'FraudReported',
  'UnitChanged',
  'TrailRead',
  'CardStatusNotices',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/**
 * Why an officer reads the verification trail of a card (who checked it,
 * where, when): every such read is itself recorded with one of these.
 */
export const TRAIL_READ_PURPOSES = [
  'CITIZEN_REQUEST',
  'FRAUD_INVESTIGATION',
  'CRIMINAL_INVESTIGATION',
  'COURT_ORDER',
  'COMPLAINT_HANDLING',
] as const;
export type TrailReadPurpose = (typeof TRAIL_READ_PURPOSES)[number];

/** Hard limits shared by gateway and chaincode. */
export const LIMITS = {
  /** Largest page a query returns. */
  maxPageSize: 200,
  /** Default page size when none is asked for. */
  defaultPageSize: 50,
  /** Most cards one bulk verification transaction may carry. */
  maxBulkItems: 500,
  /** Longest request id a relying unit may send. */
  maxRequestIdLength: 64,
  /** Longest unit id. */
  maxUnitIdLength: 32,
  /** Longest electronic-ID token lifetime, in seconds. */
  maxEidTokenLifetimeSeconds: 600,
  /** Longest validity of a temporary identity certificate, in days. */
  maxTemporaryCertificateDays: 92,
  /** Most earlier pseudonym keys a lookup may carry references under (key rotation). */
  maxEarlierKeys: 4,
} as const;
