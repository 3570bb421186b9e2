/**
 * The chaincode's key layout, as the audit reads it. ONE place to adjust
 * when chaincode/src/ledger/keys.ts changes (aligned with it as of this
 * version). Fabric composite keys (`\u0000type\u0000attr1\u0000...\u0000`):
 *   card [cardRef]                   Card JSON
 *   unit [unitId]                    Unit JSON
 *   verification [recordId]          VerificationRecord JSON
 *   fraud [txTime, reportId]         FraudReport JSON
 *   eid [tokenHash]                  EidToken JSON
 * Every other key (`person~card`, `verification~card`, `verification~request`,
 * `fraud~request`, the simple `verification-by-unit/...` index and the
 * `guard/...` keys) is an index or guard: counted, not rebuilt.
 */

/** The primary records the audit rebuilds. */
export const RECORD_KINDS = ['card', 'unit', 'verification', 'fraudReport', 'eidToken'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Object type of each primary record's composite key. */
export const KEY_TYPES: Readonly<Record<RecordKind, string>> = {
  card: 'card',
  unit: 'unit',
  verification: 'verification',
  fraudReport: 'fraud',
  eidToken: 'eid',
};

/** How many attributes each primary key has; the record id is the last one. */
const ATTRIBUTE_COUNTS: Readonly<Record<RecordKind, number>> = {
  card: 1,
  unit: 1,
  verification: 1,
  fraudReport: 2,
  eidToken: 1,
};

const KIND_BY_TYPE = new Map<string, RecordKind>(
  Object.entries(KEY_TYPES).map(([kind, type]) => [type, kind as RecordKind]),
);

/** A state key split into object type and attributes. */
export interface ParsedKey {
  readonly objectType: string;
  readonly attributes: readonly string[];
  /** The primary record kind, or 'other' (index, guard, unknown). */
  readonly kind: RecordKind | 'other';
  /** The record's id (last attribute) for a primary record, else ''. */
  readonly id: string;
}

const NUL = '\u0000';

/** Splits a composite key (`\0type\0a\0b\0`); a simple key is one 'other' segment. */
export function parseStateKey(key: string): ParsedKey {
  if (!key.startsWith(NUL)) return { objectType: key, attributes: [], kind: 'other', id: '' };
  const [objectType = '', ...attributes] = key.slice(1, key.endsWith(NUL) ? -1 : undefined).split(NUL);
  const kind = KIND_BY_TYPE.get(objectType);
  if (kind === undefined || attributes.length !== ATTRIBUTE_COUNTS[kind])
    return { objectType, attributes, kind: 'other', id: '' };
  return { objectType, attributes, kind, id: attributes[attributes.length - 1] ?? '' };
}

/** Builds the composite key of a primary record (`prefix` holds leading attributes, e.g. a fraud report's txTime). */
export function recordKey(kind: RecordKind, id: string, prefix: readonly string[] = []): string {
  return compositeKey(KEY_TYPES[kind], [...prefix, id]);
}

/** Builds any composite key (indexes). */
export function compositeKey(objectType: string, attributes: readonly string[]): string {
  return `${NUL}${objectType}${NUL}${attributes.map((a) => `${a}${NUL}`).join('')}`;
}
