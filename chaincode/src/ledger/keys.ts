/**
 * The world-state key layout (docs/transactions.md, "State keys"). Composite
 * key object types, and the one simple-key index that needs a time range.
 */

/** Object types of composite keys. */
export const KEY_TYPES = {
  card: 'card',
  personCard: 'person~card',
  unit: 'unit',
  verification: 'verification',
  verificationByCard: 'verification~card',
  verificationRequest: 'verification~request',
  eidToken: 'eid',
  fraudReport: 'fraud',
  fraudRequest: 'fraud~request',
  /** A unit that was told a card was VALID: [cardRef, unitId] → `{ unitId, checkedAt }`. */
  cardWatch: 'watch',
  /** The cards a new card replaced: [newCardRef, oldCardRef] → `{ cardRef }`. */
  replacedBy: 'replaced~by',
  /** A card change already announced: [cardRef, version] → `{ txId }`. */
  announced: 'announced',
  /** A recorded read of a card's verification trail: [cardRef, txTime, readId]. */
  trailRead: 'trail-read',
} as const;

/**
 * Verifications by unit and time are simple keys
 * `verification-by-unit/<unitId>/<txTime>/<recordId>`: composite keys cannot
 * be range-queried, and a time window is a range. Unit ids have no `/` and
 * transaction times are fixed width, so the keys sort by unit, then time.
 */
const UNIT_INDEX_PREFIX = 'verification-by-unit/';

/** The by-unit index key of a verification record. */
export function unitIndexKey(unitId: string, txTime: string, recordId: string): string {
  return `${UNIT_INDEX_PREFIX}${unitId}/${txTime}/${recordId}`;
}

/**
 * The key range [start, end) of a unit's records with from <= txTime <= to
 * (record ids are hex and `.`, all below `~`).
 */
export function unitIndexRange(unitId: string, from: string, to: string): { start: string; end: string } {
  return { start: `${UNIT_INDEX_PREFIX}${unitId}/${from}`, end: `${UNIT_INDEX_PREFIX}${unitId}/${to}/~` };
}

/**
 * Status notices by unit and time, simple keys for the same reason:
 * `status-notice/<unitId>/<txTime>/<noticeId>`.
 */
const NOTICE_PREFIX = 'status-notice/';

/** The key of a status notice. */
export function noticeKey(unitId: string, txTime: string, noticeId: string): string {
  return `${NOTICE_PREFIX}${unitId}/${txTime}/${noticeId}`;
}

/** The key range [start, end) of a unit's notices with from <= txTime <= to. */
export function noticeRange(unitId: string, from: string, to: string): { start: string; end: string } {
  return { start: `${NOTICE_PREFIX}${unitId}/${from}`, end: `${NOTICE_PREFIX}${unitId}/${to}/~` };
}
