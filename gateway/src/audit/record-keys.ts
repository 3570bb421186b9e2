/**
 * The chaincode's key layout, as the audit reads it. ONE place to adjust
 * when the chaincode's ledger/keys change.
 *
 * Assumed layout (to be aligned with chaincode/src/ledger/ once it exists):
 * Fabric composite keys (`\u0000type\u0000attr1\u0000...\u0000`) whose object
 * type names the record; the primary records are
 *   card~<cardRef>            Card JSON
 *   unit~<unitId>             Unit JSON
 *   verification~<recordId>   VerificationRecord JSON
 *   fraud~<reportId>          FraudReport JSON
 *   eid~<tokenHash>           EidToken JSON
 * Every other key (person and verification indexes, request-id uniqueness
 * keys, `guard/...` keys) is an index or guard: counted, not rebuilt.
 * Classification also accepts plain `type/id` keys, so a switch between
 * composite and plain keys needs no change here.
 */

/** The primary records the audit rebuilds. */
export const RECORD_KINDS = ['card', 'unit', 'verification', 'fraudReport', 'eidToken'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Object type (first key segment) of each primary record. */
export const KEY_TYPES: Readonly<Record<RecordKind, string>> = {
  card: 'card',
  unit: 'unit',
  verification: 'verification',
  fraudReport: 'fraud',
  eidToken: 'eid',
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
}

const NUL = '\u0000';

/** Splits a composite key (`\0type\0a\0b\0`) or a plain key (`type/a`). */
export function parseStateKey(key: string): ParsedKey {
  let parts: string[];
  if (key.startsWith(NUL)) {
    parts = key.slice(1, key.endsWith(NUL) ? -1 : undefined).split(NUL);
  } else {
    parts = key.split('/');
  }
  const [objectType = '', ...attributes] = parts;
  const kind = attributes.length === 1 ? (KIND_BY_TYPE.get(objectType) ?? 'other') : 'other';
  return { objectType, attributes, kind };
}

/** Builds the composite key of a primary record (test support and tools). */
export function recordKey(kind: RecordKind, id: string): string {
  return `${NUL}${KEY_TYPES[kind]}${NUL}${id}${NUL}`;
}

/** Builds any composite key (indexes). */
export function compositeKey(objectType: string, attributes: readonly string[]): string {
  return `${NUL}${objectType}${NUL}${attributes.map((a) => `${a}${NUL}`).join('')}`;
}
