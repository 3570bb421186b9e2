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
